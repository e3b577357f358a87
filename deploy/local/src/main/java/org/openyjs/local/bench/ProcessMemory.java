package org.openyjs.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's memory from /proc: RSS counts every page it maps, shared or not, so summing RSS over
 * PostgreSQL's processes counts its shared buffers once per backend; PSS (proportional set size, from
 * {@code smaps_rollup}) divides each shared page among the processes that map it, so PSS adds up across
 * processes to what they take together.
 *
 * @param rssMiB     resident set size
 * @param pssMiB     proportional set size
 * @param peakRssMiB the highest RSS so far (VmHWM)
 */
record ProcessMemory(double rssMiB, double pssMiB, double peakRssMiB) {

    static final ProcessMemory NONE = new ProcessMemory(0, 0, 0);

    /** The process's figures now; zeros if it has ended (or its smaps cannot be read). */
    static ProcessMemory of(long pid) {
        try {
            List<String> rollup = Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"));
            List<String> status = Files.readAllLines(Path.of("/proc/" + pid + "/status"));
            return new ProcessMemory(kib(rollup, "Rss") / 1024.0, kib(rollup, "Pss") / 1024.0, kib(status, "VmHWM") / 1024.0);
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** Several processes together (PostgreSQL's server and backends): RSS, PSS and peak RSS summed. */
    static ProcessMemory sum(List<ProcessHandle> processes) {
        return processes.stream().map(p -> of(p.pid())).reduce(NONE, ProcessMemory::plus);
    }

    ProcessMemory plus(ProcessMemory other) {
        return new ProcessMemory(rssMiB + other.rssMiB, pssMiB + other.pssMiB, peakRssMiB + other.peakRssMiB);
    }

    private static long kib(List<String> lines, String field) {
        return lines.stream().filter(l -> l.startsWith(field + ":"))
                .map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
    }
}

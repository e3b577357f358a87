package org.openyjs.local.bench;

import org.openyjs.local.stack.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the stack over a phase, from /proc (utime + stime). On a machine shared
 * with other work the wall-clock rates move with the neighbours; the CPU spent per event does much less, so
 * it is printed beside them.
 */
final class CpuUse {

    /** Linux's USER_HZ: /proc reports times in these ticks. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Double> seconds;

    private CpuUse(Map<String, Double> seconds) {
        this.seconds = seconds;
    }

    /** Now: CPU seconds so far of each service JVM, PostgreSQL (all its processes) and this launcher. */
    static CpuUse now(String postgresDataDir) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            seconds.put(service.artifact(), processOf(service).map(p -> cpuSeconds(p.pid())).orElse(0.0));
        }
        // The server's own time counts its backends that have exited (the pool closes idle connections): without it
        // a phase in which connections were retired could show less PostgreSQL CPU at its end than at its start.
        List<ProcessHandle> servers = postgresServers(postgresDataDir).toList();
        seconds.put("postgresql", servers.stream().flatMap(CpuUse::withBackends).mapToDouble(p -> cpuSeconds(p.pid())).sum()
                + servers.stream().mapToDouble(p -> reapedChildrenSeconds(p.pid())).sum());
        seconds.put("launcher", cpuSeconds(ProcessHandle.current().pid()));
        return new CpuUse(seconds);
    }

    /** The service's JVM among this launcher's children, found by its jar. */
    static Optional<ProcessHandle> processOf(Service service) {
        String jar = service.artifact() + ".jar";
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().arguments().map(a -> Stream.of(a).anyMatch(arg -> arg.endsWith(jar))).orElse(false))
                .findFirst();
    }

    /** The PostgreSQL server on this data directory and its backends. */
    static List<ProcessHandle> postgresProcesses(String dataDir) {
        return postgresServers(dataDir).flatMap(CpuUse::withBackends).toList();
    }

    private static Stream<ProcessHandle> withBackends(ProcessHandle server) {
        return Stream.concat(Stream.of(server), server.descendants());
    }

    /** The PostgreSQL server (postmaster) started on this data directory. */
    private static Stream<ProcessHandle> postgresServers(String dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Stream.of(a).anyMatch(arg -> arg.contains(dataDir)))
                        .orElse(false));
    }

    /**
     * "case-service 1.23, kpi-service 0.40, ..." : milliseconds of CPU per unit between then and now, to two decimals
     * (a tenth of a millisecond per event is a quarter of what the import's target allows on 2 cores).
     */
    String perUnitSince(CpuUse then, long units) {
        StringBuilder s = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            double used = e.getValue() - then.seconds.getOrDefault(e.getKey(), 0.0);
            total += used;
            s.append(e.getKey()).append(' ').append(hundredths(used * 1000 / Math.max(1, units))).append(", ");
        }
        return "total " + hundredths(total * 1000 / Math.max(1, units)) + " (" + s.substring(0, s.length() - 2) + ")";
    }

    private static String hundredths(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    double totalSince(CpuUse then) {
        return seconds.entrySet().stream()
                .mapToDouble(e -> e.getValue() - then.seconds.getOrDefault(e.getKey(), 0.0)).sum();
    }

    /** utime + stime: the process's own CPU. */
    private static double cpuSeconds(long pid) {
        return statSeconds(pid, 11);
    }

    /** cutime + cstime: the CPU of its children that have exited and been waited for. */
    private static double reapedChildrenSeconds(long pid) {
        return statSeconds(pid, 13);
    }

    /** Two adjacent tick counts of /proc/pid/stat, from the given index of the fields after the command name. */
    private static double statSeconds(long pid, int first) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[first]) + Long.parseLong(fields[first + 1])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }
}

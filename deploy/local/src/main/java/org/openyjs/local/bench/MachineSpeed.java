package org.openyjs.local.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * How fast this machine is while the benchmark runs, so figures from different runs (or days) can be compared: the
 * same kind of machine has measured twice as slow on one day as another (a rebuild of a million events 57 s, then
 * 103 s, with the same code). A fixed single-threaded workload before the stack starts, the cost of a small durable
 * write (what a PostgreSQL commit waits for), and the share of CPU time the hypervisor gave to others (steal).
 */
final class MachineSpeed {

    private static final int MIB = 1024 * 1024;

    private MachineSpeed() {
    }

    /** SHA-256 over 256 MiB in this JVM, on one thread, after a warm-up: MiB/s. */
    static double hashRate() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[MIB];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) i;
            }
            for (int i = 0; i < 64; i++) {
                sha.update(block);
            }
            sha.digest();
            long start = System.nanoTime();
            for (int i = 0; i < 256; i++) {
                sha.update(block);
            }
            sha.digest();
            return 256 / ((System.nanoTime() - start) / 1e9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Milliseconds per 8 KiB write forced to the disk, over 200 of them in {@code dir}. */
    static double fsyncMillis(Path dir) throws IOException {
        Path file = dir.resolve("fsync-probe");
        ByteBuffer page = ByteBuffer.allocate(8192);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long start = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                page.clear();
                channel.write(page, (long) i * page.capacity());
                channel.force(false);
            }
            return (System.nanoTime() - start) / 1e6 / 200;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The CPU time counters of the whole machine (/proc/stat's first line): total and steal, in ticks. */
    record Ticks(long total, long steal) {
        static Ticks now() {
            try {
                List<String> stat = Files.readAllLines(Path.of("/proc/stat"));
                String[] cpu = stat.get(0).trim().split("\\s+");
                long total = 0;
                // user nice system idle iowait irq softirq steal (guest time is already counted in user)
                for (int i = 1; i <= 8 && i < cpu.length; i++) {
                    total += Long.parseLong(cpu[i]);
                }
                return new Ticks(total, cpu.length > 8 ? Long.parseLong(cpu[8]) : 0);
            } catch (IOException | RuntimeException e) {
                return new Ticks(0, 0);
            }
        }

        /** The share of the time since {@code before} stolen, in %; 0 where /proc/stat cannot be read. */
        double stealPercentSince(Ticks before) {
            long elapsed = total - before.total;
            return elapsed <= 0 ? 0 : 100.0 * (steal - before.steal) / elapsed;
        }
    }
}

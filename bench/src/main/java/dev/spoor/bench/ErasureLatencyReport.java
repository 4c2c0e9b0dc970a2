/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.governance.ErasureReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * How long {@code journal.governance().erase(device)} takes on journals of different sizes: the erasure is
 * one durable record (fsync of the file and its directory) plus counting the device's blocks in the index,
 * so it should not grow with the journal. Builds (or reuses) the scan benchmark's journals of the given
 * sizes from 1,000 devices, copies each so the cached one stays unerased, erases 21 devices one by one and
 * prints the first call (it creates the erasure file) apart from the median and largest of the other 20.
 * <pre>
 *   java &lt;spoor.jvm.flags&gt; -cp bench/target/benchmarks.jar dev.spoor.bench.ErasureLatencyReport 1000000 50000000
 * </pre>
 */
public final class ErasureLatencyReport {
    private static final int DEVICES = 1_000;
    private static final int ERASURES = 21;

    private ErasureLatencyReport() {
    }

    /**
     * @param args journal sizes in events (default 1,000,000 and 50,000,000).
     * @throws IOException when a journal cannot be copied.
     */
    public static void main(final String[] args) throws IOException {
        final long[] sizes = args.length == 0 ? new long[] {1_000_000L, 50_000_000L}
            : Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        for (final long events : sizes) {
            final Path source = ScanJournal.build(events, DEVICES);
            final Path copy = Files.createTempDirectory("spoor-erasure-latency-");
            try {
                copyTree(source, copy);
                report(events, copy);
            } finally {
                Cleanup.delete(copy);
            }
        }
    }

    private static void report(final long events, final Path dir) {
        final long[] ns = new long[ERASURES];
        long blocks = 0;
        try (Journal journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(DEVICES))) {
            for (int i = 0; i < ERASURES; i++) {
                final long start = System.nanoTime();
                final ErasureReport report = journal.governance().erase("ws-" + (i * 47));
                ns[i] = System.nanoTime() - start;
                blocks += report.blocksWhole();
            }
            final long first = ns[0];
            Arrays.sort(ns, 1, ERASURES);
            System.out.printf("%,d events (%,d blocks): first erase %.2f ms; the next %d: median %.2f ms, max %.2f ms"
                    + " (%,d blocks erased in all)%n", events, journal.stats().blocks() + blocks, first / 1e6,
                ERASURES - 1, ns[ERASURES / 2] / 1e6, ns[ERASURES - 1] / 1e6, blocks);
        }
    }

    private static void copyTree(final Path from, final Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(path -> {
                try {
                    final Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

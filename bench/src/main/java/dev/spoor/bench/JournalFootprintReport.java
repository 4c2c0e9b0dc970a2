/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.recovery.VerifyReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Disk and memory footprint of a journal, measured: writes {@code events} Balabit-like events of
 * {@code devices} devices with default settings, reports staging bytes per active device while open, then
 * after close the bytes the file system allocated (du) against the bytes of blocks written and the files'
 * lengths, and the index's share.
 * <pre>
 *   java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED ... -cp bench/target/benchmarks.jar \
 *       dev.spoor.bench.JournalFootprintReport [events] [devices]
 * </pre>
 */
public final class JournalFootprintReport {
    private JournalFootprintReport() {
    }

    /**
     * @param args events (default 5,000,000) and devices (default 1,000).
     * @throws Exception when the journal cannot be written or measured.
     */
    public static void main(final String[] args) throws Exception {
        final int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        final int devices = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        final SyntheticMouse mouse = new SyntheticMouse(events, devices, 7);
        final Path dir = Files.createTempDirectory("spoor-footprint");
        try {
            final long heapBefore = usedHeap();
            try (Journal journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(Math.max(16, devices)));
                 JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < events; i++) {
                    writer.move(mouse.device[i], mouse.timestampNs[i], mouse.x[i], mouse.y[i], 0);
                }
                final long heapOpen = usedHeap() - heapBefore;
                final long stagingAllocated = du(dir.resolve("staging"));
                System.out.printf(Locale.ROOT, "open: %d devices with open blocks, %d events staged (%d bytes), "
                    + "staging allocated %d bytes = %d per active device; writer heap ~%d bytes = %d per device%n",
                    writer.openBlocks(), writer.stagedEvents(), writer.stagedBytes(), stagingAllocated,
                    stagingAllocated / Math.max(1, writer.openBlocks()), heapOpen, heapOpen / devices);
            }
            try (Journal journal = Journal.openReadOnly(dir)) {
                final VerifyReport report = journal.verify();
                final long queueAllocated = du(dir.resolve("queue"));
                final long queueLength = apparent(dir.resolve("queue"));
                final long index = Files.size(dir.resolve("index/blocks.idx"));
                System.out.printf(Locale.ROOT, "closed: %d events in %d blocks, %d block bytes (%.3f B/event); "
                    + "queue files: %d bytes allocated (du), %d bytes long; allocated/written = %.3f; "
                    + "index %d bytes = %.3f%% of block bytes%n", report.events(), report.blocks(),
                    report.blockBytes(), (double)report.blockBytes() / report.events(), queueAllocated, queueLength,
                    (double)queueAllocated / report.blockBytes(), index, 100.0 * index / report.blockBytes());
            }
        } finally {
            Cleanup.delete(dir);
        }
    }

    private static long usedHeap() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    private static long du(final Path path) throws IOException, InterruptedException {
        final Process du = new ProcessBuilder("du", "-s", "-B1", path.toString()).start();
        try (InputStream in = du.getInputStream()) {
            final String out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            du.waitFor();
            return Long.parseLong(out.split("\\s+")[0]);
        }
    }

    private static long apparent(final Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A large journal for scan benchmarks, built once and kept under the temp directory (a marker file says
 * it is complete, so later forks and runs reuse it): {@code events} mouse moves spread over {@code devices}
 * devices with Balabit-like gaps (about 80 ms apart per device) and pixel steps.
 */
final class ScanJournal {
    /** First timestamp: 2026-01-01T00:00Z. */
    static final long EPOCH_NS = 1_767_225_600_000_000_000L;
    private static final int[] GAPS_MS = {0, 16, 15, 109, 125, 110, 94, 31, 93, 156, 78, 140, 124, 32, 47};

    private ScanJournal() {
    }

    static Path build(final long events, final int devices) {
        final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "spoor-scan-bench-" + events + "-" + devices
            + "-v2");
        final Path marker = dir.resolve("COMPLETE");
        if (Files.exists(marker)) {
            return dir;
        }
        if (Files.exists(dir)) {
            Cleanup.delete(dir);
        }
        final long started = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(20261127);
        final long[] ts = new long[devices];
        final int[] x = new int[devices];
        final int[] y = new int[devices];
        try (Journal journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(Math.max(16, devices)));
             JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[devices];
            for (int d = 0; d < devices; d++) {
                ids[d] = journal.devices().register("ws-" + d);
                ts[d] = EPOCH_NS;
            }
            for (long i = 0; i < events; i++) {
                final int d = random.nextInt(devices);
                ts[d] += GAPS_MS[random.nextInt(GAPS_MS.length)] * 1_000_000L;
                x[d] += random.nextInt(9) - 4;
                y[d] += random.nextInt(9) - 4;
                writer.move(ids[d], ts[d], x[d], y[d], 0);
                if ((i & 0xFFFFF) == 0) {
                    writer.poll();
                }
            }
        }
        try {
            Files.writeString(marker, "built in " + (System.nanoTime() - started) / 1_000_000 + " ms\n");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}

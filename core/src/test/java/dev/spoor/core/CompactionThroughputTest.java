/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A timed compaction of a generated journal (not a JMH benchmark; off unless {@code -Dspoor.bench.compaction}):
 * 30 devices x 4 closed hourly cycles x 25,000 events (3 M events; {@code -Dspoor.bench.events=N} per device
 * and cycle), device 0 erased whole, device 1 in a range straddling blocks of every cycle. Prints MB of cycle
 * files and blocks compacted per second.
 */
@EnabledIfSystemProperty(named = "spoor.bench.compaction", matches = "true")
class CompactionThroughputTest {
    private static final int DEVICES = 30;
    private static final int CYCLES = 4;
    private static final int EVENTS = Integer.getInteger("spoor.bench.events", 25_000);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void timedCompaction(final boolean isEncrypted) throws Exception {
        final ManualClock clock = new ManualClock(CompactionJournal.START_MS);
        final long blocks;
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(isEncrypted)))) {
            final long[] ids = new long[DEVICES];
            for (int d = 0; d < DEVICES; d++) {
                ids[d] = journal.devices().register("device-" + d);
            }
            try (JournalWriter writer = journal.newWriter()) {
                long ts = 0;
                for (int c = 0; c < CYCLES; c++) {
                    for (int i = 0; i < EVENTS; i++, ts += 1_000_000L) {
                        for (int d = 0; d < DEVICES; d++) {
                            writer.move(ids[d], ts, (int)((i * 7L + d) % 1920), (int)((i * (long)i + d) % 1080), 0);
                        }
                    }
                    writer.flush();
                    clock.advance(3_600_000L);
                }
                writer.move(ids[2], ts, 1, 1, 0);
            }
            blocks = journal.stats().blocks();
            journal.governance().erase("device-0");
            for (int c = 0; c < CYCLES; c++) {
                final long from = (c * (long)EVENTS + EVENTS / 3) * 1_000_000L;
                journal.governance().erase("device-1", from, from + EVENTS / 3 * 1_000_000L);
            }
        }
        long cycleBytes = 0;
        for (final Path file : JournalFiles.cycleFiles(dir)) {
            cycleBytes += Files.size(file);
        }
        final long blockBytes = JournalFiles.blockBytes(dir);
        final long startNs = System.nanoTime();
        final CompactionReport report = Governance.compact(dir);
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        assertEquals(CYCLES, report.cyclesRewritten(), report.toString());
        assertTrue(report.blocksReencoded() >= CYCLES, report.toString());
        System.out.printf("CompactionThroughputTest encrypted=%s: %,d events, %,d blocks, %,d block bytes in %,d bytes"
                + " of cycle files; compaction %.3f s: %.1f MB/s of block bytes, %.1f MB/s of cycle files, %,.0f"
                + " blocks/s; %s%n", isEncrypted, (long)DEVICES * CYCLES * EVENTS + 1, blocks, blockBytes, cycleBytes,
            seconds, blockBytes / seconds / 1e6, cycleBytes / seconds / 1e6, blocks / seconds, report);
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertTrue(journal.verify().isClean());
        }
    }
}

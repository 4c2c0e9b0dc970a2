/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.RetentionReport;
import dev.spoor.core.internal.CycleCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention deletes whole old roll cycles while a writer and a reader (another journal instance, as another
 * process would hold) are open: scans stop returning those events, the files and their bytes are gone, the
 * writer carries on, and the audit log records it.
 */
class RetentionTest {
    private static final long HOUR_MS = 3_600_000L;
    private static final long START_MS = 1_767_225_600_000L;

    @TempDir
    Path dir;

    @Test
    void deletesOldCyclesUnderAnOpenWriterAndReader() throws Exception {
        final ManualClock clock = new ManualClock(START_MS);
        try (Journal journal = Journal.open(dir, new JournalConfig().clock(clock));
             JournalWriter writer = journal.newWriter()) {
            for (int hour = 0; hour < 6; hour++) {
                for (int i = 0; i < 1_000; i++) {
                    final long ts = (START_MS + hour * HOUR_MS + i * 1_000L) * 1_000_000L;
                    writer.move(1 + i % 3, ts, i, hour, 0);
                }
                writer.flush();
                clock.advance(HOUR_MS);
            }
            try (Journal reader = Journal.openReadOnly(dir)) {
                assertEquals(6_000, events(reader));
                final int filesBefore = JournalFiles.cycleFiles(dir).size();
                final RetentionReport report = journal.governance().retain(3 * HOUR_MS);
                assertEquals(3, report.cyclesDeleted(), report.toString());
                assertEquals(3_000, report.eventsDeleted(), report.toString());
                assertTrue(report.bytesFreed() > 0, report.toString());
                assertEquals(filesBefore - 3, JournalFiles.cycleFiles(dir).size());
                assertEquals(3_000, events(journal), "the writer's journal");
                Thread.sleep(150);
                assertEquals(3_000, events(reader), "another instance sees it within 100 ms");
                assertEquals(3_000, journal.verify().events());
            }
            writer.move(1, (START_MS + 6 * HOUR_MS) * 1_000_000L, 1, 1, 0);
            writer.flush();
            assertEquals(3_001, events(journal), "the writer carries on");
            final List<AuditEntry> audit = journal.governance().auditLog();
            assertEquals("retention", audit.get(audit.size() - 1).action(), audit.toString());
            assertTrue(audit.get(audit.size() - 1).details().contains("3000 events"), audit.toString());
            assertThrows(IllegalArgumentException.class, () -> journal.governance().retain(0));
        }
        try (Journal reopened = Journal.openReadOnly(dir)) {
            assertEquals(3_001, events(reopened), "a fresh open agrees");
        }
    }

    @Test
    void aCycleFileRetentionDeletesWhileTheJournalOpensIsNoDamage() throws Exception {
        final ManualClock clock = new ManualClock(START_MS);
        final JournalConfig config = new JournalConfig().clock(clock);
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            for (int hour = 0; hour < 3; hour++) {
                writer.move(1, (START_MS + hour * HOUR_MS) * 1_000_000L, hour, hour, 0);
                writer.flush();
                clock.advance(HOUR_MS);
            }
        }
        // The oldest cycle file as a reader finds it when retention deletes it between the listing and the open: in
        // the listing, but not there to open (a dangling link stands for that instant, without a race to win).
        final Path oldest = JournalFiles.cycleFiles(dir).get(0);
        final int oldestCycle = (int)config.rollPeriod().cycleOf(START_MS);
        Files.delete(oldest);
        Files.createSymbolicLink(oldest, dir.resolve("deleted-by-retention"));
        final int[] marksRead = new int[1];
        final CycleCheck.Result check = CycleCheck.run(dir, config.rollPeriod(),
            () -> marksRead[0]++ == 0 ? Integer.MIN_VALUE : oldestCycle + 1);
        assertTrue(check.isClean(), check.damage().toString());
        assertEquals(2, check.entries().size(), "the two cycles left");
        assertTrue(marksRead[0] > 1, "the mark was read again for the file gone");

        final JournalException gone = assertThrows(JournalException.class,
            () -> CycleCheck.run(dir, config.rollPeriod(), () -> Integer.MIN_VALUE));
        assertTrue(gone.getMessage().contains("no retention run deleted it"), gone.getMessage());
    }

    private static long events(final Journal journal) {
        final long[] n = new long[1];
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        try (JournalReader reader = journal.newReader()) {
            reader.readBlocks(null, Long.MIN_VALUE, Long.MAX_VALUE, (q, device, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                n[0] += batch.size();
                return true;
            });
        }
        return n[0];
    }
}

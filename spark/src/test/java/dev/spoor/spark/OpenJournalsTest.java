/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalReader;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Journals shared between queries and tasks: reused while unchanged, reopened once a device was registered. */
class OpenJournalsTest {
    @TempDir
    Path dir;

    @Test
    void shouldReuseAHandleUntilTheDeviceDictionaryChanges() {
        final Path journalDir = dir.resolve("j");
        append(journalDir, "first");
        final Journal first;
        try (OpenJournals.Lease a = OpenJournals.acquire(journalDir.toString());
             OpenJournals.Lease b = OpenJournals.acquire(journalDir.toString())) {
            first = a.journal();
            assertSame(first, b.journal(), "one handle for both holders");
        }
        try (OpenJournals.Lease again = OpenJournals.acquire(journalDir.toString())) {
            assertSame(first, again.journal(), "kept open between queries");
        }
        final long second = append(journalDir, "second");
        try (OpenJournals.Lease after = OpenJournals.acquire(journalDir.toString())) {
            assertNotSame(first, after.journal(), "a new device: a new handle");
            assertEquals("second", after.journal().devices().keyOf(second));
        }
    }

    @Test
    void shouldLendAReaderGivenBackWhichSeesBlocksSealedSinceIt() {
        final Path journalDir = dir.resolve("readers");
        final long device = append(journalDir, "a");
        final JournalReader first;
        try (OpenJournals.Lease lease = OpenJournals.acquire(journalDir.toString())) {
            first = lease.newReader();
            assertEquals(1, blocks(first, device));
            lease.giveBack(first);
        }
        append(journalDir, "a"); // the same device: the dictionary is unchanged, the handle stays
        try (OpenJournals.Lease lease = OpenJournals.acquire(journalDir.toString())) {
            final JournalReader again = lease.newReader();
            final JournalReader second = lease.newReader();
            assertSame(first, again, "the reader given back is lent again");
            assertNotSame(again, second, "one reader per borrower");
            assertEquals(2, blocks(again, device), "a lent reader plans from the index as it is now");
            assertEquals(2, blocks(second, device));
            lease.giveBack(again);
            lease.giveBack(second);
        }
    }

    private static int blocks(final JournalReader reader, final long device) {
        final BlockPlan plan = new BlockPlan();
        reader.plan(new long[] {device}, 0, Long.MAX_VALUE, -1, plan);
        return plan.size();
    }

    private static long append(final Path journalDir, final String key) {
        try (Journal journal = Journal.open(journalDir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long id = journal.devices().register(key);
            writer.move(id, 1_000, 1, 1, 0);
            return id;
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
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

    private static long append(final Path journalDir, final String key) {
        try (Journal journal = Journal.open(journalDir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long id = journal.devices().register(key);
            writer.move(id, 1_000, 1, 1, 0);
            return id;
        }
    }
}

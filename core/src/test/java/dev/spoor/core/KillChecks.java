/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.VerifyReport;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every kill test checks of a journal a SIGKILL left: it opens read only before anything repairs it (as
 * {@code spoor verify} or a reader in another process would) and verifies clean; it opens for writing (recovery
 * runs) and verifies clean; and, after every {@value #READ_AGAIN_EVERY}th kill, a read-only open after that returns
 * the same events. That third open checks that recovery left nothing a reader sees differently; the writable open's
 * verify and event list already cover what the kill left, so it need not cost every kill a third open.
 */
final class KillChecks {
    /** Every this many reopens, the journal is opened read only a second time, after recovery. */
    static final int READ_AGAIN_EVERY = 4;
    private static int reopens;

    private KillChecks() {
    }

    /** The events found before recovery (read only) and after it. */
    record Found(List<String> beforeRecovery, List<String> afterRecovery) {
    }

    /**
     * @param dir     the journal the kill left.
     * @param config  its settings, for the writable open.
     * @param context printed with any failure (seed, run, delay).
     * @return the events read back, or null when the kill came before the journal existed.
     */
    static Found reopen(final Path dir, final JournalConfig config, final String context) {
        if (!Journal.isJournal(dir)) {
            return null;
        }
        final List<String> before;
        try (Journal journal = Journal.openReadOnly(dir)) {
            before = verifiedEvents(journal, context + ", read only before recovery");
        }
        final List<String> after;
        try (Journal journal = Journal.open(dir, config)) {
            after = verifiedEvents(journal, context + ", after recovery " + journal.recovery());
        }
        if (reopens++ % READ_AGAIN_EVERY != 0) {
            return new Found(before, after);
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(after, verifiedEvents(journal, context + ", read only after recovery"),
                context + ": a read-only open after recovery reads other events");
        }
        return new Found(before, after);
    }

    private static List<String> verifiedEvents(final Journal journal, final String context) {
        final VerifyReport report = journal.verify();
        assertTrue(report.isClean(), context + ": " + report);
        final List<String> events = CompactionJournal.events(journal);
        assertEquals(events.size(), report.events(), context + ": verify counted other events than were read");
        return events;
    }
}

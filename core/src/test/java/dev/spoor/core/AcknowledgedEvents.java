/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.recovery.VerifyReport;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events numbered by their timestamps, {@code BASE_NS + n us} for event n, as the fault tests append them, and the
 * check that a journal holds events 0..acknowledged-1 exactly once, nothing else, and verifies clean.
 */
final class AcknowledgedEvents {
    /** Event n's timestamp is BASE_NS + n * 1,000 ns. */
    static final long BASE_NS = 1_767_600_000_000_000_000L;

    private AcknowledgedEvents() {
    }

    /**
     * @param n the event's number.
     * @return its timestamp, epoch ns.
     */
    static long timestampNs(final long n) {
        return BASE_NS + n * 1000;
    }

    /**
     * Asserts every event 0..acknowledged-1 is in the journal exactly once, nothing else, and verify is clean.
     *
     * @param dir          the journal, opened read-only here.
     * @param acknowledged events appended and acknowledged.
     * @param where        what to name in a failure (seed, settings).
     * @return events found.
     */
    static long check(final Path dir, final long acknowledged, final String where) {
        final byte[] seen = new byte[(int)acknowledged];
        final long[] found = {0};
        final long[] stray = {0};
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(4096);
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                for (int i = 0; i < batch.size(); i++) {
                    final long n = (batch.timestampNs(i) - BASE_NS) / 1000;
                    if (n < 0 || n >= acknowledged || seen[(int)n] != 0) {
                        stray[0]++;
                    } else {
                        seen[(int)n] = 1;
                        found[0]++;
                    }
                }
                return true;
            });
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), "verify: " + report.problems() + " " + where);
        }
        assertEquals(0, stray[0], "events found twice or never acknowledged: " + where);
        assertEquals(acknowledged, found[0], "acknowledged events missing: " + where);
        return found[0];
    }
}

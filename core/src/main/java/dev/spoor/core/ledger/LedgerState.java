/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds the ledger's records into each source's {@link SourceProgress}. A BATCH is resolved against its
 * session's end count: whole when the session's writer took at least {@code appendedBefore + events} append
 * calls, otherwise the first {@code end - appendedBefore} of its events are in (a kill cut it short) and the
 * source's coverage stays where the batch started. A COMPLETE sets the source complete; a RESET forgets it.
 */
final class LedgerState {
    /** Missing value of the end-count maps. */
    static final long NO_END = -1;

    private LedgerState() {
    }

    /**
     * @param records the ledger, oldest first.
     * @return sessions that wrote a BATCH and have no SESSION_END among the records.
     */
    static LongHashSet unended(final List<LedgerRecord> records) {
        final LongHashSet batched = new LongHashSet();
        for (final LedgerRecord record : records) {
            if (record.kind() == LedgerRecord.BATCH) {
                batched.add(record.sessionId());
            }
        }
        for (final LedgerRecord record : records) {
            if (record.kind() == LedgerRecord.SESSION_END) {
                batched.remove(record.sessionId());
            }
        }
        return batched;
    }

    /**
     * @param records the ledger, oldest first.
     * @return every session id the records name.
     */
    static LongHashSet sessions(final List<LedgerRecord> records) {
        final LongHashSet sessions = new LongHashSet();
        for (final LedgerRecord record : records) {
            if (record.kind() == LedgerRecord.BATCH || record.kind() == LedgerRecord.SESSION_END) {
                sessions.add(record.sessionId());
            }
        }
        return sessions;
    }

    /**
     * @param records  the ledger, oldest first.
     * @param liveEnds the append counts of {@link #unended} sessions, read from their writers' staging files.
     * @return each source's progress, by key.
     * @throws IllegalStateException when a BATCH's session has no end count in either (callers check first).
     */
    static TreeMap<String, SourceProgress> resolve(final List<LedgerRecord> records,
        final Long2LongHashMap liveEnds) {
        final Long2LongHashMap ends = new Long2LongHashMap(NO_END);
        liveEnds.forEachLong(ends::put);
        for (final LedgerRecord record : records) {
            if (record.kind() == LedgerRecord.SESSION_END) {
                // Two ends of one session (writer close and session close, or recovery): the larger holds.
                ends.put(record.sessionId(), Math.max(record.appended(), ends.get(record.sessionId())));
            }
        }
        final TreeMap<String, SourceProgress> sources = new TreeMap<>();
        for (final LedgerRecord record : records) {
            switch (record.kind()) {
                case LedgerRecord.BATCH:
                    sources.put(record.sourceKey(), applyBatch(sources.get(record.sourceKey()), record,
                        endOf(ends, record.sessionId())));
                    break;
                case LedgerRecord.COMPLETE:
                    sources.put(record.sourceKey(), new SourceProgress(record.sourceKey(), record.events(),
                        record.bytesAfter(), record.hashAfter(), record.linesAfter(), true));
                    break;
                case LedgerRecord.RESET:
                    sources.remove(record.sourceKey());
                    break;
                default:
                    break;
            }
        }
        return sources;
    }

    /**
     * @param records the ledger, oldest first.
     * @return each source's last READING after its last RESET, by key.
     */
    static Map<String, String> readings(final List<LedgerRecord> records) {
        final Map<String, String> readings = new TreeMap<>();
        for (final LedgerRecord record : records) {
            if (record.kind() == LedgerRecord.READING) {
                readings.put(record.sourceKey(), record.reading());
            } else if (record.kind() == LedgerRecord.RESET) {
                readings.remove(record.sourceKey());
            }
        }
        return readings;
    }

    /**
     * @param before the source's progress before the batch, or null.
     * @param batch  the BATCH record.
     * @param end    its session's end count.
     * @return the source's progress after it.
     */
    static SourceProgress applyBatch(final SourceProgress before, final LedgerRecord batch, final long end) {
        final long in = Math.min(batch.events(), Math.max(0, end - batch.appended()));
        if (in == batch.events()) {
            return new SourceProgress(batch.sourceKey(), batch.eventsBefore() + batch.events(), batch.bytesAfter(),
                batch.hashAfter(), batch.linesAfter(), false);
        }
        // Cut short: coverage stays where the batch started. A batch that itself resumed a cut-short one starts
        // at that one's coverage with more events than it covers: keep the covered count from before.
        final long eventsCovered = before != null && before.bytesCovered() == batch.bytesBefore()
            ? Math.min(before.eventsCovered(), batch.eventsBefore()) : batch.eventsBefore();
        return new SourceProgress(batch.sourceKey(), batch.eventsBefore() + in, batch.bytesBefore(),
            batch.hashBefore(), batch.linesBefore(), false, eventsCovered);
    }

    private static long endOf(final Long2LongHashMap ends, final long sessionId) {
        final long end = ends.get(sessionId);
        if (end == NO_END) {
            throw new IllegalStateException("session 0x" + Long.toHexString(sessionId) + " has no end count");
        }
        return end;
    }
}

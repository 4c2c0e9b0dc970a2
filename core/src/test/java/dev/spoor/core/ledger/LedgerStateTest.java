/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import org.agrona.collections.Long2LongHashMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resolution rule: whole and partial batches against the session's end count, COMPLETE, RESET. */
class LedgerStateTest {
    private static final long S1 = 0x51;
    private static final long S2 = 0x52;
    private static final String A = "a.csv";
    private static final String B = "b.csv";

    @Test
    void aBatchIsWholeWhenItsSessionEndedAtOrPastItsLastEvent() {
        final Map<String, SourceProgress> sources = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.batch(S1, 10, A, 10, 5, 200, 0xAA, 10, 300, 0xBB, 15),
            LedgerRecord.sessionEnd(S1, 15));
        assertEquals(new SourceProgress(A, 15, 300, 0xBB, 15, false, 15), sources.get(A));
    }

    @Test
    void aBatchCutShortKeepsTheCoverageFromBeforeItAndCountsWhatWentIn() {
        final Map<String, SourceProgress> sources = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.batch(S1, 10, B, 0, 4, 0, 0, 0, 50, 0xB1, 4),
            LedgerRecord.batch(S1, 14, A, 10, 5, 200, 0xAA, 10, 300, 0xBB, 15),
            LedgerRecord.sessionEnd(S1, 17));
        assertEquals(new SourceProgress(A, 13, 200, 0xAA, 10, false, 10), sources.get(A),
            "3 of the 5 events went in; the first 200 bytes hold 10 of the 13");
        assertEquals(new SourceProgress(B, 4, 50, 0xB1, 4, false, 4), sources.get(B), "an earlier batch is whole");
    }

    @Test
    void aBatchOfWhichNothingWentInCountsNoneOfIt() {
        final Map<String, SourceProgress> sources = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.batch(S1, 10, A, 10, 5, 200, 0xAA, 10, 300, 0xBB, 15),
            LedgerRecord.sessionEnd(S1, 10));
        assertEquals(new SourceProgress(A, 10, 200, 0xAA, 10, false, 10), sources.get(A));
    }

    @Test
    void theLargestOfASessionsEndsCounts() {
        final Map<String, SourceProgress> sources = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.sessionEnd(S1, 10),
            LedgerRecord.sessionEnd(S1, 4));
        assertEquals(10, sources.get(A).events(), "the writer's close said 10; a stale 4 does not undo it");
    }

    @Test
    void aResumedBatchCutShortAgainKeepsTheFirstCoveredCount() {
        // Session 1 stored 3 events past byte 200 (events 10..12); session 2 resumed from byte 200 with
        // eventsBefore 13 and was cut short after 2 more (13, 14): 15 events, of which the first 10 lie in 200 bytes.
        final Map<String, SourceProgress> sources = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.batch(S1, 10, A, 10, 5, 200, 0xAA, 10, 300, 0xBB, 15),
            LedgerRecord.sessionEnd(S1, 13),
            LedgerRecord.batch(S2, 0, A, 13, 7, 200, 0xAA, 10, 400, 0xCC, 20),
            LedgerRecord.sessionEnd(S2, 2));
        assertEquals(new SourceProgress(A, 15, 200, 0xAA, 10, false, 10), sources.get(A));
    }

    @Test
    void completeMarksTheSourceAndALaterBatchContinuesFromIt() {
        final Map<String, SourceProgress> complete = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.complete(A, 10, 210, 0xAB, 11),
            LedgerRecord.sessionEnd(S1, 10));
        assertEquals(new SourceProgress(A, 10, 210, 0xAB, 11, true, 10), complete.get(A));
        assertTrue(complete.get(A).isComplete());
        final Map<String, SourceProgress> grown = resolve(
            LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.complete(A, 10, 210, 0xAB, 11),
            LedgerRecord.sessionEnd(S1, 10),
            LedgerRecord.batch(S2, 0, A, 10, 4, 210, 0xAB, 11, 290, 0xAC, 15),
            LedgerRecord.sessionEnd(S2, 1));
        assertEquals(new SourceProgress(A, 11, 210, 0xAB, 11, false, 10), grown.get(A),
            "the file grew; one of the 4 new events went in");
        assertFalse(grown.get(A).isComplete());
    }

    @Test
    void resetForgetsTheSourceUntilItsNextBatch() {
        final LedgerRecord first = LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10);
        final Map<String, SourceProgress> forgotten = resolve(first, LedgerRecord.complete(A, 10, 200, 0xAA, 10),
            LedgerRecord.reset(A), LedgerRecord.sessionEnd(S1, 10));
        assertNull(forgotten.get(A));
        assertTrue(forgotten.isEmpty());
        final Map<String, SourceProgress> again = resolve(first, LedgerRecord.reset(A),
            LedgerRecord.batch(S1, 10, A, 0, 3, 0, 0, 0, 60, 0xA3, 3), LedgerRecord.sessionEnd(S1, 12));
        assertEquals(new SourceProgress(A, 2, 0, 0, 0, false, 0), again.get(A));
    }

    @Test
    void aSessionWithoutEndIsResolvedFromItsLiveCountOrNamedUnended() {
        final List<LedgerRecord> records = List.of(LedgerRecord.batch(S1, 0, A, 0, 10, 0, 0, 0, 200, 0xAA, 10),
            LedgerRecord.batch(S2, 0, B, 0, 10, 0, 0, 0, 200, 0xAA, 10), LedgerRecord.sessionEnd(S2, 10));
        assertEquals(1, LedgerState.unended(records).size());
        assertTrue(LedgerState.unended(records).contains(S1));
        final Long2LongHashMap live = new Long2LongHashMap(LedgerState.NO_END);
        live.put(S1, 6);
        assertEquals(6, LedgerState.resolve(records, live).get(A).events());
    }

    private static Map<String, SourceProgress> resolve(final LedgerRecord... records) {
        final List<LedgerRecord> list = List.of(records);
        assertTrue(LedgerState.unended(list).isEmpty(), "every session ended");
        return LedgerState.resolve(list, new Long2LongHashMap(LedgerState.NO_END));
    }
}

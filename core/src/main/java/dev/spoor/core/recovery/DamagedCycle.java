/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

/**
 * A damaged roll cycle file, found by checking the cycle files against the cycle summary ({@code cycles.spoor})
 * before Chronicle maps any of them.
 *
 * @param cycle          the roll cycle.
 * @param file           its file name in {@code queue/}.
 * @param kind           what is wrong.
 * @param blocksExpected blocks the summary knew there, -1 when it had no record.
 * @param eventsExpected events the summary knew there, -1 when it had no record.
 * @param blocksLost     of those, blocks the file no longer holds whole (0 when unknown).
 * @param eventsLost     of those, events the file no longer holds whole (0 when unknown).
 * @param description    a sentence naming the file, what is wrong and what is lost.
 */
public record DamagedCycle(int cycle, String file, Kind kind, long blocksExpected, long eventsExpected,
    long blocksLost, long eventsLost, String description) {
    /** What is wrong with a cycle. */
    public enum Kind {
        /** The summary knows the cycle; its file is gone (and retention did not delete it). */
        MISSING,
        /** The file ends inside an excerpt, or before the last byte position the summary knows. */
        CUT
    }

    /**
     * @return a sentence naming the file, what is wrong and what is lost.
     */
    public String describe() {
        return description;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

/**
 * The one rule for the time ranges that reads take (the index, {@link JournalReader}, scans, reports, exports,
 * the CLI's {@code --from/--to}): [fromNs, toNs), epoch ns, start inclusive, end exclusive, except that a
 * {@code toNs} of {@link #NO_END} ({@code Long.MAX_VALUE}) has no end, so it holds a timestamp of
 * {@code Long.MAX_VALUE} too. A writer accepts timestamps 0..{@code Long.MAX_VALUE}; without the exception an
 * event at {@code Long.MAX_VALUE} would be stored and counted but outside every range, open-ended ones included.
 * Erasure records follow the same rule ({@code governance.Erasure}).
 * <p>Compare with {@link #lastNs(long)}, the last timestamp a range holds, rather than with {@code toNs}: it
 * never overflows ({@code toNs + 1} and {@code toNs - fromNs} can).
 */
public final class TimeRange {
    /** The {@code toNs} of a range without an end: it holds every timestamp from its start on, Long.MAX_VALUE too. */
    public static final long NO_END = Long.MAX_VALUE;
    /** The {@code fromNs} of a range without a start. */
    public static final long NO_START = Long.MIN_VALUE;

    private TimeRange() {
    }

    /**
     * @param toNs end of a range, epoch ns, exclusive; {@link #NO_END}: no end.
     * @return the last timestamp the range holds, inclusive: {@code toNs - 1}, or {@code Long.MAX_VALUE} when the
     *         range has no end.
     */
    public static long lastNs(final long toNs) {
        return toNs == NO_END ? NO_END : toNs - 1;
    }

    /**
     * @param fromNs start of a range, epoch ns, inclusive.
     * @param toNs   end of the range, epoch ns, exclusive; {@link #NO_END}: no end.
     * @return true when the range holds no timestamp at all (fromNs after its last).
     */
    public static boolean isEmpty(final long fromNs, final long toNs) {
        return fromNs > lastNs(toNs);
    }

    /**
     * @param fromNs      start of a range, epoch ns, inclusive.
     * @param toNs        end of the range, epoch ns, exclusive; {@link #NO_END}: no end.
     * @param timestampNs a timestamp.
     * @return true when the range holds the timestamp.
     */
    public static boolean contains(final long fromNs, final long toNs, final long timestampNs) {
        return timestampNs >= fromNs && timestampNs <= lastNs(toNs);
    }

    /**
     * @param fromNs start of a range, epoch ns, inclusive.
     * @param toNs   end of the range, epoch ns, exclusive; {@link #NO_END}: no end.
     * @param minNs  first timestamp of a span (a block's smallest), inclusive.
     * @param maxNs  last timestamp of the span (a block's largest), inclusive.
     * @return true when the range and the span share a timestamp.
     */
    public static boolean overlaps(final long fromNs, final long toNs, final long minNs, final long maxNs) {
        return Math.max(fromNs, minNs) <= Math.min(lastNs(toNs), maxNs);
    }
}

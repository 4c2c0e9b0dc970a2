/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitReader;
import dev.spoor.codec.entropy.BitWriter;

/**
 * Timestamps that sit on the ticks of a coarse clock, stored as counts of its periods (block flag
 * {@link BlockLayout#FLAG_CLOCK}).
 * <p>A Windows client stamps input with the system time, which advances once per clock interrupt by 156,001 x 100
 * ns (15.6001 ms: the "15.6 ms timer resolution"). Rounded to whole milliseconds, consecutive events then lie 15 or
 * 16 ms apart, 109 or 110 for seven interrupts, and which of the two is decided by where the interrupt falls within
 * a millisecond: a bit of noise per event for a code of millisecond deltas, 0.7 bits an event on the Balabit data.
 * Coded as whole periods instead, with the phase of the interrupts kept per stretch, the deltas are small and exact:
 * an event's timestamp is {@code t_s + floor((phase + K * period) / 2^32) * tick}, where {@code t_s} is the
 * timestamp of the stretch's first event and {@code K} the periods since it.
 * <p>Layout, in the TIME stream after the first timestamp and the tick, when the flag is set:
 * <pre>
 *   period   64 bits   the clock's period in ticks times 2^32, more than 2^32 and less than 2^62
 *   segments 16 bits   stretches on the clock, 1 to events / 2
 *   per segment, ascending and apart:
 *     start  17 bits   its first event: that event's delta is in ticks, as everywhere else
 *     end    17 bits   one past its last event, at least start + 2, at most the block's events
 *     phase  32 bits   where the clock stood at the first event, in 2^-32 ticks past its timestamp
 * </pre>
 * Events of a segment after its first carry {@code K_j - K_(j-1)}, 0 or more, in place of their delta in ticks;
 * every other event its delta in ticks. The encoder uses the clock only for deltas that pass what a decoder checks
 * after summing them (no negative delta, nothing past a long: {@link HotColumnLoops#isClockSound}); a decoder
 * refuses any other. The timestamps of a segment come back exactly by construction: its phase floors to every one.
 * <p>Encoder side ({@link #fit}): one pass per candidate period, no allocation. For a stretch from event s, each next
 * event's count of periods since the one before is its step in ticks over the period, rounded (one more or less when
 * that misses), and the possible phases narrow to those that floor to every timestamp so far; the stretch ends when
 * none is left.
 */
final class ClockLattice {
    /** Fraction bits of the period and phase. */
    static final int FRACTION_BITS = 32;
    /** Width of the period field. */
    static final int PERIOD_BITS = 64;
    /** Width of the segment count. */
    static final int COUNT_BITS = 16;
    /** Width of a segment's start and end. */
    static final int INDEX_BITS = 17;
    /** Width of a segment's phase. */
    static final int PHASE_BITS = 32;
    /** Fewest events worth a segment: 66 bits of header against about 0.7 bits saved an event. */
    static final int MIN_SEGMENT_EVENTS = 32;
    /**
     * Clock periods the encoder tries, in ns: Windows' default clock interrupt (156,001 x 100 ns, the period of
     * {@code GetSystemTimeAsFileTime} and {@code GetTickCount}; found exact on every Balabit session), and 1/64 s,
     * the same rate without the error.
     */
    static final long[] PERIODS_NS = {15_600_100L, 15_625_000L};
    private static final long ONE = 1L << FRACTION_BITS;
    private static final long MAX_PERIOD = 1L << 62;
    /** A period is given up when no segment was found among this many first events. */
    private static final int PROBE_EVENTS = 128;
    /** Longest segment, in ticks from its first event (keeps {@code K * period} far from overflow). */
    private static final long MAX_SEGMENT_TICKS = 1L << 30;

    private int[] starts;
    private int[] ends;
    private long[] phases;
    /** Encoder side: each event's delta in ticks, kept by {@link #stretch} for the events of a short one. */
    private final long[] tickDeltas;
    private long period;
    private int segmentCount;

    /**
     * @param maxEvents  the largest block this lattice will describe.
     * @param isEncoding whether it will {@link #fit} blocks (else only {@link #read} them).
     */
    ClockLattice(final int maxEvents, final boolean isEncoding) {
        final int capacity = maxEvents / MIN_SEGMENT_EVENTS + 1;
        starts = new int[capacity];
        ends = new int[capacity];
        phases = new long[capacity];
        tickDeltas = isEncoding ? new long[maxEvents] : null;
    }

    /**
     * Looks for stretches of at least {@link #MIN_SEGMENT_EVENTS} events on one of {@link #PERIODS_NS}.
     *
     * @param ts     the block's timestamps, ns (a step back ends a segment; a block with one is left off the clock
     *               by the encoder's {@link HotColumnLoops#isClockSound}).
     * @param n      events.
     * @param tick   the block's tick, ns (every difference of timestamps is a multiple of it).
     * @param deltas out, when this returns true: per event its delta in ticks, or in periods within a segment.
     * @return true when segments cover at least a quarter of the events.
     */
    boolean fit(final long[] ts, final int n, final long tick, final long[] deltas) {
        segmentCount = 0;
        if (n < MIN_SEGMENT_EVENTS) {
            return false;
        }
        for (final long periodNs : PERIODS_NS) {
            if (periodNs <= tick || periodNs % tick == 0) {
                continue;
            }
            final long candidate = ((periodNs << FRACTION_BITS) + tick / 2) / tick;
            if (segment(ts, n, tick, candidate, deltas) * 4L >= n) {
                period = candidate;
                return true;
            }
        }
        segmentCount = 0;
        return false;
    }

    /** @return the events the segments found on {@code candidate} cover (0 when given up). */
    private int segment(final long[] ts, final int n, final long tick, final long candidate, final long[] deltas) {
        segmentCount = 0;
        int covered = 0;
        deltas[0] = 0;
        final double reciprocal = 1.0 / candidate;
        // Every step is a whole number of ticks: step / tick = (step >> zeros) * inverse, the inverse of tick's odd
        // part modulo 2^64 (exact division, Granlund and Montgomery, PLDI 1994), a multiply instead of a divide.
        final int zeros = Long.numberOfTrailingZeros(tick);
        final long inverse = inverseModulo64(tick >>> zeros);
        int s = 0;
        while (s < n - 1) {
            if (covered == 0 && s >= PROBE_EVENTS) {
                return 0;
            }
            final int e = stretch(ts, n, zeros, inverse, candidate, reciprocal, deltas, s);
            if (e - s >= MIN_SEGMENT_EVENTS) {
                covered += e - s;
            } else {
                segmentCount--; // too short: its events keep their deltas in ticks
                // A loop, not System.arraycopy: OpenJDK 17.0.15's C2 crashed once (SIGSEGV in LShiftLNode::Ideal,
                // from ArrayCopyNode::prepare_array_copy) compiling that arraycopy into this method's loop (OSR).
                for (int i = s + 1; i < e; i++) {
                    deltas[i] = tickDeltas[i];
                }
            }
            if (e < n) {
                deltas[e] = (ts[e] - ts[e - 1]) / tick; // the event that ended the stretch starts the next one
            }
            s = e;
        }
        return covered;
    }

    /**
     * Extends a segment from event {@code s} as far as the clock fits, recording it as the next segment; leaves each
     * event's count of periods in {@code deltas} and its delta in ticks in {@link #tickDeltas}. No division on the
     * chain from one event to the next: an event's count of periods is the step's ticks times the reciprocal of
     * the period, rounded, and one more or one less when that misses the phases still possible.
     *
     * @return one past its last event.
     */
    private int stretch(final long[] ts, final int n, final int zeros, final long inverse, final long candidate,
        final double reciprocal, final long[] deltas, final int s) {
        long low = 0;
        long high = ONE;
        // Where the clock stood at the last event, less the periods counted: the window [low, high) lies within
        // [last, last + ONE), ticks * 2^32 since the segment's first event.
        long last = 0;
        long ticks = 0;
        int e = s + 1;
        for (; e < n; e++) {
            final long step = ts[e] - ts[e - 1];
            if (step < 0) {
                break;
            }
            final long stepTicks = (step >>> zeros) * inverse;
            ticks += stepTicks;
            if (ticks >= MAX_SEGMENT_TICKS) {
                break;
            }
            tickDeltas[e] = stepTicks;
            final long stepPosition = stepTicks << FRACTION_BITS;
            long periods = (long)(stepPosition * reciprocal + 0.5); // not Math.round: no intrinsic in Java 17
            long next = last + stepPosition - periods * candidate;
            if (next >= high || next + ONE <= low) {
                periods += next >= high ? 1 : -1;
                next = last + stepPosition - periods * candidate;
            }
            final long newLow = Math.max(low, next);
            final long newHigh = Math.min(high, next + ONE);
            if (newLow >= newHigh || periods < 0) {
                break;
            }
            low = newLow;
            high = newHigh;
            last = next;
            deltas[e] = periods;
        }
        starts[segmentCount] = s;
        ends[segmentCount] = e;
        phases[segmentCount] = low;
        segmentCount++;
        return e;
    }

    /** @return x such that {@code odd * x == 1} modulo 2^64 (Newton's iteration, each step doubling the bits). */
    static long inverseModulo64(final long odd) {
        long x = odd; // right in the lowest 3 bits for any odd number
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    /** Writes the period and segments (layout above). */
    void write(final BitWriter w) {
        w.writeLong(period, PERIOD_BITS);
        w.write(segmentCount, COUNT_BITS);
        for (int i = 0; i < segmentCount; i++) {
            w.write(starts[i], INDEX_BITS);
            w.write(ends[i], INDEX_BITS);
            w.write(phases[i], PHASE_BITS);
        }
    }

    /**
     * Reads and checks the period and segments of a block of {@code count} events.
     *
     * @throws CorruptBlockException naming the field and value when they cannot be a lattice's.
     */
    void read(final BitReader r, final int count) {
        period = r.readLong(PERIOD_BITS);
        if (period <= ONE || period >= MAX_PERIOD) {
            throw r.corrupt("clock period=" + period + " (ticks * 2^32) outside (2^32, 2^62)");
        }
        segmentCount = (int)r.read(COUNT_BITS);
        if (segmentCount < 1 || segmentCount > count / 2) {
            throw r.corrupt("clock segments=" + segmentCount + " outside 1.." + count / 2 + " for " + count
                + " events");
        }
        if (starts.length < segmentCount) {
            starts = new int[segmentCount];
            ends = new int[segmentCount];
            phases = new long[segmentCount];
        }
        int previousEnd = 0;
        for (int i = 0; i < segmentCount; i++) {
            final int start = (int)r.read(INDEX_BITS);
            final int end = (int)r.read(INDEX_BITS);
            if (start < previousEnd || end < start + 2 || end > count) {
                throw r.corrupt("clock segment " + i + " [" + start + ", " + end + ") is not within [" + previousEnd
                    + ", " + count + ") with 2 events or more");
            }
            starts[i] = start;
            ends[i] = end;
            phases[i] = r.read(PHASE_BITS);
            previousEnd = end;
        }
    }

    /** @return the period in ticks times 2^32. */
    long period() {
        return period;
    }

    /** @return segments. */
    int segmentCount() {
        return segmentCount;
    }

    /** @return first event of segment {@code i}. */
    int start(final int i) {
        return starts[i];
    }

    /** @return one past the last event of segment {@code i}. */
    int end(final int i) {
        return ends[i];
    }

    /** @return phase of segment {@code i}, 2^-32 ticks. */
    long phase(final int i) {
        return phases[i];
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import java.util.Random;

/**
 * Seeded random event streams for round-trip and corruption tests: human-like traffic mixed with every
 * edge the codec must survive (extreme and repeated timestamps, time going back, coordinate sentinels and
 * negatives, every type, odd button, wheel, key and modifier values), and timestamps of a coarse clock rounded
 * to a coarser unit, with jumps, as Windows clients record them ({@link ClockLattice}).
 */
final class RandomEvents {
    private static final long[] EDGE_TIMESTAMPS = {
        Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE,
        1_451_606_400_000_000_000L, 1_471_949_443_019_000_000L,
    };
    private static final int[] EDGE_INTS = {
        Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65536, -1920, -1, 0, 1, 2, 1919, 65535, 65536,
        Integer.MAX_VALUE - 1, Integer.MAX_VALUE,
    };

    /** The style of {@link #fill} with timestamps from a {@link ClockStream}. */
    static final int CLOCK_STYLE = 4;

    private RandomEvents() {
    }

    /**
     * Appends {@code n} events to {@code batch}, in one of several styles chosen by the random.
     *
     * @param random seeded source.
     * @param batch  destination, with room for {@code n} more events.
     * @param n      number of events.
     */
    static void fill(final Random random, final EventBatch batch, final int n) {
        fill(random, batch, n, random.nextInt(5));
    }

    /**
     * {@link #fill(Random, EventBatch, int)} in one style: 0 to 3 for the styles of old, {@link #CLOCK_STYLE} for
     * timestamps of a coarse clock.
     */
    static void fill(final Random random, final EventBatch batch, final int n, final int style) {
        fill(random, batch, n, style, style == CLOCK_STYLE ? new ClockStream(random) : null);
    }

    /** {@link #fill(Random, EventBatch, int)} with timestamps read from {@code clock}. */
    static void fillOnClock(final Random random, final EventBatch batch, final int n, final ClockStream clock) {
        fill(random, batch, n, CLOCK_STYLE, clock);
    }

    private static void fill(final Random random, final EventBatch batch, final int n, final int style,
        final ClockStream clock) {
        long ts = style == 3 ? pick(random, EDGE_TIMESTAMPS) : 1_451_606_400_000_000_000L + random.nextInt(1 << 30);
        final long tick = new long[] {1, 1_000, 1_000_000, 15_625_000, 7}[random.nextInt(5)];
        int x = random.nextInt(1920);
        int y = random.nextInt(1080);
        // Half the batches have whole pixels only; the rest fractions with 1 to 8 bits (macOS: 8).
        final int fractionBits = random.nextBoolean() ? 0 : 1 + random.nextInt(SubPixel.FRACTION_BITS);
        for (int i = 0; i < n; i++) {
            ts = clock != null ? clock.next() : nextTimestamp(random, style, ts, tick);
            if (style == 3 || random.nextInt(50) == 0) {
                x = random.nextBoolean() ? pick(random, EDGE_INTS) : random.nextInt();
                y = random.nextBoolean() ? pick(random, EDGE_INTS) : random.nextInt();
            } else {
                x += (int)Math.round(random.nextGaussian() * 12);
                y += (int)Math.round(random.nextGaussian() * 9);
            }
            addEvent(random, batch, style, ts, x, y);
            addFractions(random, batch, fractionBits);
        }
    }

    /**
     * A clock of one of {@link ClockLattice#PERIODS_NS} (or, one stream in four, a period the encoder does not try)
     * read in whole units coarser than its resolution: 1 ms mostly. Now and then the clock jumps by a fraction of a
     * period, waits for a long time, or stands still (two events on one tick).
     */
    static final class ClockStream {
        private static final long[] OTHER_PERIODS_NS = {16_666_667L, 10_000_000L, 15_600_000L};
        private static final long[] UNITS_NS = {1_000_000L, 1_000_000L, 500_000L, 2_000_000L, 100_000L};
        private final Random random;
        private final long period;
        private final long unit;
        private long clockNs;

        ClockStream(final Random random) {
            this.random = random;
            period = random.nextInt(4) == 0 ? pick(random, OTHER_PERIODS_NS) : pick(random, ClockLattice.PERIODS_NS);
            unit = pick(random, UNITS_NS);
            clockNs = 1_451_606_400_000_000_000L + (random.nextLong() >>> 20);
        }

        /** @return whether the clock's period is one {@link ClockLattice#fit} tries. */
        boolean isPeriodTried() {
            for (final long tried : ClockLattice.PERIODS_NS) {
                if (tried == period) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "clock of " + period + " ns read in " + unit + " ns";
        }

        /** @return the next reading, in ns, a multiple of the unit, never decreasing. */
        long next() {
            final int roll = random.nextInt(400);
            if (roll == 0) {
                clockNs += 1 + random.nextInt((int)period); // a jump off the lattice: a new segment from here
            } else if (roll == 1) {
                clockNs += period * (1 + random.nextInt(1 << 20)); // a long pause
            } else if (roll > 20) {
                clockNs += period * (1 + random.nextInt(12));
            }
            return Math.floorDiv(clockNs, unit) * unit;
        }
    }

    /** Gives the last event random fractions of {@code bits} bits (some events of a batch keep 0). */
    private static void addFractions(final Random random, final EventBatch batch, final int bits) {
        final int last = batch.size() - 1;
        if (bits == 0 || !EventCodes.isPointer(batch.typeCode(last)) || random.nextInt(8) == 0) {
            return;
        }
        final int shift = SubPixel.FRACTION_BITS - bits;
        batch.setFractions(last, random.nextInt(1 << bits) << shift, random.nextInt(1 << bits) << shift);
    }

    private static long nextTimestamp(final Random random, final int style, final long ts, final long tick) {
        switch (style) {
            case 0:
                return ts + tick * (random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(8));
            case 1:
                return ts + tick * (random.nextInt(20) - 3);
            case 2:
                return random.nextInt(30) == 0 ? ts + random.nextLong() : ts + tick * random.nextInt(200);
            default:
                return random.nextInt(4) == 0 ? pick(random, EDGE_TIMESTAMPS) : ts + random.nextLong();
        }
    }

    private static void addEvent(
        final Random random, final EventBatch batch, final int style, final long ts, final int x, final int y) {
        final int roll = random.nextInt(100);
        final boolean isWild = style == 3 || random.nextInt(20) == 0;
        if (roll < 70) {
            final int buttons = random.nextInt(8) == 0 ? (isWild ? random.nextInt() : 1 << random.nextInt(3)) : 0;
            batch.addMove(ts, x, y, buttons);
        } else if (roll < 76) {
            batch.addButtonDown(ts, x, y, isWild ? random.nextInt() : 1 << random.nextInt(5));
        } else if (roll < 82) {
            batch.addButtonUp(ts, x, y, isWild ? random.nextInt() : 1 << random.nextInt(5));
        } else if (roll < 88) {
            batch.addWheel(ts, x, y, isWild ? pick(random, EDGE_INTS) : random.nextInt(3) - 1,
                isWild ? random.nextInt() : random.nextInt(7) - 3);
        } else {
            final int key = isWild ? pick(random, EDGE_INTS) : random.nextInt(120);
            final int modifiers = isWild ? random.nextInt() : random.nextInt(8);
            if (random.nextBoolean()) {
                batch.addKeyDown(ts, key, modifiers);
            } else {
                batch.addKeyUp(ts, key, modifiers);
            }
        }
    }

    private static long pick(final Random random, final long[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int pick(final Random random, final int[] values) {
        return values[random.nextInt(values.length)];
    }
}

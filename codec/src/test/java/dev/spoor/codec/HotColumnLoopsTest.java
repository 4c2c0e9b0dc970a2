/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short passes of the decoder against plain reference loops: listing the events that are not plain moves
 * (two per word of eight taken without a branch, a tail word masked) and the timestamps' extremes (taken
 * without comparing when no step can go back). Round trips cover them too, but only with the kinds and times
 * the encoder happens to produce; these drive the edge cases directly.
 */
class HotColumnLoopsTest {
    private static final long SEED = 0x5EED_2026_1127L;

    @Test
    void listsEveryOtherEventInOrderWhateverTheDensityAndTail() {
        final SplittableRandom random = new SplittableRandom(SEED);
        final int[] percentOthers = {0, 3, 13, 40, 100};
        for (int c = 0; c < 2_000; c++) {
            final int count = 1 + random.nextInt(BlockLayout.MAX_EVENTS);
            final int percent = percentOthers[c % percentOthers.length];
            final byte[] kinds = new byte[count + Long.BYTES];
            for (int i = 0; i < kinds.length; i++) {
                // Past count: what the last block left there, which must not be listed.
                final boolean other = i >= count || random.nextInt(100) < percent;
                kinds[i] = other ? (byte)(1 + random.nextInt(6)) : 0;
            }
            final int[] others = new int[count + 1];
            final int listed = HotColumnLoops.listOthers(kinds, count, others);
            final int[] expected = referenceList(kinds, count);
            assertArrayEquals(expected, Arrays.copyOf(others, listed),
                "seed " + SEED + " case " + c + ": count " + count + ", " + percent + "% others");
        }
    }

    @Test
    void extremesOfTimestampsMatchComparingThemAll() {
        final SplittableRandom random = new SplittableRandom(SEED);
        for (int c = 0; c < 2_000; c++) {
            final int count = 1 + random.nextInt(300);
            final long first;
            final long tick;
            final long[] deltas = new long[count];
            switch (c % 6) {
                case 0 -> {
                    // Mouse-like: forward steps of a few ticks.
                    first = 1_700_000_000_000_000_000L;
                    tick = 1_000_000;
                    fill(deltas, random, 0, 40);
                }
                case 1 -> {
                    // One step back somewhere.
                    first = random.nextLong();
                    tick = 1 + random.nextInt(1_000);
                    fill(deltas, random, 0, 1_000);
                    deltas[random.nextInt(count)] = -1 - random.nextInt(100);
                }
                case 2 -> {
                    // Forward steps that wrap past Long.MAX_VALUE somewhere inside the block.
                    tick = 1 + random.nextInt(1_000);
                    first = Long.MAX_VALUE - random.nextLong(1, count * 5_000L * tick);
                    fill(deltas, random, 0, 10_000);
                }
                case 3 -> {
                    // Steps just inside and just past the bound the fast path checks.
                    tick = 1L << random.nextInt(40);
                    first = random.nextLong(Long.MIN_VALUE, 0);
                    fill(deltas, random, 0, Math.min(Long.MAX_VALUE / tick / count, Long.MAX_VALUE - 2) + 2);
                }
                case 4 -> {
                    // Steps so large that count * step * tick overflows a long, and the sum wraps inside the block.
                    tick = 1L << (10 + random.nextInt(30));
                    first = random.nextLong(0, 1L << 62);
                    fill(deltas, random, 0, Long.MAX_VALUE / tick / count * 3);
                }
                default -> {
                    // Anything at all.
                    first = random.nextLong();
                    tick = 1 + random.nextLong(Long.MAX_VALUE - 1);
                    for (int i = 0; i < count; i++) {
                        deltas[i] = random.nextLong();
                    }
                }
            }
            final long[] ts = deltas.clone();
            final long[] minMax = new long[2];
            final boolean isSaidInOrder = HotColumnLoops.sumTimes(ts, count, first, tick, minMax);
            final long[] expectedTs = new long[count];
            long previous = first;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < count; i++) {
                previous += deltas[i] * tick;
                expectedTs[i] = previous;
                min = Math.min(min, previous);
                max = Math.max(max, previous);
            }
            final String what = "seed " + SEED + " case " + c + ": first " + first + ", tick " + tick;
            assertArrayEquals(expectedTs, ts, what);
            assertEquals(min, minMax[0], what + ": smallest");
            assertEquals(max, minMax[1], what + ": largest");
            boolean isInOrder = true;
            for (int i = 1; i < count; i++) {
                isInOrder &= expectedTs[i - 1] <= expectedTs[i];
            }
            assertTrue(isInOrder || !isSaidInOrder, what + ": said in order, is not");
            if (c % 6 == 0) {
                assertTrue(isSaidInOrder, what + ": small non-negative steps are known in order");
            }
        }
    }

    private static void fill(final long[] deltas, final SplittableRandom random, final long from, final long to) {
        for (int i = 0; i < deltas.length; i++) {
            deltas[i] = random.nextLong(from, to);
        }
    }

    private static int[] referenceList(final byte[] kinds, final int count) {
        int n = 0;
        final int[] list = new int[count];
        for (int i = 0; i < count; i++) {
            if (kinds[i] != 0) {
                list[n++] = i << HotColumnLoops.OTHER_KIND_BITS | kinds[i];
            }
        }
        return Arrays.copyOf(list, n);
    }
}

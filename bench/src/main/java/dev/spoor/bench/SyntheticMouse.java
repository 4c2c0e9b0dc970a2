/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Interleaved pointer traffic with Balabit-like statistics, precomputed so a benchmark measures appends,
 * not generation: time gaps drawn from the real mix (0, 15/16, 31, 47, 109/110, 125 ms), pixel deltas with a
 * median of about 4 px and a heavy tail, devices chosen uniformly at random.
 */
final class SyntheticMouse {
    private static final int[] GAPS_MS = {0, 16, 15, 109, 125, 110, 94, 31, 93, 156, 78, 140, 124, 32, 47};
    private static final int[] GAP_WEIGHTS = {71, 88, 59, 139, 47, 35, 34, 30, 23, 14, 13, 12, 12, 8, 8};

    final long[] device;
    final long[] timestampNs;
    final int[] x;
    final int[] y;

    SyntheticMouse(final int events, final int devices, final long seed) {
        final Random random = new Random(seed);
        device = new long[events];
        timestampNs = new long[events];
        x = new int[events];
        y = new int[events];
        final long[] ts = new long[devices];
        final int[] px = new int[devices];
        final int[] py = new int[devices];
        final int totalWeight = Arrays.stream(GAP_WEIGHTS).sum();
        for (int i = 0; i < events; i++) {
            final int d = random.nextInt(devices);
            ts[d] += gapMs(random, totalWeight) * 1_000_000L;
            px[d] += delta(random);
            py[d] += delta(random);
            device[i] = d;
            timestampNs[i] = 1_451_606_400_000_000_000L + ts[d];
            x[i] = px[d];
            y[i] = py[d];
        }
    }

    private static int gapMs(final Random random, final int totalWeight) {
        int pick = random.nextInt(totalWeight);
        for (int i = 0; i < GAPS_MS.length; i++) {
            pick -= GAP_WEIGHTS[i];
            if (pick < 0) {
                return GAPS_MS[i];
            }
        }
        return 16;
    }

    private static int delta(final Random random) {
        final double magnitude = Math.exp(random.nextGaussian() * 1.3 + 1.4);
        return (int)Math.round(random.nextBoolean() ? magnitude : -magnitude) * (random.nextInt(8) == 0 ? 0 : 1);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import dev.spoor.codec.EventType;
import dev.spoor.core.EventRows;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Many devices' mouse and keyboard traffic in one global time order, as collectors see it: bursts with
 * Balabit-like gaps (0-156 ms) and pixel steps, and idle pauses of 5-30 minutes (one event in 500), so a
 * device's events spread over hours (about 15 with 24,000 events a device) and an hour of one device is a small
 * part of the data. Types: 96% moves,
 * 2% button down/up, 1% wheel, 1% key down/up. Devices are numbered 0..devices-1, keys {@link #key(int)}.
 */
final class SyntheticEvents {
    /** Changes whenever the events made from the same options change: a data folder of another version is redone. */
    static final int VERSION = 2;
    /** 2026-01-01T00:00:00Z: days start on a UTC midnight, so the date partitions are whole days. */
    static final long START_NS = 1_767_225_600_000_000_000L;
    private static final int[] GAPS_MS = {0, 16, 15, 109, 125, 110, 94, 31, 93, 156, 78, 140, 124, 32, 47};
    private static final int PAUSE_ONE_IN = 500;
    private static final long MINUTE_NS = 60_000_000_000L;

    private SyntheticEvents() {
    }

    /**
     * @param device a device number.
     * @return its key, e.g. {@code d0042}.
     */
    static String key(final int device) {
        return String.format("d%04d", device);
    }

    /**
     * @param devices devices, at least 1.
     * @param events  events, at least 1.
     * @param seed    the random seed.
     * @return the events in time order (ties in device order).
     */
    static EventRows generate(final int devices, final int events, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final EventRows rows = new EventRows(events);
        final long[] next = new long[devices];
        final int[] px = new int[devices];
        final int[] py = new int[devices];
        final PriorityQueue<Integer> order = new PriorityQueue<>((p, q) -> next[p] != next[q]
            ? Long.compare(next[p], next[q]) : Integer.compare(p, q));
        for (int d = 0; d < devices; d++) {
            next[d] = START_NS + random.nextLong(3_600_000) * 1_000_000L;
            px[d] = random.nextInt(1920);
            py[d] = random.nextInt(1080);
            order.add(d);
        }
        boolean isKeyDown = true;
        for (int i = 0; i < events; i++) {
            final int d = order.poll();
            final int roll = random.nextInt(100);
            px[d] += step(random);
            py[d] += step(random);
            if (roll < 96) {
                rows.add(d, next[d], EventType.MOVE.code(), px[d], py[d], 0, 0);
            } else if (roll < 98) {
                final EventType type = roll == 96 ? EventType.BUTTON_DOWN : EventType.BUTTON_UP;
                rows.add(d, next[d], type.code(), px[d], py[d], 1, 0);
            } else if (roll < 99) {
                rows.add(d, next[d], EventType.WHEEL.code(), px[d], py[d], 0, random.nextBoolean() ? 1 : -1);
            } else {
                final EventType type = isKeyDown ? EventType.KEY_DOWN : EventType.KEY_UP;
                isKeyDown = !isKeyDown;
                rows.add(d, next[d], type.code(), 0, 0, 4 + random.nextInt(40), 0);
            }
            next[d] += GAPS_MS[random.nextInt(GAPS_MS.length)] * 1_000_000L;
            if (random.nextInt(PAUSE_ONE_IN) == 0) {
                next[d] += (5 + random.nextInt(26)) * MINUTE_NS;
            }
            order.add(d);
        }
        return rows;
    }

    private static int step(final SplittableRandom random) {
        final double magnitude = Math.exp(random.nextGaussian() * 1.3 + 1.4);
        return (int)Math.round(magnitude) * (random.nextBoolean() ? 1 : -1);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helpers: a seeded interleaved event stream over many devices, and reading a journal back into
 * per-device lists of events (each event as a long[] of its fields) in journal order.
 */
final class JournalEvents {
    private JournalEvents() {
    }

    /** One generated event: fields as stored. */
    static long[] event(final long deviceId, final long ts, final int type, final int x, final int y, final int a,
        final int b) {
        return new long[] {deviceId, ts, type, x, y, a, b};
    }

    /** The i-th event of a seeded stream over {@code devices} devices (deterministic, independent of i order). */
    static final class Stream {
        private final Random random;
        private final int devices;
        private final long[] ts;
        private final int[] x;
        private final int[] y;

        Stream(final long seed, final int devices) {
            this.random = new Random(seed);
            this.devices = devices;
            this.ts = new long[devices];
            this.x = new int[devices];
            this.y = new int[devices];
            for (int d = 0; d < devices; d++) {
                ts[d] = 1_700_000_000_000_000_000L + random.nextInt(1_000_000) * 1_000_000L;
                x[d] = random.nextInt(1920);
                y[d] = random.nextInt(1080);
            }
        }

        static long deviceId(final int d) {
            return 1000 + d;
        }

        long[] next() {
            final int d = random.nextInt(devices);
            ts[d] += (random.nextInt(10) == 0 ? -2 : 16) * 1_000_000L;
            x[d] += random.nextInt(9) - 4;
            y[d] += random.nextInt(9) - 4;
            final int roll = random.nextInt(100);
            if (roll < 80) {
                return event(deviceId(d), ts[d], 0, x[d], y[d], roll < 5 ? 1 : 0, 0);
            } else if (roll < 85) {
                return event(deviceId(d), ts[d], 1 + (roll & 1), x[d], y[d], 1, 0);
            } else if (roll < 90) {
                return event(deviceId(d), ts[d], 3, x[d], y[d], 0, random.nextBoolean() ? 1 : -1);
            }
            return event(deviceId(d), ts[d], 4 + (roll & 1), 0, 0, random.nextInt(60), random.nextInt(4));
        }
    }

    static void append(final JournalWriter writer, final long[] e) {
        writer.append(e[0], e[1], EventType.fromCode((int)e[2]), (int)e[3], (int)e[4], (int)e[5],
            (int)e[6]);
    }

    /** Every event of the journal, grouped by device, in journal order. */
    static Map<Long, List<long[]>> readAll(final Journal journal) {
        final Map<Long, List<long[]>> byDevice = new HashMap<>();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                final List<long[]> events = byDevice.computeIfAbsent(deviceId, k -> new ArrayList<>());
                for (int i = 0; i < batch.size(); i++) {
                    events.add(fields(deviceId, batch, i));
                }
                return true;
            });
        }
        return byDevice;
    }

    static long[] fields(final long deviceId, final EventBatch batch, final int i) {
        final int type = batch.typeCode(i);
        final int a;
        final int b;
        if (type == 3) {
            a = batch.wheelDx(i);
            b = batch.wheelDy(i);
        } else if (type >= 4) {
            a = batch.key(i);
            b = batch.modifiers(i);
        } else {
            a = batch.buttons(i);
            b = 0;
        }
        return event(deviceId, batch.timestampNs(i), type, batch.x(i), batch.y(i), a, b);
    }
}

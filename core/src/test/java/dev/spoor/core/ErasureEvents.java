/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What erasure tests write and compare: three devices' events with every field, and readers' output as lines. */
final class ErasureEvents {
    static final int PER_DEVICE = 2_000;
    static final long TICK_NS = 1_000_000L;

    private ErasureEvents() {
    }

    /** Writes PER_DEVICE events per device (moves, wheels, key downs), timestamps i ms; returns the model. */
    static List<String> write(final Journal journal, final String... keys) {
        final List<String> model = new ArrayList<>();
        try (JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < PER_DEVICE; i++) {
                for (int d = 0; d < keys.length; d++) {
                    final long device = journal.devices().register(keys[d]);
                    final long ts = TICK_NS * i;
                    final EventBatch one = new EventBatch(1);
                    if (i % 7 == 3) {
                        writer.wheel(device, ts, i % 1920, d * 10, 1, -1 - d);
                        one.addWheel(ts, i % 1920, d * 10, 1, -1 - d);
                    } else if (i % 11 == 5) {
                        writer.keyDown(device, ts, 65 + i % 26, 0);
                        one.addKeyDown(ts, -1, 0);
                    } else {
                        writer.move(device, ts, i % 1920, (i * 7 + d) % 1080, i % 3);
                        one.addMove(ts, i % 1920, (i * 7 + d) % 1080, i % 3);
                    }
                    model.add(line(device, one, 0));
                }
            }
        }
        return model;
    }

    /**
     * @return an event as a line with every field but the key (stored as a key class, compared as written).
     */
    static String line(final long device, final EventBatch batch, final int i) {
        final boolean isKey = batch.typeCode(i) >= 4;
        return Long.toHexString(device) + " ts=" + batch.timestampNs(i) + " " + batch.type(i) + " x=" + batch.x(i)
            + " y=" + batch.y(i) + " buttons=" + batch.buttons(i) + " wheel=" + batch.wheelDx(i) + ","
            + batch.wheelDy(i) + " key=" + (isKey ? "k" : "" + batch.key(i)) + " mod=" + batch.modifiers(i);
    }

    /** A block handler that decodes every block into lines. */
    static final class Collector implements BlockHandler {
        final List<String> lines = new ArrayList<>();
        private final BlockDecoder decoder = new BlockDecoder();
        private final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);

        @Override
        public boolean onBlock(final long queueIndex, final long deviceId, final org.agrona.DirectBuffer buffer,
            final int offset, final int length) {
            decoder.decode(buffer, offset, length, batch);
            for (int i = 0; i < batch.size(); i++) {
                lines.add(line(deviceId, batch, i));
            }
            return true;
        }

        List<String> sorted() {
            final List<String> copy = new ArrayList<>(lines);
            Collections.sort(copy);
            return copy;
        }
    }

    static List<String> sorted(final List<String> lines) {
        final List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }
}

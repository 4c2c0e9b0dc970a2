/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.EventRows;
import dev.spoor.core.JournalWriter;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;

/** Parsed events waiting to be appended: {@link EventRows} with device keys interned to device numbers. */
final class EventTable {
    private final Object2IntHashMap<String> deviceIndex = new Object2IntHashMap<>(-1);
    private final List<String> deviceKeys = new ArrayList<>();
    private final EventRows rows = new EventRows(1024);

    int device(final String key) {
        int index = deviceIndex.getValue(key);
        if (index < 0) {
            index = deviceKeys.size();
            deviceKeys.add(key);
            deviceIndex.put(key, index);
        }
        return index;
    }

    void add(final int deviceNumber, final long timestampNs, final int typeCode, final int px, final int py,
        final int first, final int second) {
        rows.add(deviceNumber, timestampNs, typeCode, px, py, first, second);
    }

    int devices() {
        return deviceKeys.size();
    }

    List<String> deviceKeys() {
        return deviceKeys;
    }

    /** @return event indexes in timestamp order, ties in the order added. */
    int[] timeOrder() {
        return rows.timeOrder();
    }

    /** @return 0 .. size-1. */
    int[] addedOrder() {
        return rows.addedOrder();
    }

    /**
     * Appends every event in the given order.
     *
     * @param writer   the journal's writer.
     * @param ids      device ids by device index.
     * @param order    event indexes.
     * @param progress told every 64 Ki events.
     */
    void appendTo(final JournalWriter writer, final long[] ids, final int[] order, final Progress progress) {
        for (int k = 0; k < order.length; k++) {
            rows.appendTo(writer, ids, order[k]);
            if ((k & 0xFFFF) == 0) {
                progress.stepTo(k);
            }
        }
        progress.stepTo(order.length);
    }
}

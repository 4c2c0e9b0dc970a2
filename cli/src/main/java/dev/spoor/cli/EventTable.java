/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.JournalWriter;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parsed events waiting to be appended: primitive columns, device keys interned. */
final class EventTable {
    private final Object2IntHashMap<String> deviceIndex = new Object2IntHashMap<>(-1);
    private final List<String> deviceKeys = new ArrayList<>();
    private int[] device = new int[1024];
    private long[] ts = new long[1024];
    private byte[] type = new byte[1024];
    private int[] x = new int[1024];
    private int[] y = new int[1024];
    private int[] a = new int[1024];
    private int[] b = new int[1024];
    private int size;

    int device(final String key) {
        int index = deviceIndex.getValue(key);
        if (index < 0) {
            index = deviceKeys.size();
            deviceKeys.add(key);
            deviceIndex.put(key, index);
        }
        return index;
    }

    void add(final int deviceIndex, final long timestampNs, final int typeCode, final int px, final int py,
        final int first, final int second) {
        if (size == ts.length) {
            final int capacity = size * 2;
            device = Arrays.copyOf(device, capacity);
            ts = Arrays.copyOf(ts, capacity);
            type = Arrays.copyOf(type, capacity);
            x = Arrays.copyOf(x, capacity);
            y = Arrays.copyOf(y, capacity);
            a = Arrays.copyOf(a, capacity);
            b = Arrays.copyOf(b, capacity);
        }
        device[size] = deviceIndex;
        ts[size] = timestampNs;
        type[size] = (byte)typeCode;
        x[size] = px;
        y[size] = py;
        a[size] = first;
        b[size] = second;
        size++;
    }

    int size() {
        return size;
    }

    int devices() {
        return deviceKeys.size();
    }

    /** Drops events added since {@code mark} (a file rejected whole). */
    void truncate(final int mark) {
        size = mark;
    }

    /** @return event indexes in timestamp order, ties in the order added. */
    int[] timeOrder() {
        final Integer[] boxed = new Integer[size];
        for (int i = 0; i < size; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (p, q) -> Long.compare(ts[p], ts[q]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /** @return 0 .. size-1. */
    int[] addedOrder() {
        final int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        return order;
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
            final int i = order[k];
            writer.append(ids[device[i]], ts[i], dev.spoor.codec.EventType.fromCode(type[i]), x[i], y[i], a[i], b[i]);
            if ((k & 0xFFFF) == 0) {
                progress.stepTo(k);
            }
        }
        progress.stepTo(order.length);
    }

    List<String> deviceKeys() {
        return deviceKeys;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;

import java.util.Arrays;

/**
 * Events of many devices waiting to be appended, as growable primitive rows in the shape
 * {@link JournalWriter#append(long, long, EventType, int, int, int, int)} takes them: a device number (an index
 * into the caller's device ids), timestamp, type code, x, y and the two type-specific fields a and b. For tools
 * that parse, generate or reorder events before writing them (file ingest, the demo, benchmarks); a collector
 * appends as events arrive and needs none of this. Not thread safe.
 */
public final class EventRows {
    private int[] device;
    private long[] timestampNs;
    private byte[] type;
    private int[] x;
    private int[] y;
    private int[] a;
    private int[] b;
    private int size;

    /**
     * @param initialCapacity rows held before the first growth, at least 1.
     */
    public EventRows(final int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity=" + initialCapacity + " must be at least 1");
        }
        device = new int[initialCapacity];
        timestampNs = new long[initialCapacity];
        type = new byte[initialCapacity];
        x = new int[initialCapacity];
        y = new int[initialCapacity];
        a = new int[initialCapacity];
        b = new int[initialCapacity];
    }

    /**
     * Adds a row, doubling the columns when full.
     *
     * @param deviceNumber index of the device in the ids given to {@link #appendTo}.
     * @param timestamp    epoch nanoseconds.
     * @param typeCode     an {@link EventType} code.
     * @param px           x (0 for key events).
     * @param py           y (0 for key events).
     * @param first        buttons, wheel dx or key, as {@link JournalWriter#append} takes it.
     * @param second       wheel dy or modifiers, else 0.
     */
    public void add(final int deviceNumber, final long timestamp, final int typeCode, final int px, final int py,
        final int first, final int second) {
        if (size == timestampNs.length) {
            grow(size * 2);
        }
        device[size] = deviceNumber;
        timestampNs[size] = timestamp;
        type[size] = (byte)typeCode;
        x[size] = px;
        y[size] = py;
        a[size] = first;
        b[size] = second;
        size++;
    }

    private void grow(final int capacity) {
        device = Arrays.copyOf(device, capacity);
        timestampNs = Arrays.copyOf(timestampNs, capacity);
        type = Arrays.copyOf(type, capacity);
        x = Arrays.copyOf(x, capacity);
        y = Arrays.copyOf(y, capacity);
        a = Arrays.copyOf(a, capacity);
        b = Arrays.copyOf(b, capacity);
    }

    /**
     * @return rows held.
     */
    public int size() {
        return size;
    }

    /**
     * Drops the rows from {@code newSize} on (a file rejected whole, a chunk written).
     *
     * @param newSize 0 to {@link #size()}.
     */
    public void truncate(final int newSize) {
        if (newSize < 0 || newSize > size) {
            throw new IllegalArgumentException("newSize=" + newSize + " must be in 0.." + size);
        }
        size = newSize;
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's device number.
     */
    public int device(final int row) {
        return device[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's timestamp, epoch nanoseconds.
     */
    public long timestampNs(final int row) {
        return timestampNs[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's {@link EventType} code.
     */
    public int typeCode(final int row) {
        return type[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's x.
     */
    public int x(final int row) {
        return x[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's y.
     */
    public int y(final int row) {
        return y[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's first type-specific field (buttons, wheel dx, key).
     */
    public int a(final int row) {
        return a[row];
    }

    /**
     * @param row 0 to size - 1.
     * @return the row's second type-specific field (wheel dy, modifiers).
     */
    public int b(final int row) {
        return b[row];
    }

    /**
     * @return row numbers in timestamp order, equal timestamps in the order added.
     */
    public int[] timeOrder() {
        return StableSort.sort(timestampNs, addedOrder(), new int[size], size);
    }

    /**
     * @return 0 .. size - 1.
     */
    public int[] addedOrder() {
        final int[] order = new int[size];
        Arrays.setAll(order, i -> i);
        return order;
    }

    /**
     * Appends one row.
     *
     * @param writer    the journal's writer.
     * @param deviceIds device id by device number.
     * @param row       0 to size - 1.
     */
    public void appendTo(final JournalWriter writer, final long[] deviceIds, final int row) {
        writer.append(deviceIds[device[row]], timestampNs[row], EventType.fromCode(type[row]), x[row], y[row], a[row],
            b[row]);
    }
}

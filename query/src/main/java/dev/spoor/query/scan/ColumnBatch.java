/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;

import java.util.Arrays;
import java.util.Set;

/**
 * Up to {@link #capacity()} events as primitive columns, for export and bulk consumers. Only the columns of
 * the scan's wanted fields exist; the others are null. Reused between calls: copy what you keep.
 * The device column is always filled.
 */
public final class ColumnBatch {
    private final int capacity;
    private final long[] deviceId;
    private final long[] timestampNs;
    private final byte[] type;
    private final int[] x;
    private final int[] y;
    private final byte[] xFraction;
    private final byte[] yFraction;
    private final int[] buttons;
    private final int[] wheelDx;
    private final int[] wheelDy;
    private final int[] key;
    private final int[] modifiers;
    private int size;

    ColumnBatch(final int capacity, final Set<EventField> fields) {
        this.capacity = capacity;
        deviceId = new long[capacity];
        timestampNs = fields.contains(EventField.TIMESTAMP) ? new long[capacity] : null;
        type = fields.contains(EventField.TYPE) ? new byte[capacity] : null;
        x = fields.contains(EventField.POSITION) ? new int[capacity] : null;
        y = fields.contains(EventField.POSITION) ? new int[capacity] : null;
        xFraction = fields.contains(EventField.POSITION) ? new byte[capacity] : null;
        yFraction = fields.contains(EventField.POSITION) ? new byte[capacity] : null;
        buttons = fields.contains(EventField.BUTTONS) ? new int[capacity] : null;
        wheelDx = fields.contains(EventField.WHEEL) ? new int[capacity] : null;
        wheelDy = fields.contains(EventField.WHEEL) ? new int[capacity] : null;
        key = fields.contains(EventField.KEY) ? new int[capacity] : null;
        modifiers = fields.contains(EventField.KEY) ? new int[capacity] : null;
    }

    void add(final EventView e) {
        final int i = size++;
        deviceId[i] = e.deviceId();
        if (timestampNs != null) {
            timestampNs[i] = e.timestampNs();
        }
        if (type != null) {
            type[i] = (byte)e.typeCode();
        }
        if (x != null) {
            x[i] = e.x();
            y[i] = e.y();
            xFraction[i] = (byte)e.xFraction();
            yFraction[i] = (byte)e.yFraction();
        }
        if (buttons != null) {
            buttons[i] = e.buttons();
        }
        if (wheelDx != null) {
            wheelDx[i] = e.wheelDx();
            wheelDy[i] = e.wheelDy();
        }
        if (key != null) {
            key[i] = e.key();
            modifiers[i] = e.modifiers();
        }
    }

    /**
     * Copies events {@code [from, from + count)} of a decoded block, a column at a time (one
     * {@link System#arraycopy} each, no call per event); {@code count} must fit ({@link #room()}).
     */
    void addRun(final long device, final EventBatch events, final int from, final int count) {
        final int at = size;
        Arrays.fill(deviceId, at, at + count, device);
        if (timestampNs != null) {
            System.arraycopy(events.timestampColumn(), from, timestampNs, at, count);
        }
        if (type != null) {
            System.arraycopy(events.typeColumn(), from, type, at, count);
        }
        if (x != null) {
            System.arraycopy(events.xColumn(), from, x, at, count);
            System.arraycopy(events.yColumn(), from, y, at, count);
            System.arraycopy(events.xFractionColumn(), from, xFraction, at, count);
            System.arraycopy(events.yFractionColumn(), from, yFraction, at, count);
        }
        if (buttons != null) {
            System.arraycopy(events.buttonsColumn(), from, buttons, at, count);
        }
        if (wheelDx != null) {
            System.arraycopy(events.wheelDxColumn(), from, wheelDx, at, count);
            System.arraycopy(events.wheelDyColumn(), from, wheelDy, at, count);
        }
        if (key != null) {
            System.arraycopy(events.keyColumn(), from, key, at, count);
            System.arraycopy(events.modifiersColumn(), from, modifiers, at, count);
        }
        size = at + count;
    }

    /**
     * @return rows that can still be added.
     */
    int room() {
        return capacity - size;
    }

    boolean isFull() {
        return size == capacity;
    }

    void clear() {
        size = 0;
    }

    /**
     * @return rows held.
     */
    public int size() {
        return size;
    }

    /**
     * @return rows it can hold.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return device ids.
     */
    public long[] deviceIds() {
        return deviceId;
    }

    /**
     * @return timestamps (epoch ns), or null when not wanted.
     */
    public long[] timestamps() {
        return timestampNs;
    }

    /**
     * @return type codes, or null when not wanted.
     */
    public byte[] types() {
        return type;
    }

    /**
     * @return x, whole px rounded down ({@link #xFractions()}), or null when not wanted.
     */
    public int[] xs() {
        return x;
    }

    /**
     * @return y, whole px rounded down ({@link #yFractions()}), or null when not wanted.
     */
    public int[] ys() {
        return y;
    }

    /**
     * @return fractions of x in 1/256 px as unsigned bytes ({@code & 0xFF}; x is {@code xs()[i] + that / 256}
     *         px), or null when not wanted.
     */
    public byte[] xFractions() {
        return xFraction;
    }

    /**
     * @return fractions of y in 1/256 px as unsigned bytes, or null when not wanted.
     */
    public byte[] yFractions() {
        return yFraction;
    }

    /**
     * @return button or buttons held, or null when not wanted.
     */
    public int[] buttons() {
        return buttons;
    }

    /**
     * @return wheel dx, or null when not wanted.
     */
    public int[] wheelDxs() {
        return wheelDx;
    }

    /**
     * @return wheel dy, or null when not wanted.
     */
    public int[] wheelDys() {
        return wheelDy;
    }

    /**
     * @return keys, or null when not wanted.
     */
    public int[] keys() {
        return key;
    }

    /**
     * @return modifiers, or null when not wanted.
     */
    public int[] modifiers() {
        return modifiers;
    }
}

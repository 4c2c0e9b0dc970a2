/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of parsed events, column by column, on its way from a reader to the writer: reused, so parsing
 * allocates nothing per event. Devices are named by key ({@code user7/session_0061629194}) in a small table
 * of the buffer's own; the writer turns each key into a journal device id once. Fields a and b are as in the
 * writer: buttons, button, wheel dx/dy or key/modifiers.
 */
public final class EventBuffer {
    private final int capacity;
    private final List<String> deviceKeys = new ArrayList<>();
    private final Map<String, Integer> deviceIndex = new HashMap<>();
    private final int[] device;
    private final long[] timestampNs;
    private final byte[] type;
    private final int[] x;
    private final int[] y;
    /** Fractions of x and y, 1/256 px ({@link SubPixel}), as unsigned bytes. */
    private final byte[] xFraction;
    private final byte[] yFraction;
    private final int[] a;
    private final int[] b;
    private int size;

    /**
     * @param capacity events it holds, at least 1.
     */
    public EventBuffer(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        device = new int[capacity];
        timestampNs = new long[capacity];
        type = new byte[capacity];
        x = new int[capacity];
        y = new int[capacity];
        xFraction = new byte[capacity];
        yFraction = new byte[capacity];
        a = new int[capacity];
        b = new int[capacity];
    }

    /**
     * @param key a device key.
     * @return its index in this buffer's device table, added when new.
     */
    public int device(final String key) {
        final Integer known = deviceIndex.get(key);
        if (known != null) {
            return known;
        }
        deviceKeys.add(key);
        deviceIndex.put(key, deviceKeys.size() - 1);
        return deviceKeys.size() - 1;
    }

    /**
     * Adds one event.
     *
     * @param deviceIndex from {@link #device(String)}.
     * @param timestampNs epoch ns, 0 or later.
     * @param eventType   the type.
     * @param px          pointer x, px (0 for keys).
     * @param py          pointer y, px (0 for keys).
     * @param fieldA      buttons, button, wheel dx or key.
     * @param fieldB      wheel dy or modifiers, else 0.
     * @throws IllegalStateException when full.
     */
    public void add(final int deviceIndex, final long timestampNs, final EventType eventType, final int px,
        final int py, final int fieldA, final int fieldB) {
        if (size == capacity) {
            throw new IllegalStateException("event buffer full (" + capacity + " events)");
        }
        device[size] = deviceIndex;
        this.timestampNs[size] = timestampNs;
        type[size] = (byte)eventType.code();
        x[size] = px;
        y[size] = py;
        xFraction[size] = 0;
        yFraction[size] = 0;
        a[size] = fieldA;
        b[size] = fieldB;
        size++;
    }

    /**
     * Adds one event whose coordinates may have fractions of a pixel.
     *
     * @param deviceIndex from {@link #device(String)}.
     * @param timestampNs epoch ns, 0 or later.
     * @param eventType   the type.
     * @param xSubpixels  pointer x, 1/256 px ({@link SubPixel}; 0 for keys).
     * @param ySubpixels  pointer y, 1/256 px.
     * @param fieldA      buttons, button, wheel dx or key.
     * @param fieldB      wheel dy or modifiers, else 0.
     * @throws IllegalStateException when full.
     */
    public void addSubPixel(final int deviceIndex, final long timestampNs, final EventType eventType,
        final long xSubpixels, final long ySubpixels, final int fieldA, final int fieldB) {
        add(deviceIndex, timestampNs, eventType, SubPixel.whole(xSubpixels), SubPixel.whole(ySubpixels), fieldA,
            fieldB);
        xFraction[size - 1] = (byte)SubPixel.fraction(xSubpixels);
        yFraction[size - 1] = (byte)SubPixel.fraction(ySubpixels);
    }

    /**
     * Drops the first {@code n} events, keeping the rest in order (the device table stays).
     *
     * @param n events to drop, at most {@link #size()}.
     */
    public void dropFirst(final int n) {
        if (n < 0 || n > size) {
            throw new IllegalArgumentException("cannot drop " + n + " of " + size + " events");
        }
        final int kept = size - n;
        System.arraycopy(device, n, device, 0, kept);
        System.arraycopy(timestampNs, n, timestampNs, 0, kept);
        System.arraycopy(type, n, type, 0, kept);
        System.arraycopy(x, n, x, 0, kept);
        System.arraycopy(y, n, y, 0, kept);
        System.arraycopy(xFraction, n, xFraction, 0, kept);
        System.arraycopy(yFraction, n, yFraction, 0, kept);
        System.arraycopy(a, n, a, 0, kept);
        System.arraycopy(b, n, b, 0, kept);
        size = kept;
    }

    /** Empties the buffer and its device table. */
    public void clear() {
        size = 0;
        deviceKeys.clear();
        deviceIndex.clear();
    }

    /**
     * @return events held.
     */
    public int size() {
        return size;
    }

    /**
     * @return events it can hold.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * @return room left, events.
     */
    public int remaining() {
        return capacity - size;
    }

    /**
     * @return device keys by index.
     */
    public List<String> deviceKeys() {
        return deviceKeys;
    }

    /**
     * @param i event index.
     * @return its device index.
     */
    public int device(final int i) {
        return device[i];
    }

    /**
     * @param i event index.
     * @return its timestamp, epoch ns.
     */
    public long timestampNs(final int i) {
        return timestampNs[i];
    }

    /**
     * @param i event index.
     * @return its type code ({@link EventType#code()}).
     */
    public int typeCode(final int i) {
        return type[i];
    }

    /**
     * @param i event index.
     * @return pointer x, px (the whole part, rounded down; see {@link #xFraction}).
     */
    public int x(final int i) {
        return x[i];
    }

    /**
     * @param i event index.
     * @return pointer y, px.
     */
    public int y(final int i) {
        return y[i];
    }

    /**
     * @param i event index.
     * @return the fraction of its x, 1/256 px, {@code 0..255}.
     */
    public int xFraction(final int i) {
        return xFraction[i] & SubPixel.FRACTION_MASK;
    }

    /**
     * @param i event index.
     * @return the fraction of its y, 1/256 px, {@code 0..255}.
     */
    public int yFraction(final int i) {
        return yFraction[i] & SubPixel.FRACTION_MASK;
    }

    /**
     * @param i event index.
     * @return field a.
     */
    public int a(final int i) {
        return a[i];
    }

    /**
     * @param i event index.
     * @return field b.
     */
    public int b(final int i) {
        return b[i];
    }
}

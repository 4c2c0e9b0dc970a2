/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;

import java.util.Arrays;

/**
 * A min-heap of pointer events (moves, button downs and ups), ordered by (timestamp, sequence), on primitive
 * arrays: no object per event. The sequence is the order the events were read in, so equal timestamps keep file
 * order. Coordinates are subpixels ({@link dev.spoor.codec.SubPixel}). Grows by doubling; the rrweb reader keeps it
 * to the events of its reorder window.
 */
final class PointerEventQueue {
    private long[] timestampNs = new long[64];
    private long[] sequence = new long[64];
    private byte[] type = new byte[64];
    private long[] x = new long[64];
    private long[] y = new long[64];
    private int[] button = new int[64];
    private int size;

    /**
     * @param eventTimestampNs the event's time, epoch ns.
     * @param eventSequence    its place in reading order.
     * @param eventType        MOVE, BUTTON_DOWN or BUTTON_UP.
     * @param xSubpixels       pointer x, 1/256 px.
     * @param ySubpixels       pointer y, 1/256 px.
     * @param eventButton      the button of a down or up ({@link dev.spoor.codec.Buttons}), 0 for a move.
     */
    void push(final long eventTimestampNs, final long eventSequence, final EventType eventType,
        final long xSubpixels, final long ySubpixels, final int eventButton) {
        if (size == timestampNs.length) {
            grow();
        }
        int i = size++;
        while (i > 0) {
            final int parent = (i - 1) >>> 1;
            if (!isBefore(eventTimestampNs, eventSequence, timestampNs[parent], sequence[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        timestampNs[i] = eventTimestampNs;
        sequence[i] = eventSequence;
        type[i] = (byte)eventType.code();
        x[i] = xSubpixels;
        y[i] = ySubpixels;
        button[i] = eventButton;
    }

    /**
     * @return events queued.
     */
    int size() {
        return size;
    }

    /**
     * @return the first event's timestamp, epoch ns (the queue must not be empty).
     */
    long firstTimestampNs() {
        return timestampNs[0];
    }

    /**
     * @return the first event's type code ({@link EventType#code()}).
     */
    int firstTypeCode() {
        return type[0];
    }

    /**
     * @return the first event's x, subpixels.
     */
    long firstX() {
        return x[0];
    }

    /**
     * @return the first event's y, subpixels.
     */
    long firstY() {
        return y[0];
    }

    /**
     * @return the first event's button (0 for a move).
     */
    int firstButton() {
        return button[0];
    }

    /** Removes the first event. */
    void removeFirst() {
        assert size > 0;
        size--;
        if (size == 0) {
            return;
        }
        final int last = size;
        final long lastTime = timestampNs[last];
        final long lastSequence = sequence[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && isBefore(timestampNs[child + 1], sequence[child + 1], timestampNs[child],
                sequence[child])) {
                child++;
            }
            if (!isBefore(timestampNs[child], sequence[child], lastTime, lastSequence)) {
                break;
            }
            move(child, i);
            i = child;
        }
        move(last, i);
    }

    private void move(final int from, final int to) {
        timestampNs[to] = timestampNs[from];
        sequence[to] = sequence[from];
        type[to] = type[from];
        x[to] = x[from];
        y[to] = y[from];
        button[to] = button[from];
    }

    private void grow() {
        final int capacity = 2 * timestampNs.length;
        timestampNs = Arrays.copyOf(timestampNs, capacity);
        sequence = Arrays.copyOf(sequence, capacity);
        type = Arrays.copyOf(type, capacity);
        x = Arrays.copyOf(x, capacity);
        y = Arrays.copyOf(y, capacity);
        button = Arrays.copyOf(button, capacity);
    }

    private static boolean isBefore(final long time, final long seq, final long otherTime, final long otherSeq) {
        return time < otherTime || time == otherTime && seq < otherSeq;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.util.Arrays;

/**
 * A min-heap of key events, ordered by (timestamp, sequence), on three primitive arrays: no object per event.
 * The sequence is {@code 2 * row} for a press and {@code 2 * row + 1} for its release, so equal timestamps
 * keep row order, a press before the release of the same row. Grows by doubling; the Aalto reader keeps it
 * to the keys held at once plus its reorder window.
 */
final class KeyEventQueue {
    private long[] timestampNs = new long[64];
    private long[] sequence = new long[64];
    private int[] keyCode = new int[64];
    private int size;

    /**
     * @param eventTimestampNs the event's time, epoch ns.
     * @param eventSequence    its sequence (see the class comment).
     * @param eventKeyCode     its key code.
     */
    void push(final long eventTimestampNs, final long eventSequence, final int eventKeyCode) {
        if (size == timestampNs.length) {
            timestampNs = Arrays.copyOf(timestampNs, 2 * size);
            sequence = Arrays.copyOf(sequence, 2 * size);
            keyCode = Arrays.copyOf(keyCode, 2 * size);
        }
        int i = size++;
        while (i > 0) {
            final int parent = (i - 1) >>> 1;
            if (!isBefore(eventTimestampNs, eventSequence, timestampNs[parent], sequence[parent])) {
                break;
            }
            set(i, timestampNs[parent], sequence[parent], keyCode[parent]);
            i = parent;
        }
        set(i, eventTimestampNs, eventSequence, eventKeyCode);
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
     * @return the first event's sequence.
     */
    long firstSequence() {
        return sequence[0];
    }

    /**
     * @return the first event's key code.
     */
    int firstKeyCode() {
        return keyCode[0];
    }

    /** Removes the first event. */
    void removeFirst() {
        assert size > 0;
        size--;
        if (size == 0) {
            return;
        }
        final long lastTime = timestampNs[size];
        final long lastSequence = sequence[size];
        final int lastKey = keyCode[size];
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
            set(i, timestampNs[child], sequence[child], keyCode[child]);
            i = child;
        }
        set(i, lastTime, lastSequence, lastKey);
    }

    private void set(final int i, final long time, final long seq, final int key) {
        timestampNs[i] = time;
        sequence[i] = seq;
        keyCode[i] = key;
    }

    private static boolean isBefore(final long time, final long seq, final long otherTime, final long otherSeq) {
        return time < otherTime || time == otherTime && seq < otherSeq;
    }
}

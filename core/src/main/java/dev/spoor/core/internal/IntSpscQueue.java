/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer single-consumer queue of non-negative ints (slot numbers), allocation-free.
 * The producer's ordered write of the tail publishes the item and everything written before it.
 */
public final class IntSpscQueue {
    private final int[] items;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /**
     * @param minCapacity at least this many items fit.
     */
    public IntSpscQueue(final int minCapacity) {
        final int capacity = Integer.highestOneBit(Math.max(2, minCapacity - 1)) << 1;
        items = new int[capacity];
        mask = capacity - 1;
    }

    /**
     * @param value item to add (producer thread only).
     * @return false when full.
     */
    public boolean offer(final int value) {
        final long t = tail.get();
        if (t - head.get() == items.length) {
            return false;
        }
        items[(int)t & mask] = value;
        tail.lazySet(t + 1);
        return true;
    }

    /**
     * @return the oldest item, or -1 when empty (consumer thread only).
     */
    public int poll() {
        final long h = head.get();
        if (h == tail.get()) {
            return -1;
        }
        final int value = items[(int)h & mask];
        head.lazySet(h + 1);
        return value;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.StableSort;
import dev.spoor.core.TimeRange;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One stream of every planned device's events in timestamp order (ties: device id, then journal order,
 * then stored order: the per-device order of an unmerged scan).
 * Blocks are opened in order of their first timestamp, each as a sorted, filtered run; a binary heap of
 * runs yields the smallest next event. A block is opened before any event at or after its first timestamp
 * is delivered, so nothing can arrive late. Memory: one decoded block per block open at a time, i.e. per
 * device active at the same moment, whatever the size of the scan.
 */
final class MergedScanner {
    private final BlockPlan plan;
    private final BlockLoader loader;
    private final int blockCapacity;
    private final long fromNs;
    /** The last wanted timestamp, inclusive: a scan without an end wants Long.MAX_VALUE too (TimeRange). */
    private final long lastNs;
    private final int typeMask;
    private final ScanStats stats;
    private final EventView view;
    private final int[] byStart;
    private final ArrayDeque<Run> free = new ArrayDeque<>();
    private Run[] heap = new Run[16];
    private int heapSize;
    private int nextBlock;

    MergedScanner(final BlockLoader loader, final BlockPlan plan, final Scan scan, final int blockCapacity,
        final ScanStats stats, final EventView view) {
        this.plan = plan;
        this.loader = loader;
        this.blockCapacity = blockCapacity;
        this.fromNs = scan.fromNs();
        this.lastNs = TimeRange.lastNs(scan.toNs());
        this.typeMask = scan.typeMask();
        this.stats = stats;
        this.view = view;
        this.byStart = byFirstTimestamp(plan);
    }

    /**
     * Delivers the next event.
     *
     * @return false when there are no more.
     */
    boolean next(final EventHandler handler) {
        while (true) {
            if (heapSize == 0) {
                if (nextBlock == byStart.length) {
                    return false;
                }
                open(byStart[nextBlock++]);
            } else if (nextBlock < byStart.length
                && plan.minTimestampNs(byStart[nextBlock]) <= heap[0].timestamp()) {
                open(byStart[nextBlock++]);
            } else {
                final Run run = heap[0];
                final int i = run.current();
                final int type = run.batch.typeColumn()[i];
                stats.returned(type);
                handler.onEvent(view.at(run.device, run.batch, i));
                if (++run.position == run.size) {
                    heap[0] = heap[--heapSize];
                    free.push(run);
                }
                siftDown();
                return true;
            }
        }
    }

    private void open(final int position) {
        final Run run = free.isEmpty() ? new Run(blockCapacity) : free.pop();
        final boolean isLoaded = loader.load(plan, position, run.batch);
        if (!isLoaded || !run.select(plan.deviceId(position), plan.queueIndex(position), fromNs, lastNs, typeMask)) {
            free.push(run);
            return;
        }
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        heap[heapSize] = run;
        siftUp(heapSize++);
    }

    private void siftUp(final int from) {
        int child = from;
        while (child > 0) {
            final int parent = (child - 1) >>> 1;
            if (!heap[child].isBefore(heap[parent])) {
                return;
            }
            swap(child, parent);
            child = parent;
        }
    }

    private void siftDown() {
        int parent = 0;
        while (true) {
            final int left = 2 * parent + 1;
            if (left >= heapSize) {
                return;
            }
            final int right = left + 1;
            final int smaller = right < heapSize && heap[right].isBefore(heap[left]) ? right : left;
            if (!heap[smaller].isBefore(heap[parent])) {
                return;
            }
            swap(parent, smaller);
            parent = smaller;
        }
    }

    private void swap(final int a, final int b) {
        final Run t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }

    private static int[] byFirstTimestamp(final BlockPlan plan) {
        final int n = plan.size();
        final long[] keys = new long[n];
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = plan.minTimestampNs(i);
            perm[i] = i;
        }
        final int[] sorted = StableSort.sort(keys, perm, new int[n], n);
        return sorted == perm ? perm : Arrays.copyOf(sorted, n);
    }

    /** One opened block: its wanted events' indexes in timestamp order, and a read position. */
    private static final class Run {
        final EventBatch batch;
        final int[] order;
        final int[] scratch;
        int[] sorted;
        long device;
        long queueIndex;
        int size;
        int position;

        Run(final int capacity) {
            batch = new EventBatch(capacity);
            order = new int[capacity];
            scratch = new int[capacity];
        }

        /** Keeps the wanted events, sorted; false when none is wanted. */
        boolean select(final long deviceId, final long journalIndex, final long fromNs, final long lastNs,
            final int typeMask) {
            device = deviceId;
            queueIndex = journalIndex;
            position = 0;
            final long[] ts = batch.timestampColumn();
            final byte[] types = batch.typeColumn();
            int n = 0;
            for (int i = 0, count = batch.size(); i < count; i++) {
                if (ts[i] >= fromNs && ts[i] <= lastNs && (typeMask & 1 << types[i]) != 0) {
                    order[n++] = i;
                }
            }
            size = n;
            sorted = StableSort.sort(ts, order, scratch, n);
            return n > 0;
        }

        int current() {
            return sorted[position];
        }

        long timestamp() {
            return batch.timestampColumn()[sorted[position]];
        }

        boolean isBefore(final Run other) {
            final long a = timestamp();
            final long b = other.timestamp();
            if (a != b) {
                return a < b;
            }
            if (device != other.device) {
                return device < other.device;
            }
            return queueIndex < other.queueIndex;
        }
    }
}

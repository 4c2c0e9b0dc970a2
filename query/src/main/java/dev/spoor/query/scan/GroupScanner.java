/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.core.StableSort;
import dev.spoor.core.TimeRange;

import java.util.Arrays;

/**
 * Delivers the events of one group of blocks (see {@link ReadOrder}) in timestamp order, filtered by the
 * scan's range and types. One block in time order (the usual case) is delivered straight from its decoded
 * columns; overlapping blocks, or a block whose events arrived out of order, are merged with a stable sort
 * so equal timestamps keep block order, then stored order. One per thread, reused across scans; batches and sort
 * arrays grow only when a group is larger than any before.
 */
final class GroupScanner {
    private static final int MOVE = EventType.MOVE.code();
    private final BlockLoader loader;
    private long fromNs;
    /** The last wanted timestamp, inclusive: a scan without an end wants Long.MAX_VALUE too (TimeRange). */
    private long lastNs;
    private int typeMask;
    private ScanStats stats;
    private final EventView view;
    private final int blockCapacity;
    private EventBatch[] batches = new EventBatch[0];
    private long[] keys = new long[0];
    private int[] refs = new int[0];
    private int[] perm = new int[0];
    private int[] scratch = new int[0];

    GroupScanner(final BlockLoader loader, final int blockCapacity, final EventView view) {
        this.blockCapacity = blockCapacity;
        this.loader = loader;
        this.view = view;
    }

    /** Sets up the next scan. */
    void prepare(final Scan scan, final ScanStats scanStats) {
        this.fromNs = scan.fromNs();
        this.lastNs = TimeRange.lastNs(scan.toNs());
        this.typeMask = scan.typeMask();
        this.stats = scanStats;
    }

    void run(final ReadOrder readOrder, final int group, final EventHandler handler) {
        final int start = readOrder.groupStart[group];
        final int end = readOrder.groupStart[group + 1];
        ensureBatches(end - start);
        int loaded = 0;
        int candidates = 0;
        for (int k = start; k < end; k++) {
            final EventBatch batch = batches[loaded];
            if (loader.load(readOrder.plan, readOrder.order[k], batch)) {
                loaded++;
                candidates += batch.size();
            }
        }
        if (loaded == 0) {
            return;
        }
        final long device = readOrder.plan.deviceId(readOrder.order[start]);
        if (loaded == 1 && (batches[0].isKnownInTimeOrder() || isInOrder(batches[0]))) {
            if (handler instanceof RunHandler) {
                deliverRuns(device, batches[0], (RunHandler)handler);
            } else {
                deliverInOrder(device, batches[0], handler);
            }
        } else {
            deliverMerged(device, loaded, candidates, handler);
        }
    }

    /**
     * A block in time order to a callback: the wanted time range is one stretch of it (found by binary search).
     * Moves, nearly every event of a mouse block, are counted in a local and added to the stats once: a count in
     * the stats' array per event chained each event's store to the next one's load (ScanBenchmark.fullScan, in
     * docs/decoder-tuning.md).
     */
    private void deliverInOrder(final long device, final EventBatch batch, final EventHandler handler) {
        final long[] ts = batch.timestampColumn();
        final byte[] types = batch.typeColumn();
        final int n = batch.size();
        final int end = firstAfter(ts, n, lastNs);
        final int start = firstAtOrAfter(ts, end, fromNs);
        if (n > 0 && start == 0 && end == n && isEveryTypeWanted(batch)) {
            countWhole(batch);
            final EventView block = view.at(device, batch, 0);
            for (int i = 0; i < n; i++) { // the whole block, counted by its decoder: no test per event
                handler.onEvent(block.moveTo(i));
            }
            return;
        }
        long moves = 0;
        final EventView block = view.at(device, batch, start);
        for (int i = start; i < end; i++) {
            final int type = types[i];
            if ((typeMask & 1 << type) != 0) {
                if (type == MOVE) {
                    moves++;
                } else {
                    stats.returned(type);
                }
                handler.onEvent(block.moveTo(i));
            }
        }
        stats.returned(MOVE, moves); // a handler that throws ends the scan, whose stats are then never returned
    }

    /**
     * A block in time order to a run handler: the wanted time range is one stretch of it (found by binary search),
     * and within it the runs of wanted types go over whole.
     */
    private void deliverRuns(final long device, final EventBatch batch, final RunHandler handler) {
        final long[] ts = batch.timestampColumn();
        final byte[] types = batch.typeColumn();
        final int n = batch.size();
        final int end = firstAfter(ts, n, lastNs);
        int i = firstAtOrAfter(ts, end, fromNs);
        if (n > 0 && i == 0 && end == n && isEveryTypeWanted(batch)) {
            countWhole(batch);
            handler.onRun(device, batch, 0, n); // the whole block, counted by its decoder: no pass over its types
            return;
        }
        while (i < end) {
            while (i < end && (typeMask & 1 << types[i]) == 0) {
                i++;
            }
            final int start = i;
            long moves = 0;
            while (i < end && (typeMask & 1 << types[i]) != 0) {
                final int type = types[i];
                if (type == MOVE) {
                    moves++; // in a local: see deliverInOrder
                } else {
                    stats.returned(type);
                }
                i++;
            }
            stats.returned(MOVE, moves);
            if (i > start) {
                handler.onRun(device, batch, start, i - start);
            }
        }
    }

    /** Counts a whole block as returned, by the decoder's counts of its types. */
    private void countWhole(final EventBatch batch) {
        for (int type = 0; type < EventType.COUNT; type++) {
            stats.returned(type, batch.decodedTypeCount(type));
        }
    }

    /** @return true when the decoder counted the batch's types and the scan wants every type present. */
    private boolean isEveryTypeWanted(final EventBatch batch) {
        int present = 0;
        for (int type = 0; type < EventType.COUNT; type++) {
            final int count = batch.decodedTypeCount(type);
            if (count < 0) {
                return false;
            }
            present |= count > 0 ? 1 << type : 0;
        }
        return (present & ~typeMask) == 0;
    }

    /** The first of ts[0, n) (ascending) at or after {@code value}, or n. */
    private static int firstAtOrAfter(final long[] ts, final int n, final long value) {
        int low = 0;
        int high = n;
        while (low < high) {
            final int mid = (low + high) >>> 1;
            if (ts[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The first of ts[0, n) (ascending) after {@code value}, or n. */
    private static int firstAfter(final long[] ts, final int n, final long value) {
        return value == Long.MAX_VALUE ? n : firstAtOrAfter(ts, n, value + 1);
    }

    private void deliverMerged(final long device, final int loaded, final int candidates, final EventHandler handler) {
        ensureSortArrays(candidates);
        int n = 0;
        for (int b = 0; b < loaded; b++) {
            final long[] ts = batches[b].timestampColumn();
            for (int i = 0, size = batches[b].size(); i < size; i++) {
                keys[n] = ts[i];
                refs[n] = b << 16 | i;
                perm[n] = n;
                n++;
            }
        }
        final int[] sorted = StableSort.sort(keys, perm, scratch, n);
        for (int k = 0; k < n; k++) {
            final int ref = refs[sorted[k]];
            final EventBatch batch = batches[ref >>> 16];
            final int i = ref & 0xFFFF;
            deliver(device, batch, i, batch.timestampColumn()[i], batch.typeColumn()[i], handler);
        }
    }

    private void deliver(final long device, final EventBatch batch, final int i, final long ts, final int type,
        final EventHandler handler) {
        if (ts >= fromNs && ts <= lastNs && (typeMask & 1 << type) != 0) {
            stats.returned(type);
            handler.onEvent(view.at(device, batch, i));
        }
    }

    private static boolean isInOrder(final EventBatch batch) {
        final long[] ts = batch.timestampColumn();
        for (int i = 1, n = batch.size(); i < n; i++) {
            if (ts[i] < ts[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private void ensureBatches(final int count) {
        if (batches.length < count) {
            final int old = batches.length;
            batches = Arrays.copyOf(batches, count);
            for (int b = old; b < count; b++) {
                batches[b] = new EventBatch(blockCapacity);
            }
        }
    }

    private void ensureSortArrays(final int n) {
        if (keys.length < n) {
            keys = new long[n];
            refs = new int[n];
            perm = new int[n];
            scratch = new int[n];
        }
    }
}

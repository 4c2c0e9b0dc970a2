/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.index;

import dev.spoor.core.TimeRange;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Where every block is: derived from block headers, never trusted over the journal, rebuilt when missing.
 * <ul>
 *   <li>entries in journal (queue) order: queue index, device, min and max timestamp, event count, types,
 *       bytes stored;</li>
 *   <li>per device: its entries sorted by min timestamp, with a running max of max timestamps, so a time
 *       range finds its first block by binary search;</li>
 *   <li>per roll cycle: a sparse time index, one group every {@code spacing} blocks in queue order with the
 *       group's smallest min and largest max timestamp, so a time-range scan skips whole regions
 *       (like Kafka's {@code .timeindex}).</li>
 * </ul>
 * Not thread safe: the journal guards it.
 */
public final class BlockIndex {
    /** Receives the positions of matching entries. */
    @FunctionalInterface
    public interface EntryVisitor {
        /**
         * @param position the entry's position in queue order.
         * @return false to stop.
         */
        boolean onEntry(int position);
    }

    private final int spacing;
    private long[] queueIndex = new long[1024];
    private long[] deviceId = new long[1024];
    private long[] minTs = new long[1024];
    private long[] maxTs = new long[1024];
    private int[] eventCount = new int[1024];
    private int[] typeMask = new int[1024];
    private int[] cycle = new int[1024];
    private int[] blockBytes = new int[1024];
    private int size;
    private final Long2ObjectHashMap<DeviceBlocks> byDevice = new Long2ObjectHashMap<>();
    private final List<CycleBlocks> cycles = new ArrayList<>();
    private long entriesExamined;

    /**
     * @param spacing blocks per group of the sparse time index.
     */
    public BlockIndex(final int spacing) {
        this.spacing = spacing;
    }

    /**
     * Adds a block; queue indexes must arrive in increasing order.
     *
     * @param index   the excerpt's queue index.
     * @param cycleNo its roll cycle.
     * @param device  the block's device.
     * @param min     smallest timestamp.
     * @param max     largest timestamp.
     * @param events  event count.
     * @param types   type mask.
     * @param bytes   bytes the block takes in the queue (the excerpt after its seal id).
     */
    public void add(final long index, final int cycleNo, final long device, final long min, final long max,
        final int events, final int types, final int bytes) {
        if (size > 0 && index <= queueIndex[size - 1]) {
            throw new IllegalArgumentException("queue index " + index + " is not after the last indexed "
                + queueIndex[size - 1]);
        }
        ensureCapacity(size + 1);
        final int position = size++;
        queueIndex[position] = index;
        deviceId[position] = device;
        minTs[position] = min;
        maxTs[position] = max;
        eventCount[position] = events;
        typeMask[position] = types;
        cycle[position] = cycleNo;
        blockBytes[position] = bytes;
        DeviceBlocks blocks = byDevice.get(device);
        if (blocks == null) {
            blocks = new DeviceBlocks();
            byDevice.put(device, blocks);
        }
        blocks.add(position, min, minTs, maxTs);
        cycleFor(cycleNo, position).add(position, min, max);
    }

    /**
     * A copy holding the entries {@code keep} accepts, in the same order: for a snapshot that readers can walk
     * without the journal's lock, or to drop deleted cycles.
     *
     * @param keep tests an entry's position.
     * @return the new index.
     */
    public BlockIndex copyWhere(final IntPredicate keep) {
        final BlockIndex copy = new BlockIndex(spacing);
        for (int i = 0; i < size; i++) {
            if (keep.test(i)) {
                copy.add(queueIndex[i], cycle[i], deviceId[i], minTs[i], maxTs[i], eventCount[i], typeMask[i],
                    blockBytes[i]);
            }
        }
        return copy;
    }

    /**
     * @return entries.
     */
    public int size() {
        return size;
    }

    /**
     * @return the queue index of the last entry, or -1 when empty.
     */
    public long lastQueueIndex() {
        return size == 0 ? -1 : queueIndex[size - 1];
    }

    /**
     * @param position entry position.
     * @return its queue index.
     */
    public long queueIndex(final int position) {
        return queueIndex[position];
    }

    /**
     * @param position entry position.
     * @return its device.
     */
    public long deviceId(final int position) {
        return deviceId[position];
    }

    /**
     * @param position entry position.
     * @return its smallest timestamp.
     */
    public long minTimestampNs(final int position) {
        return minTs[position];
    }

    /**
     * @param position entry position.
     * @return its largest timestamp.
     */
    public long maxTimestampNs(final int position) {
        return maxTs[position];
    }

    /**
     * @param position entry position.
     * @return its event count.
     */
    public int eventCount(final int position) {
        return eventCount[position];
    }

    /**
     * @param position entry position.
     * @return its type mask.
     */
    public int typeMask(final int position) {
        return typeMask[position];
    }

    /**
     * @param position entry position.
     * @return its roll cycle.
     */
    public int cycle(final int position) {
        return cycle[position];
    }

    /**
     * @param position entry position.
     * @return bytes its block takes in the queue.
     */
    public int blockBytes(final int position) {
        return blockBytes[position];
    }

    /**
     * @return the devices with at least one block.
     */
    public long[] devices() {
        final long[] ids = new long[byDevice.size()];
        final int[] i = {0};
        byDevice.keySet().forEach(id -> ids[i[0]++] = id);
        Arrays.sort(ids);
        return ids;
    }

    /**
     * @return entries examined by queries so far: how much work the index saved shows against {@link #size()}.
     */
    public long entriesExamined() {
        return entriesExamined;
    }

    /**
     * Visits the blocks of one device that may hold events in [from, to), in order of min timestamp.
     *
     * @param device  the device.
     * @param fromNs  inclusive start.
     * @param toNs    exclusive end; {@code Long.MAX_VALUE}: no end, so a block at {@code Long.MAX_VALUE} is
     *                visited too ({@link TimeRange}).
     * @param visitor receives entry positions.
     * @return false when the visitor stopped.
     */
    public boolean forDevice(final long device, final long fromNs, final long toNs, final EntryVisitor visitor) {
        final DeviceBlocks blocks = byDevice.get(device);
        if (blocks == null) {
            return true;
        }
        final long lastNs = TimeRange.lastNs(toNs);
        for (int k = blocks.firstReaching(fromNs); k < blocks.size; k++) {
            final int position = blocks.positions[k];
            entriesExamined++;
            if (minTs[position] > lastNs) {
                break;
            }
            if (maxTs[position] >= fromNs && !visitor.onEntry(position)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Visits, per device in id order and per device in time order, the blocks that may hold events in
     * [from, to).
     *
     * @param devices the device ids in any order (repeats are visited once; the array is not changed), or null
     *                for all.
     * @param fromNs  inclusive start.
     * @param toNs    exclusive end; {@code Long.MAX_VALUE}: no end ({@link TimeRange}).
     * @param visitor receives entry positions.
     */
    public void forDevices(final long[] devices, final long fromNs, final long toNs, final EntryVisitor visitor) {
        final long[] ids = devices == null ? devices() : sortedDistinct(devices);
        for (final long id : ids) {
            if (!forDevice(id, fromNs, toNs, visitor)) {
                return;
            }
        }
    }

    /**
     * Visits in queue order the blocks that may hold events in [from, to), skipping cycles and sparse groups
     * whose time span misses the range.
     *
     * @param fromNs  inclusive start.
     * @param toNs    exclusive end; {@code Long.MAX_VALUE}: no end ({@link TimeRange}).
     * @param visitor receives entry positions.
     */
    public void forRange(final long fromNs, final long toNs, final EntryVisitor visitor) {
        final long lastNs = TimeRange.lastNs(toNs);
        for (final CycleBlocks c : cycles) {
            if (c.min > lastNs || c.max < fromNs) {
                continue;
            }
            for (int g = 0; g < c.groups; g++) {
                if (c.groupMin[g] > lastNs || c.groupMax[g] < fromNs) {
                    continue;
                }
                final int end = Math.min(c.first + (g + 1) * spacing, c.end);
                for (int position = c.first + g * spacing; position < end; position++) {
                    entriesExamined++;
                    if (minTs[position] <= lastNs && maxTs[position] >= fromNs && !visitor.onEntry(position)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * @param other another index.
     * @return true when both hold the same entries in the same order.
     */
    public boolean sameEntries(final BlockIndex other) {
        if (size != other.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (queueIndex[i] != other.queueIndex[i] || deviceId[i] != other.deviceId[i]
                || minTs[i] != other.minTs[i] || maxTs[i] != other.maxTs[i] || eventCount[i] != other.eventCount[i]
                || typeMask[i] != other.typeMask[i] || cycle[i] != other.cycle[i]
                || blockBytes[i] != other.blockBytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** The ids ascending without repeats: the array itself when it already is (a scan's usually is). */
    private static long[] sortedDistinct(final long[] devices) {
        if (isSortedDistinct(devices)) {
            return devices;
        }
        final long[] ids = devices.clone();
        Arrays.sort(ids);
        int count = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[count++] = ids[i];
            }
        }
        return Arrays.copyOf(ids, count);
    }

    private static boolean isSortedDistinct(final long[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private CycleBlocks cycleFor(final int cycleNo, final int position) {
        final CycleBlocks last = cycles.isEmpty() ? null : cycles.get(cycles.size() - 1);
        if (last != null && last.cycle == cycleNo) {
            return last;
        }
        final CycleBlocks created = new CycleBlocks(cycleNo, position, spacing);
        cycles.add(created);
        return created;
    }

    private void ensureCapacity(final int needed) {
        if (needed > queueIndex.length) {
            final int length = Math.max(needed, queueIndex.length * 2);
            queueIndex = Arrays.copyOf(queueIndex, length);
            deviceId = Arrays.copyOf(deviceId, length);
            minTs = Arrays.copyOf(minTs, length);
            maxTs = Arrays.copyOf(maxTs, length);
            eventCount = Arrays.copyOf(eventCount, length);
            typeMask = Arrays.copyOf(typeMask, length);
            cycle = Arrays.copyOf(cycle, length);
            blockBytes = Arrays.copyOf(blockBytes, length);
        }
    }

    /** One device's entries sorted by min timestamp, with the running max of their max timestamps. */
    private static final class DeviceBlocks {
        private int[] positions = new int[8];
        private long[] runningMax = new long[8];
        private int size;

        void add(final int position, final long min, final long[] minTs, final long[] maxTs) {
            if (size == positions.length) {
                positions = Arrays.copyOf(positions, size * 2);
                runningMax = Arrays.copyOf(runningMax, size * 2);
            }
            int at = size;
            // Blocks mostly arrive in time order; an older one (clock jitter, early seal) is inserted.
            while (at > 0 && minTs[positions[at - 1]] > min) {
                at--;
            }
            System.arraycopy(positions, at, positions, at + 1, size - at);
            positions[at] = position;
            size++;
            long running = at == 0 ? Long.MIN_VALUE : runningMax[at - 1];
            for (int k = at; k < size; k++) {
                running = Math.max(running, maxTs[positions[k]]);
                runningMax[k] = running;
            }
        }

        int firstReaching(final long fromNs) {
            int low = 0;
            int high = size;
            while (low < high) {
                final int mid = (low + high) >>> 1;
                if (runningMax[mid] < fromNs) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** One roll cycle's entries (contiguous in queue order) and its sparse time groups. */
    private static final class CycleBlocks {
        private final int cycle;
        private final int first;
        private final int spacing;
        private int end;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long[] groupMin = new long[4];
        private long[] groupMax = new long[4];
        private int groups;

        CycleBlocks(final int cycle, final int first, final int spacing) {
            this.cycle = cycle;
            this.first = first;
            this.end = first;
            this.spacing = spacing;
        }

        void add(final int position, final long blockMin, final long blockMax) {
            final int group = (position - first) / spacing;
            if (group == groups) {
                if (groups == groupMin.length) {
                    groupMin = Arrays.copyOf(groupMin, groups * 2);
                    groupMax = Arrays.copyOf(groupMax, groups * 2);
                }
                groupMin[group] = Long.MAX_VALUE;
                groupMax[group] = Long.MIN_VALUE;
                groups++;
            }
            groupMin[group] = Math.min(groupMin[group], blockMin);
            groupMax[group] = Math.max(groupMax[group], blockMax);
            min = Math.min(min, blockMin);
            max = Math.max(max, blockMax);
            end = position + 1;
        }
    }
}

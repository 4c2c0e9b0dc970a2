/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasures;
import org.agrona.collections.LongArrayList;

import java.util.Arrays;

/**
 * The blocks a read will touch, known from the index before any block is read: per block its queue index,
 * cycle, device, time span, event count and type mask, in the order {@link JournalReader#plan} chose (per
 * device ascending, then by first timestamp). Growable primitive columns, reusable with {@link #clear()}.
 * <p>A plan also carries the erasures it was made under ({@link #erasures()}): blocks lying entirely inside an
 * erased range are left out of it (counted in {@link #erasedBlocks()}), and
 * {@link JournalReader#read(BlockPlan, int, BlockHandler)} drops the erased events of the blocks partly inside one.
 */
public final class BlockPlan {
    private long[] queueIndex = new long[64];
    private long[] deviceId = new long[64];
    private long[] minTs = new long[64];
    private long[] maxTs = new long[64];
    private int[] eventCount = new int[64];
    private int[] typeMask = new int[64];
    private int[] cycle = new int[64];
    private int size;
    private long entriesExamined;
    private Erasures erasures = Erasures.NONE;
    private final LongArrayList erasedBlockDevices = new LongArrayList();
    private int partlyErasedBlocks;

    /** Empties the plan, keeping its capacity. */
    public void clear() {
        size = 0;
        entriesExamined = 0;
        erasures = Erasures.NONE;
        erasedBlockDevices.clear();
        partlyErasedBlocks = 0;
    }

    void erasures(final Erasures snapshot) {
        erasures = snapshot;
    }

    void addErased(final long device) {
        erasedBlockDevices.addLong(device);
    }

    void addPartlyErased() {
        partlyErasedBlocks++;
    }

    /**
     * @return the erasures in force when the plan was made: its reads apply these.
     */
    public Erasures erasures() {
        return erasures;
    }

    /**
     * @return blocks left out of the plan because they lie entirely inside an erased range.
     */
    public int erasedBlocks() {
        return erasedBlockDevices.size();
    }

    /**
     * @param i 0 to {@link #erasedBlocks()} - 1.
     * @return the device of the i-th block left out as erased.
     */
    public long erasedBlockDevice(final int i) {
        return erasedBlockDevices.getLong(i);
    }

    /**
     * @return planned blocks partly inside an erased range: reading them drops their erased events.
     */
    public int partlyErasedBlocks() {
        return partlyErasedBlocks;
    }

    void add(final long index, final int cycleNo, final long device, final long min, final long max,
        final int events, final int types) {
        if (size == queueIndex.length) {
            final int capacity = size * 2;
            queueIndex = Arrays.copyOf(queueIndex, capacity);
            deviceId = Arrays.copyOf(deviceId, capacity);
            minTs = Arrays.copyOf(minTs, capacity);
            maxTs = Arrays.copyOf(maxTs, capacity);
            eventCount = Arrays.copyOf(eventCount, capacity);
            typeMask = Arrays.copyOf(typeMask, capacity);
            cycle = Arrays.copyOf(cycle, capacity);
        }
        queueIndex[size] = index;
        cycle[size] = cycleNo;
        deviceId[size] = device;
        minTs[size] = min;
        maxTs[size] = max;
        eventCount[size] = events;
        typeMask[size] = types;
        size++;
    }

    void entriesExamined(final long examined) {
        entriesExamined = examined;
    }

    /**
     * @return blocks in the plan.
     */
    public int size() {
        return size;
    }

    /**
     * @return index entries the planner looked at to choose these blocks (the blocks "considered").
     */
    public long entriesExamined() {
        return entriesExamined;
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's queue index.
     */
    public long queueIndex(final int i) {
        return queueIndex[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's roll cycle.
     */
    public int cycle(final int i) {
        return cycle[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's device.
     */
    public long deviceId(final int i) {
        return deviceId[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's smallest timestamp.
     */
    public long minTimestampNs(final int i) {
        return minTs[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's largest timestamp.
     */
    public long maxTimestampNs(final int i) {
        return maxTs[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's events.
     */
    public int eventCount(final int i) {
        return eventCount[i];
    }

    /**
     * @param i 0 to size - 1.
     * @return the block's type mask (bit = 1 &lt;&lt; type code).
     */
    public int typeMask(final int i) {
        return typeMask[i];
    }
}

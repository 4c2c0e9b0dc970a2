/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One task's share of a read: a bounded run of blocks of one journal's roll cycle, by queue index in journal
 * order (so the executor reads forward without seeking), each with the device the index says it holds. Fixed
 * when the scan is planned: blocks sealed later are not read, erased ones are dropped on read.
 */
public final class SpoorPartition implements InputPartition {
    private static final long serialVersionUID = 1L;

    private final String journal;
    private final int cycle;
    private final long[] queueIndexes;
    private final long[] deviceIds;
    private final int blockEvents;
    private final long events;
    private final int[] wholeEvents;
    private final int[] typeMasks;

    SpoorPartition(final String journal, final int cycle, final long[] queueIndexes, final long[] deviceIds,
        final int blockEvents, final long events, final int[] wholeEvents, final int[] typeMasks) {
        this.journal = journal;
        this.cycle = cycle;
        this.queueIndexes = queueIndexes;
        this.deviceIds = deviceIds;
        this.blockEvents = blockEvents;
        this.events = events;
        this.wholeEvents = wholeEvents;
        this.typeMasks = typeMasks;
    }

    /**
     * @return the journal directory.
     */
    public String journal() {
        return journal;
    }

    /**
     * @return the roll cycle its blocks are in.
     */
    public int cycle() {
        return cycle;
    }

    /**
     * @return blocks to read.
     */
    public int blocks() {
        return queueIndexes.length;
    }

    /**
     * @param i 0 to {@link #blocks()} - 1.
     * @return the block's queue index.
     */
    public long queueIndex(final int i) {
        return queueIndexes[i];
    }

    /**
     * @param i 0 to {@link #blocks()} - 1.
     * @return the device the index says block {@code i} holds.
     */
    public long deviceId(final int i) {
        return deviceIds[i];
    }

    /**
     * @param i 0 to {@link #blocks()} - 1.
     * @return the events the index counts in block {@code i} when the filter wants every one of them (the block's
     *         time range inside the wanted one, its types all wanted, no erasure touching it when planned), else -1.
     */
    public int wholeEvents(final int i) {
        return wholeEvents[i];
    }

    /**
     * @param i 0 to {@link #blocks()} - 1.
     * @return the types the index says block {@code i} holds (bit = 1 &lt;&lt; type code).
     */
    public int typeMask(final int i) {
        return typeMasks[i];
    }

    /**
     * @return the journal's events per block (the largest block).
     */
    public int blockEvents() {
        return blockEvents;
    }

    /**
     * @return events the index counts in these blocks (before time and type filtering).
     */
    public long events() {
        return events;
    }

    @Override
    public String toString() {
        return "SpoorPartition[journal=" + journal + ", cycle=" + cycle + ", blocks=" + queueIndexes.length
            + ", events=" + events + "]";
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventBatch;
import dev.spoor.core.DecodingBlockHandler;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalReader;

/**
 * Reads and decodes the blocks of one partition, for the readers of a task. Blocks erased since planning arrive
 * without their erased events or not at all. A block that fails its checks, or names another device than the
 * index, fails the task with the journal, queue index and problem.
 */
final class SpoorBlockSource implements AutoCloseable {
    private final SpoorPartition partition;
    private final OpenJournals.Lease lease;
    private final Journal journal;
    private final JournalReader reader;
    private final DecodingBlockHandler block = new DecodingBlockHandler();
    private final EventBatch events;
    private long blocksDecoded;

    SpoorBlockSource(final SpoorOptions options, final SpoorPartition partition) {
        this.partition = partition;
        this.events = new EventBatch(partition.blockEvents());
        this.lease = options.acquire(partition.journal());
        this.journal = lease.journal();
        JournalReader opened = null;
        try {
            opened = lease.newReader();
        } finally {
            if (opened == null) {
                lease.close();
            }
        }
        this.reader = opened;
    }

    /**
     * @return the open journal.
     */
    Journal journal() {
        return journal;
    }

    /**
     * @return the last block's events (filled by {@link #load}).
     */
    EventBatch events() {
        return events;
    }

    /**
     * @return blocks read and decoded so far.
     */
    long blocksDecoded() {
        return blocksDecoded;
    }

    /**
     * @param position 0 to partition.blocks() - 1.
     * @return true when the block's events are in {@link #events()}, false when it was erased since planning.
     */
    boolean load(final int position) {
        final long queueIndex = partition.queueIndex(position);
        block.expect(partition.deviceId(position), events);
        try {
            reader.read(queueIndex, block);
        } catch (final JournalException e) {
            block.failed(e.getMessage());
        }
        if (block.damage() != null) {
            throw new IllegalStateException("spoor: damaged block in journal " + partition.journal() + " [cycle="
                + partition.cycle() + ", queueIndex=" + queueIndex + "]: " + block.damage());
        }
        if (block.isDelivered()) {
            blocksDecoded++;
        }
        return block.isDelivered();
    }

    @Override
    public void close() {
        try {
            if (block.damage() == null) {
                lease.giveBack(reader); // for the next query or task in this JVM
            } else {
                reader.close();
            }
        } finally {
            lease.close();
        }
    }
}

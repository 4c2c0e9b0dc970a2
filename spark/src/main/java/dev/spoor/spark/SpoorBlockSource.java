/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.BlockHandler;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalReader;
import org.agrona.DirectBuffer;

/**
 * Reads and decodes the blocks of one partition, for the readers of a task. Blocks erased since planning arrive
 * without their erased events or not at all. A block that fails its checks, or names another device than the
 * index, fails the task with the journal, queue index and problem.
 */
final class SpoorBlockSource implements BlockHandler, AutoCloseable {
    private final SpoorPartition partition;
    private final OpenJournals.Lease lease;
    private final Journal journal;
    private final JournalReader reader;
    private final BlockDecoder decoder = new BlockDecoder();
    private final EventBatch events;
    private long expectedDevice;
    private String damage;
    private boolean isDelivered;
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
     * @param block 0 to partition.blocks() - 1.
     * @return true when the block's events are in {@link #events()}, false when it was erased since planning.
     */
    boolean load(final int block) {
        final long queueIndex = partition.queueIndex(block);
        expectedDevice = partition.deviceId(block);
        damage = null;
        isDelivered = false;
        events.clear();
        try {
            reader.read(queueIndex, this);
        } catch (final JournalException e) {
            damage = e.getMessage();
        }
        if (damage != null) {
            throw new IllegalStateException("spoor: damaged block in journal " + partition.journal() + " [cycle="
                + partition.cycle() + ", queueIndex=" + queueIndex + "]: " + damage);
        }
        if (isDelivered) {
            blocksDecoded++;
        }
        return isDelivered;
    }

    @Override
    public boolean onBlock(final long queueIndex, final long deviceId, final DirectBuffer buffer, final int offset,
        final int length) {
        isDelivered = true;
        if (deviceId != expectedDevice) {
            damage = "header device 0x" + Long.toHexString(deviceId) + " differs from the index's 0x"
                + Long.toHexString(expectedDevice);
            return true;
        }
        try {
            decoder.decode(buffer, offset, length, events);
        } catch (final CorruptBlockException e) {
            events.clear();
            damage = e.getMessage();
        }
        return true;
    }

    @Override
    public void close() {
        try {
            if (damage == null) {
                lease.giveBack(reader); // for the next query or task in this JVM
            } else {
                reader.close();
            }
        } finally {
            lease.close();
        }
    }
}

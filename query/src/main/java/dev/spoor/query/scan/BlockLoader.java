/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.BlockHandler;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalReader;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads and decodes one planned block into a batch, checking it against the index: a block that fails its
 * checksum or stream checks, or whose header names another device, is damaged. Under
 * {@link DamagePolicy#FAIL} that stops the scan; under {@link DamagePolicy#SKIP} it is recorded and
 * contributes no event (a block is decoded whole before any of its events is delivered, so never a wrong
 * event). Erasures are applied by the reader under the plan's snapshot: a block partly inside an erased range
 * arrives without its erased events, one left with none arrives not at all (counted as erased). One per
 * thread; allocates nothing per block when no erasure touches it.
 */
final class BlockLoader implements BlockHandler {
    private final JournalReader reader;
    private final BlockDecoder decoder = new BlockDecoder();
    private DamagePolicy policy = DamagePolicy.FAIL;
    private ScanStats stats;
    private EventBatch target;
    private long expectedDevice;
    private String damage;
    private boolean isDelivered;

    BlockLoader(final JournalReader reader) {
        this.reader = reader;
    }

    /** Sets up the next scan. */
    void prepare(final DamagePolicy damagePolicy, final ScanStats scanStats) {
        this.policy = damagePolicy;
        this.stats = scanStats;
    }

    /**
     * @return true when {@code batch} now holds the block's events, false when the block was skipped.
     */
    boolean load(final BlockPlan plan, final int position, final EventBatch batch) {
        target = batch;
        expectedDevice = plan.deviceId(position);
        damage = null;
        isDelivered = false;
        final long queueIndex = plan.queueIndex(position);
        try {
            reader.read(plan, position, this);
        } catch (final JournalException e) {
            damage = e.getMessage();
        }
        if (damage == null && !isDelivered) {
            stats.erasedBlock(expectedDevice);
            return false;
        }
        stats.blockRead(plan.cycle(position), queueIndex, damage == null ? batch.size() : 0);
        if (damage == null) {
            return true;
        }
        final DamagedBlock block = new DamagedBlock(plan.cycle(position), queueIndex, expectedDevice, damage);
        if (policy == DamagePolicy.FAIL) {
            throw new ScanException(block, null);
        }
        stats.skipped(block);
        return false;
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
            decoder.decode(buffer, offset, length, target);
            stats.policyVersion(buffer.getInt(offset + BlockLayout.POLICY_VERSION_OFFSET,
                ByteOrder.LITTLE_ENDIAN));
        } catch (final CorruptBlockException e) {
            target.clear();
            damage = e.getMessage();
        }
        return true;
    }
}

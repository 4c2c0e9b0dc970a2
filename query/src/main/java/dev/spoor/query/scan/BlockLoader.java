/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.DecodingBlockHandler;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalReader;


/**
 * Reads and decodes one planned block into a batch, checking it against the index: a block that fails its
 * checksum or stream checks, or whose header names another device, is damaged. Under
 * {@link DamagePolicy#FAIL} that stops the scan; under {@link DamagePolicy#SKIP} it is recorded and
 * contributes no event (a block is decoded whole before any of its events is delivered, so never a wrong
 * event). Erasures are applied by the reader under the plan's snapshot: a block partly inside an erased range
 * arrives without its erased events, one left with none arrives not at all (counted as erased). One per
 * thread; allocates nothing per block when no erasure touches it.
 */
final class BlockLoader {
    private final JournalReader reader;
    private final DeviceRegistry devices;
    private final DecodingBlockHandler block = new DecodingBlockHandler();
    private DamagePolicy policy = DamagePolicy.FAIL;
    private ScanStats stats;

    BlockLoader(final JournalReader reader, final DeviceRegistry devices) {
        this.reader = reader;
        this.devices = devices;
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
        final long expectedDevice = plan.deviceId(position);
        block.expect(expectedDevice, batch);
        final long queueIndex = plan.queueIndex(position);
        final long pastDamage = reader.blocksReadPastDamage();
        try {
            reader.read(plan, position, block);
        } catch (final JournalException e) {
            block.failed(e.getMessage());
        }
        final String damage = block.damage();
        if (damage == null && !block.isDelivered()) {
            stats.erasedBlock(expectedDevice);
            return false;
        }
        if (damage == null) {
            stats.blockRead(plan.cycle(position), queueIndex, batch.size());
            if (reader.blocksReadPastDamage() != pastDamage) {
                stats.blockReadPastDamage();
            }
            stats.policyVersion(block.policyVersion());
            batch.tag(block.policyVersion());
            return true;
        }
        final DamagedBlock damaged = new DamagedBlock(plan.cycle(position), queueIndex, expectedDevice,
            devices.keyOf(expectedDevice), damage);
        if (policy == DamagePolicy.FAIL) {
            throw new ScanException(damaged, null);
        }
        stats.skipped(damaged);
        return false;
    }
}

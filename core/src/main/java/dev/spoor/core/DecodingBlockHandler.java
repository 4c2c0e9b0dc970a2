/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Decodes the one block a {@link JournalReader} read delivers into a batch, after checking that its header names
 * the device the index said: what every reader of planned blocks does (scans, the Spark source). A block whose
 * header names another device, or that fails its checksum or stream checks, is not decoded: {@link #damage()} says
 * why and the batch is left empty, never holding a wrong event. One per thread; allocates nothing per block.
 */
public final class DecodingBlockHandler implements BlockHandler {
    private final BlockDecoder decoder = new BlockDecoder();
    private EventBatch target;
    private long expectedDevice;
    private String damage;
    private boolean isDelivered;
    private int policyVersion;

    /**
     * Prepares for the next read.
     *
     * @param deviceId the device the index says the block holds.
     * @param into     where its events go (cleared).
     */
    public void expect(final long deviceId, final EventBatch into) {
        target = into;
        expectedDevice = deviceId;
        damage = null;
        isDelivered = false;
        into.clear();
    }

    /**
     * Records a read that failed before the block was delivered (the reader threw).
     *
     * @param reason what went wrong.
     */
    public void failed(final String reason) {
        damage = reason;
    }

    /**
     * @return true when the reader delivered the block (false: erased since the plan was made).
     */
    public boolean isDelivered() {
        return isDelivered;
    }

    /**
     * @return why the block could not be decoded, or null when its events are in the batch.
     */
    public String damage() {
        return damage;
    }

    /**
     * @return the privacy policy version the block was sealed under (valid when decoded).
     */
    public int policyVersion() {
        return policyVersion;
    }

    @Override
    public boolean onBlock(final long queueIndex, final long deviceId, final DirectBuffer buffer, final int offset,
        final int length) {
        isDelivered = true;
        if (deviceId != expectedDevice) {
            damage = "header device 0x" + DeviceRegistry.hex(deviceId) + " differs from the index's 0x"
                + DeviceRegistry.hex(expectedDevice);
            return true;
        }
        try {
            decoder.decode(buffer, offset, length, target);
            policyVersion = buffer.getInt(offset + BlockLayout.POLICY_VERSION_OFFSET, ByteOrder.LITTLE_ENDIAN);
        } catch (final CorruptBlockException e) {
            target.clear();
            damage = e.getMessage();
        }
        return true;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

import static dev.spoor.codec.BlockLayout.COUNT_OFFSET;
import static dev.spoor.codec.BlockLayout.DEVICE_ID_OFFSET;
import static dev.spoor.codec.BlockLayout.FLAGS_OFFSET;
import static dev.spoor.codec.BlockLayout.HEADER_LENGTH;
import static dev.spoor.codec.BlockLayout.MAX_TIMESTAMP_OFFSET;
import static dev.spoor.codec.BlockLayout.MIN_TIMESTAMP_OFFSET;
import static dev.spoor.codec.BlockLayout.STORED_LENGTH_OFFSET;
import static dev.spoor.codec.BlockLayout.TYPE_MASK_OFFSET;

/**
 * Reads a block's header fields in place, without decompressing or checking the block: what an index
 * builder or a scan planner needs. {@link BlockDecoder} validates before trusting any of it.
 */
public final class BlockHeaderFlyweight {
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this view at a block.
     *
     * @param buffer holds the block.
     * @param offset where the block starts.
     * @param length bytes available from {@code offset}.
     * @return this view.
     * @throws CorruptBlockException when fewer bytes than a header are available or the magic is wrong.
     */
    public BlockHeaderFlyweight wrap(final DirectBuffer buffer, final int offset, final int length) {
        if (length < HEADER_LENGTH) {
            throw new CorruptBlockException("block length=" + length + " is shorter than the "
                + HEADER_LENGTH + "-byte header", 0);
        }
        final int magic = buffer.getInt(offset + BlockLayout.MAGIC_OFFSET, ORDER);
        if (magic != BlockLayout.MAGIC) {
            throw new CorruptBlockException("magic=0x" + Integer.toHexString(magic) + " expected=0x"
                + Integer.toHexString(BlockLayout.MAGIC), BlockLayout.MAGIC_OFFSET);
        }
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @return the format version.
     */
    public int version() {
        return buffer.getShort(offset + BlockLayout.VERSION_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return the flags ({@code BlockLayout.FLAG_*}).
     */
    public int flags() {
        return buffer.getShort(offset + FLAGS_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return the device whose events the block holds.
     */
    public long deviceId() {
        return buffer.getLong(offset + DEVICE_ID_OFFSET, ORDER);
    }

    /**
     * @return the smallest event timestamp, epoch ns.
     */
    public long minTimestampNs() {
        return buffer.getLong(offset + MIN_TIMESTAMP_OFFSET, ORDER);
    }

    /**
     * @return the largest event timestamp, epoch ns.
     */
    public long maxTimestampNs() {
        return buffer.getLong(offset + MAX_TIMESTAMP_OFFSET, ORDER);
    }

    /**
     * @return the number of events.
     */
    public int eventCount() {
        return buffer.getInt(offset + COUNT_OFFSET, ORDER);
    }

    /**
     * @return one bit per {@link EventType} present ({@link EventType#maskBit()}).
     */
    public int typeMask() {
        return buffer.getShort(offset + TYPE_MASK_OFFSET, ORDER) & 0xFFFF;
    }

    /**
     * @return the whole block's length: header plus stored column section.
     */
    public int blockLength() {
        return HEADER_LENGTH + buffer.getInt(offset + STORED_LENGTH_OFFSET, ORDER);
    }

    /**
     * @return the privacy policy version the block was written under (0: none recorded).
     */
    public int policyVersion() {
        return buffer.getInt(offset + BlockLayout.POLICY_VERSION_OFFSET, ORDER);
    }
}

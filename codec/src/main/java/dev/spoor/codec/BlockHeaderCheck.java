/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import static dev.spoor.codec.BlockLayout.HEADER_LENGTH;
import static dev.spoor.codec.BlockLayout.STREAM_LENGTH_BYTES;

/**
 * Checks a block header's fields against each other and the bytes available, before anything in it is
 * trusted to size a read or a buffer. Each failure names the field, its value and the limit it broke.
 */
final class BlockHeaderCheck {
    private BlockHeaderCheck() {
    }

    /**
     * @param header    the block's first {@link BlockLayout#HEADER_LENGTH} bytes.
     * @param available bytes the caller says the block may occupy.
     * @return the stored column-section length, now known to fit in {@code available}.
     * @throws CorruptBlockException naming the first field that is wrong.
     */
    static int check(final byte[] header, final int available) {
        final int magic = ByteArrayAccess.getInt(header, BlockLayout.MAGIC_OFFSET);
        if (magic != BlockLayout.MAGIC) {
            throw fail("magic=0x" + Integer.toHexString(magic) + " expected=0x"
                + Integer.toHexString(BlockLayout.MAGIC), BlockLayout.MAGIC_OFFSET);
        }
        final int version = ByteArrayAccess.getUnsignedShort(header, BlockLayout.VERSION_OFFSET);
        if (version < BlockLayout.OLDEST_VERSION || version > BlockLayout.VERSION) {
            throw fail("unsupported format version=" + version + " (this build reads " + BlockLayout.OLDEST_VERSION
                + ".." + BlockLayout.VERSION + ")", BlockLayout.VERSION_OFFSET);
        }
        final int flags = ByteArrayAccess.getUnsignedShort(header, BlockLayout.FLAGS_OFFSET);
        final int known =
            version == BlockLayout.VERSION_WHOLE_PIXELS ? BlockLayout.KNOWN_FLAGS_V1 : BlockLayout.KNOWN_FLAGS;
        if ((flags & ~known) != 0) {
            throw fail("unknown flags=0x" + Integer.toHexString(flags) + " for version " + version,
                BlockLayout.FLAGS_OFFSET);
        }
        if ((flags & BlockLayout.FLAG_SUBPIXEL) != 0 && (flags & BlockLayout.FLAG_POINTER) == 0) {
            throw fail("SUBPIXEL flag without POINTER flag: flags=0x" + Integer.toHexString(flags),
                BlockLayout.FLAGS_OFFSET);
        }
        final int headerLength = ByteArrayAccess.getUnsignedShort(header, BlockLayout.HEADER_LENGTH_OFFSET);
        if (headerLength != HEADER_LENGTH) {
            throw fail("headerLength=" + headerLength + " expected=" + HEADER_LENGTH, BlockLayout.HEADER_LENGTH_OFFSET);
        }
        final int typeMask = ByteArrayAccess.getUnsignedShort(header, BlockLayout.TYPE_MASK_OFFSET);
        if (typeMask == 0 || typeMask >= 1 << EventType.COUNT) {
            throw fail("typeMask=0x" + Integer.toHexString(typeMask) + " names no or unknown types",
                BlockLayout.TYPE_MASK_OFFSET);
        }
        if (ByteArrayAccess.getInt(header, BlockLayout.POLICY_VERSION_OFFSET) < 0) {
            throw fail("policy version " + ByteArrayAccess.getInt(header, BlockLayout.POLICY_VERSION_OFFSET)
                + " is negative", BlockLayout.POLICY_VERSION_OFFSET);
        }
        return checkLengths(header, flags, available);
    }

    private static int checkLengths(final byte[] header, final int flags, final int available) {
        final int count = ByteArrayAccess.getInt(header, BlockLayout.COUNT_OFFSET);
        if (count < 1 || count > BlockLayout.MAX_EVENTS) {
            throw fail("eventCount=" + count + " outside 1.." + BlockLayout.MAX_EVENTS, BlockLayout.COUNT_OFFSET);
        }
        final int rawLength = ByteArrayAccess.getInt(header, BlockLayout.RAW_LENGTH_OFFSET);
        final int maxRaw = BlockLayout.maxRawLength(count);
        if (rawLength < STREAM_LENGTH_BYTES || rawLength > maxRaw) {
            throw fail("rawLength=" + rawLength + " outside " + STREAM_LENGTH_BYTES + ".." + maxRaw
                + " for eventCount=" + count, BlockLayout.RAW_LENGTH_OFFSET);
        }
        final int storedLength = ByteArrayAccess.getInt(header, BlockLayout.STORED_LENGTH_OFFSET);
        final int maxStored = (flags & BlockLayout.FLAG_LZ4) != 0 ? rawLength - 1 : rawLength;
        if (storedLength < 1 || storedLength > maxStored) {
            throw fail("storedLength=" + storedLength + " outside 1.." + maxStored + " for rawLength=" + rawLength,
                BlockLayout.STORED_LENGTH_OFFSET);
        }
        if (storedLength > available - HEADER_LENGTH) {
            throw fail("block is truncated: storedLength=" + storedLength + " but only "
                + (available - HEADER_LENGTH) + " bytes follow the header", BlockLayout.STORED_LENGTH_OFFSET);
        }
        return storedLength;
    }

    /**
     * Checks decoded facts against the header's claims.
     *
     * @param header   the block's header bytes.
     * @param min      smallest decoded timestamp.
     * @param max      largest decoded timestamp.
     * @param typeMask decoded type mask.
     * @throws CorruptBlockException when they differ.
     */
    static void checkDecoded(final byte[] header, final long min, final long max, final int typeMask) {
        final long headerMin = ByteArrayAccess.getLong(header, BlockLayout.MIN_TIMESTAMP_OFFSET);
        if (min != headerMin) {
            throw fail("decoded minTimestamp=" + min + " header says " + headerMin, BlockLayout.MIN_TIMESTAMP_OFFSET);
        }
        final long headerMax = ByteArrayAccess.getLong(header, BlockLayout.MAX_TIMESTAMP_OFFSET);
        if (max != headerMax) {
            throw fail("decoded maxTimestamp=" + max + " header says " + headerMax, BlockLayout.MAX_TIMESTAMP_OFFSET);
        }
        final int headerMask = ByteArrayAccess.getUnsignedShort(header, BlockLayout.TYPE_MASK_OFFSET);
        if (typeMask != headerMask) {
            throw fail("decoded typeMask=0x" + Integer.toHexString(typeMask) + " header says 0x"
                + Integer.toHexString(headerMask), BlockLayout.TYPE_MASK_OFFSET);
        }
    }

    private static CorruptBlockException fail(final String reason, final int offset) {
        return new CorruptBlockException(reason, offset);
    }
}

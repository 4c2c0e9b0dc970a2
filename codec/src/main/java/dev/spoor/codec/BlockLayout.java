/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * Byte layout of one block: the events of one device, a fixed little-endian header that can be read
 * without decompressing, then the column section (LZ4-compressed when that is smaller).
 * <pre>
 *  0         4    6    8                   16                  24                  32
 *  +---------+----+----+-------------------+-------------------+-------------------+
 *  | magic   |ver |flg | deviceId          | minTimestampNs    | maxTimestampNs    |
 *  +---------+----+----+-------------------+-------------------+-------------------+
 *  32        36   38   40        44        48        52        56
 *  +---------+----+----+---------+---------+---------+---------+------------------------
 *  | count   |mask|hlen| stored  | raw     | crc32c  | policy  | column section (stored bytes)
 *  +---------+----+----+---------+---------+---------+---------+------------------------
 * </pre>
 * <ul>
 *   <li>magic {@code "SPRB"}; ver = {@link #VERSION}; flg = {@code FLAG_*} bits;</li>
 *   <li>count = events (1 to {@link #MAX_EVENTS}); mask = one bit per {@link EventType} present;
 *       hlen = {@link #HEADER_LENGTH};</li>
 *   <li>stored = column-section bytes after the header; raw = its length before compression;</li>
 *   <li>policy = the journal's privacy policy version the block was written under (0: none);</li>
 *   <li>crc32c covers every byte of the block except the crc32c field itself.</li>
 * </ul>
 * The column section is a sequence of streams, each {@code [u32 length][bits]}: TIME always, then
 * POINTER, SUBPIXEL, BUTTONS, WHEEL, KEYS when their flag is set. See {@code docs/format.md} for the streams.
 * <p>
 * Versions: 1, whole-pixel coordinates; 2 adds {@link #FLAG_SUBPIXEL} (coordinates in 1/256 px steps, a
 * per-block count of fraction bits); 3 (2026-12) codes each POINTER component's sign relative to the previous
 * one's, the time of the event after a press with a table of its own and every Huffman table in a compact form:
 * 4.6% fewer bytes on the Balabit data, same header and streams, but about a tenth slower to decode, so it is
 * written only on request ({@link #DEFAULT_WRITE_VERSION}). Readers take all three. Since 2026-12-02 a version 2
 * or 3 block may carry {@link #FLAG_CLOCK}: its timestamps sit on the ticks of a coarse clock (Windows' 15.6 ms
 * interrupt) and TIME counts those ticks, 5% fewer bytes on the Balabit data; whole-pixel blocks with it are
 * version 2. A flag, not a version, because everything else in the block is as before; builds without it refuse
 * such a block ("unknown flags") rather than misread it.
 */
public final class BlockLayout {
    /** "SPRB" read as a little-endian int. */
    public static final int MAGIC = 0x42525053;
    /** The newest format version: what this code writes by default. */
    public static final int VERSION = 3;
    /** The version with sub-pixel coordinates and the first version's streams. */
    public static final int VERSION_SUBPIXEL = 2;
    /**
     * What encoders write unless told otherwise: {@link #VERSION_SUBPIXEL}, that is version 2 for blocks with
     * fractions or on a coarse clock ({@link #FLAG_CLOCK}) and version 1 for other whole-pixel blocks. Version 3
     * saves 4.6% of the bytes on the Balabit data but decodes about a tenth slower there, and full scans are the
     * slower side of Spoor (docs/decoder-tuning.md), so it is written on request until it decodes as fast.
     */
    public static final int DEFAULT_WRITE_VERSION = VERSION_SUBPIXEL;
    /** The version written for blocks of whole-pixel coordinates (and the only one before fractions). */
    public static final int VERSION_WHOLE_PIXELS = 1;
    /** The oldest version this code reads. */
    public static final int OLDEST_VERSION = 1;
    /** Most events in one block. */
    public static final int MAX_EVENTS = 65_536;
    /** Default events per block. */
    public static final int DEFAULT_EVENTS = 4096;

    /** Offset of the magic (int). */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version (unsigned short). */
    public static final int VERSION_OFFSET = 4;
    /** Offset of the flags (unsigned short). */
    public static final int FLAGS_OFFSET = 6;
    /** Offset of the device id (long). */
    public static final int DEVICE_ID_OFFSET = 8;
    /** Offset of the smallest timestamp (long, epoch ns). */
    public static final int MIN_TIMESTAMP_OFFSET = 16;
    /** Offset of the largest timestamp (long, epoch ns). */
    public static final int MAX_TIMESTAMP_OFFSET = 24;
    /** Offset of the event count (int). */
    public static final int COUNT_OFFSET = 32;
    /** Offset of the type mask (unsigned short). */
    public static final int TYPE_MASK_OFFSET = 36;
    /** Offset of the header length (unsigned short). */
    public static final int HEADER_LENGTH_OFFSET = 38;
    /** Offset of the stored column-section length (int). */
    public static final int STORED_LENGTH_OFFSET = 40;
    /** Offset of the uncompressed column-section length (int). */
    public static final int RAW_LENGTH_OFFSET = 44;
    /** Offset of the CRC32C (int). */
    public static final int CRC_OFFSET = 48;
    /**
     * Offset of the int naming the privacy policy version the block was written under (0: none recorded;
     * blocks written before policies, and the golden blocks, hold 0).
     */
    public static final int POLICY_VERSION_OFFSET = 52;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 56;

    /** The column section is LZ4-compressed (block format, no frame). */
    public static final int FLAG_LZ4 = 1;
    /** A POINTER stream follows TIME. */
    public static final int FLAG_POINTER = 1 << 1;
    /** A BUTTONS stream is present. */
    public static final int FLAG_BUTTONS = 1 << 2;
    /** A WHEEL stream is present. */
    public static final int FLAG_WHEEL = 1 << 3;
    /** A KEYS stream is present. */
    public static final int FLAG_KEYS = 1 << 4;
    /** A SUBPIXEL stream follows POINTER: coordinates have fractions of a pixel (version 2 on). */
    public static final int FLAG_SUBPIXEL = 1 << 5;
    /** Every flag version 1 knows. */
    public static final int KNOWN_FLAGS_V1 = FLAG_LZ4 | FLAG_POINTER | FLAG_BUTTONS | FLAG_WHEEL | FLAG_KEYS;
    /**
     * The TIME stream counts periods of a coarse clock within stretches of the block ({@code ClockLattice}; versions
     * 2 and 3, since 2026-12-02). Builds from before refuse such a block as one with an unknown flag.
     */
    public static final int FLAG_CLOCK = 1 << 6;
    /** Every flag versions 2 and 3 know. */
    public static final int KNOWN_FLAGS = KNOWN_FLAGS_V1 | FLAG_SUBPIXEL | FLAG_CLOCK;
    /** Bits of the SUBPIXEL stream's fraction-bit count. */
    public static final int SUBPIXEL_BITS_WIDTH = 4;

    /** Bytes of the length prefix of each stream. */
    public static final int STREAM_LENGTH_BYTES = 4;

    private BlockLayout() {
    }

    /**
     * A bound on the uncompressed column section of a block of {@code eventCount} events: a decoder sizes
     * its buffers by it, and rejects a header claiming more.
     *
     * @param eventCount events in the block.
     * @return the most bytes the encoder can produce for them.
     */
    public static int maxRawLength(final int eventCount) {
        // Per event at most 230 bits over the entropy-coded streams and 16 raw SUBPIXEL bits; per table at most
        // 14 + 14 + 3 bits and 40 bits per used symbol (31 in the tables before version 3).
        final long tables = 6L * (8 + 5L * Math.min(eventCount, 8192));
        return (int)(64 + 1 + 6L * STREAM_LENGTH_BYTES + 34L * eventCount + tables);
    }

    /**
     * A bound on a whole block of {@code eventCount} events, header included: size destination buffers by it.
     *
     * @param eventCount events in the block.
     * @return the most bytes {@link BlockEncoder#encode} writes.
     */
    public static int maxBlockLength(final int eventCount) {
        return HEADER_LENGTH + maxRawLength(eventCount);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

/**
 * The MCAP container, as mcap.dev/spec (major version 0) defines it; all integers little-endian.
 * <pre>
 *  file    := magic Header {data record} DataEnd {summary record} {SummaryOffset} Footer magic
 *  magic   := 0x89 'M' 'C' 'A' 'P' '0' '\r' '\n'                        (8 bytes, at both ends)
 *  record  := opcode u8 | length u64 | body (length bytes)
 *  string  := u32 byte length | UTF-8 bytes          map, array := u32 byte length | entries
 *
 *  op   record        body
 *  0x01 Header        profile string | library string
 *  0x02 Footer        summary_start u64 | summary_offset_start u64 | summary_crc u32   (always 20 bytes)
 *  0x03 Schema        id u16 | name string | encoding string | data (u32 length + bytes)
 *  0x04 Channel       id u16 | schema_id u16 | topic string | message_encoding string | metadata map
 *  0x05 Message       channel_id u16 | sequence u32 | log_time u64 | publish_time u64 | data (rest of body)
 *       0         2          6           14              22
 *       +---------+----------+-----------+---------------+----------
 *       | channel | sequence | log_time  | publish_time  | data ...
 *       +---------+----------+-----------+---------------+----------
 *  0x06 Chunk         message_start_time u64 | message_end_time u64 | uncompressed_size u64 |
 *                     uncompressed_crc u32 | compression string ("zstd", "lz4" or "") |
 *                     records (u64 length + bytes): Schema, Channel and Message records, compressed
 *  0x07 MessageIndex  0x08 ChunkIndex  0x09 Attachment  0x0A AttachmentIndex  0x0B Statistics
 *  0x0C Metadata      0x0D MetadataIndex  0x0E SummaryOffset                  (skipped by a linear reader)
 *  0x0F DataEnd       data_section_crc u32
 * </pre>
 * CRCs are CRC-32 (ISO-HDLC, {@link java.util.zip.CRC32}); 0 means "not computed". The chunk's covers its
 * uncompressed records, DataEnd's the file from its first byte to the DataEnd record, the Footer's the summary
 * section from {@code summary_start} through the Footer's {@code summary_offset_start}. Records may grow new
 * fields at their end (except Footer and Message), which readers skip.
 */
public final class McapLayout {
    /** The magic at both ends of the file. */
    static final byte[] MAGIC = {(byte)0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
    /** Opcode and length before every record body. */
    public static final int RECORD_HEADER_BYTES = 9;
    /** The Footer body: two u64 offsets and a u32 CRC. */
    public static final int FOOTER_BODY_BYTES = 20;
    /** Message fields before its data. */
    public static final int MESSAGE_FIXED_BYTES = 22;
    /** Chunk fields before its compression string. */
    public static final int CHUNK_FIXED_BYTES = 28;

    /** Header. */
    public static final int HEADER = 0x01;
    /** Footer. */
    public static final int FOOTER = 0x02;
    /** Schema. */
    public static final int SCHEMA = 0x03;
    /** Channel. */
    public static final int CHANNEL = 0x04;
    /** Message. */
    public static final int MESSAGE = 0x05;
    /** Chunk. */
    public static final int CHUNK = 0x06;
    /** Data End. */
    public static final int DATA_END = 0x0F;

    private static final String[] NAMES = {"opcode 0x00", "Header", "Footer", "Schema", "Channel", "Message",
        "Chunk", "MessageIndex", "ChunkIndex", "Attachment", "AttachmentIndex", "Statistics", "Metadata",
        "MetadataIndex", "SummaryOffset", "DataEnd"};

    private McapLayout() {
    }

    /**
     * @param opcode a record's opcode, 0..255.
     * @return the record's name in the spec, or {@code opcode 0xNN} for one it does not define.
     */
    public static String name(final int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? NAMES[opcode] : String.format("opcode 0x%02X", opcode);
    }
}

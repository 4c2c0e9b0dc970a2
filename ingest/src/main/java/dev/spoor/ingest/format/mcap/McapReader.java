/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

import com.github.luben.zstd.ZstdInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads the messages of one MCAP file ({@link McapLayout}) in file order, streaming: memory is one record or one
 * chunk (compressed and uncompressed), never the file. Pull style: {@link #nextMessage()} then the accessors,
 * which describe the current message until the next call.
 * <p>
 * Checked as it reads: the magic at both ends (a file without the closing Footer and magic is refused at open as
 * truncated: cut short or still being written), every length against what is left of its record, chunk or file
 * and against {@link #MAX_CHUNK_BYTES} before anything is sized by it, each chunk's {@code uncompressed_crc} when it
 * is not 0 (before any message of that chunk is handed out), DataEnd's {@code data_section_crc} and the Footer's
 * {@code summary_crc} when not 0, and that nothing follows the closing magic. Any failure is a
 * {@link McapFormatException} naming the file, the offset and the record. Index and summary records, attachments
 * and metadata are skipped (read through, for the checksums). Messages outside chunks are read too. Not thread
 * safe.
 */
public final class McapReader implements AutoCloseable {
    /** The largest chunk (compressed or not) or record read into memory: 256 MiB. */
    public static final int MAX_CHUNK_BYTES = 256 << 20;
    /** The longest string (topic, schema name, encoding) taken: 64 KiB. */
    public static final int MAX_STRING_BYTES = 1 << 16;

    private final Path file;
    private final McapFileInput input;
    private final Map<Integer, McapSchema> schemas = new HashMap<>();
    private final Map<Integer, McapChannel> channels = new HashMap<>();
    private final CRC32 chunkCrc = new CRC32();
    private String profile = "";
    private String library = "";
    /** The body of the current top-level record or the uncompressed records of the current chunk. */
    private byte[] records = new byte[1 << 16];
    private byte[] compressed = new byte[0];
    private ByteBuffer cursor = ByteBuffer.allocate(0);
    /** File offset of the chunk whose records the cursor walks, or -1 when it walks a top-level record. */
    private long chunkOffset = -1;
    private boolean isInSummary;
    private boolean isFinished;
    private long messages;
    private int channelId;
    private long sequence;
    private long logTimeNs;
    private long publishTimeNs;
    private int dataOffset;
    private int dataLength;

    /**
     * Opens the file and checks both magics, the Footer's place and the Header.
     *
     * @param file the file.
     * @throws McapFormatException when it is not MCAP or ends early ({@link McapFormatException#isTruncated()}).
     * @throws IOException         when it cannot be read.
     */
    public McapReader(final Path file) throws IOException {
        this.file = file;
        this.input = new McapFileInput(file);
        try {
            checkEnds();
            readHeader();
        } catch (final IOException | RuntimeException e) {
            input.close();
            throw e;
        }
    }

    /**
     * Moves to the next message in file order.
     *
     * @return true when there is one; false once the Footer and the closing magic have been read and checked.
     * @throws McapFormatException naming the offset and record when the file is damaged.
     * @throws IOException         when it cannot be read.
     */
    public boolean nextMessage() throws IOException {
        while (!isFinished) {
            if (cursor.hasRemaining()) {
                if (nextInnerRecord()) {
                    return true;
                }
            } else if (nextTopLevelRecord()) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the current message's channel, as defined by a Channel record before it.
     */
    public McapChannel channel() {
        return channels.get(channelId);
    }

    /**
     * @return the current message's channel id.
     */
    public int channelId() {
        return channelId;
    }

    /**
     * @return the current message's sequence number.
     */
    public long sequence() {
        return sequence;
    }

    /**
     * @return the current message's log_time, ns since the file's epoch (OWAMcap: the Unix epoch), unsigned.
     */
    public long logTimeNs() {
        return logTimeNs;
    }

    /**
     * @return the current message's publish_time, unsigned.
     */
    public long publishTimeNs() {
        return publishTimeNs;
    }

    /**
     * @return the array holding the current message's data (valid until the next call; copy what you keep).
     */
    public byte[] data() {
        return records;
    }

    /**
     * @return where the current message's data starts in {@link #data()}.
     */
    public int dataOffset() {
        return dataOffset;
    }

    /**
     * @return the current message's data length, bytes.
     */
    public int dataLength() {
        return dataLength;
    }

    /**
     * @return messages read so far, the current one included.
     */
    public long messagesRead() {
        return messages;
    }

    /**
     * @return the schemas seen so far, by id (unmodifiable).
     */
    public Map<Integer, McapSchema> schemas() {
        return Collections.unmodifiableMap(schemas);
    }

    /**
     * @return the channels seen so far, by id (unmodifiable).
     */
    public Map<Integer, McapChannel> channels() {
        return Collections.unmodifiableMap(channels);
    }

    /**
     * @return the Header's profile ({@code owa} for OWAMcap).
     */
    public String profile() {
        return profile;
    }

    /**
     * @return the Header's library (the writer's name and version).
     */
    public String library() {
        return library;
    }

    /**
     * @return bytes of the file consumed so far; its size once {@link #isFinished()}.
     */
    public long position() {
        return input.position();
    }

    /**
     * @return the CRC-32C of the bytes consumed so far (what {@code PrefixHash.of(file, position())} gives).
     */
    public long consumedCrc32c() {
        return input.fileCrc();
    }

    /**
     * @return true once the Footer and closing magic were read: every message has been handed out.
     */
    public boolean isFinished() {
        return isFinished;
    }

    /**
     * @return the file's size when it was opened.
     */
    public long size() {
        return input.size();
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    private void checkEnds() throws IOException {
        final long size = input.size();
        final int magic = McapLayout.MAGIC.length;
        final long smallest = 2L * magic + 2L * McapLayout.RECORD_HEADER_BYTES + McapLayout.FOOTER_BODY_BYTES;
        if (size >= magic && !isMagic(input.peekAt(0, magic))) {
            throw new McapFormatException(file, 0, "magic", "the file does not start with the MCAP magic"
                + " (0x89 MCAP0 CR LF): not an MCAP file", false);
        }
        final long footer = size - magic - McapLayout.FOOTER_BODY_BYTES - McapLayout.RECORD_HEADER_BYTES;
        if (size < smallest || !isMagic(input.peekAt(size - magic, magic))
            || input.peekAt(footer, 1)[0] != McapLayout.FOOTER) {
            throw new McapFormatException(file, size, "Footer", "the file (" + size + " bytes) does not end with"
                + " a Footer record and the closing magic: it was cut short or is still being written", true);
        }
    }

    private static boolean isMagic(final byte[] bytes) {
        for (int i = 0; i < McapLayout.MAGIC.length; i++) {
            if (bytes[i] != McapLayout.MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private void readHeader() throws IOException {
        input.skip(McapLayout.MAGIC.length);
        final long at = input.position();
        final int opcode = readOpcode();
        if (opcode != McapLayout.HEADER) {
            throw damaged(at, McapLayout.name(opcode), "the first record is not a Header");
        }
        final long length = readLength(at, opcode);
        final ByteBuffer body = readBody(at, opcode, length);
        profile = string(body, at, "Header", "profile");
        library = string(body, at, "Header", "library");
        cursor = ByteBuffer.allocate(0);
    }

    /** Reads one top-level record; true when it is a Message (outside any chunk). */
    private boolean nextTopLevelRecord() throws IOException {
        final long at = input.position();
        final long crcBefore = input.sectionCrc();
        final int opcode = readOpcode();
        final long length = readLength(at, opcode);
        chunkOffset = -1;
        switch (opcode) {
            case McapLayout.SCHEMA:
            case McapLayout.CHANNEL:
            case McapLayout.MESSAGE:
                if (isInSummary) {
                    input.skip(length);
                    return false;
                }
                final ByteBuffer body = readBody(at, opcode, length);
                cursor = ByteBuffer.allocate(0); // a top-level record is one record, not a run of them
                return takeRecord(opcode, body, at);
            case McapLayout.CHUNK:
                readChunk(at, length);
                return false;
            case McapLayout.DATA_END:
                readDataEnd(at, length, crcBefore);
                return false;
            case McapLayout.FOOTER:
                readFooter(at, length);
                return false;
            case McapLayout.HEADER:
            case 0:
                throw damaged(at, McapLayout.name(opcode), "is not allowed here");
            default:
                input.skip(length); // indexes, attachments, metadata, statistics, records of later versions
                return false;
        }
    }

    /** Reads one record of the chunk (or top-level record body) under the cursor; true for a Message. */
    private boolean nextInnerRecord() throws IOException {
        final int start = cursor.position();
        final long at = chunkOffset;
        if (cursor.remaining() < McapLayout.RECORD_HEADER_BYTES) {
            throw damaged(at, "Chunk", "its records end in a partial record header at byte " + start);
        }
        final int opcode = cursor.get() & 0xFF;
        final long length = cursor.getLong();
        if (length < 0 || length > cursor.remaining()) {
            throw damaged(at, "Chunk", McapLayout.name(opcode) + " at byte " + start + " of its records has length "
                + Long.toUnsignedString(length) + ", more than the " + cursor.remaining() + " bytes left");
        }
        final ByteBuffer body = cursor.slice(cursor.position(), (int)length).order(ByteOrder.LITTLE_ENDIAN);
        cursor.position(cursor.position() + (int)length);
        switch (opcode) {
            case McapLayout.SCHEMA:
            case McapLayout.CHANNEL:
            case McapLayout.MESSAGE:
                return takeRecord(opcode, body, at);
            default:
                return false;
        }
    }

    /** Takes a Schema, Channel or Message whose body is {@code body}; true for a Message. */
    private boolean takeRecord(final int opcode, final ByteBuffer body, final long at) throws IOException {
        if (opcode == McapLayout.SCHEMA) {
            takeSchema(body, at);
            return false;
        }
        if (opcode == McapLayout.CHANNEL) {
            takeChannel(body, at);
            return false;
        }
        if (body.remaining() < McapLayout.MESSAGE_FIXED_BYTES) {
            throw damaged(at, "Message", "body of " + body.remaining() + " bytes is shorter than its "
                + McapLayout.MESSAGE_FIXED_BYTES + " fixed bytes");
        }
        channelId = body.getShort() & 0xFFFF;
        sequence = body.getInt() & 0xFFFF_FFFFL;
        logTimeNs = body.getLong();
        publishTimeNs = body.getLong();
        if (!channels.containsKey(channelId)) {
            throw damaged(at, "Message", "channel_id " + channelId + " has no Channel record before it");
        }
        dataOffset = body.arrayOffset() + body.position();
        dataLength = body.remaining();
        messages++;
        return true;
    }

    private void takeSchema(final ByteBuffer body, final long at) throws IOException {
        if (body.remaining() < 2) {
            throw damaged(at, "Schema", "body of " + body.remaining() + " bytes has no id");
        }
        final int id = body.getShort() & 0xFFFF;
        final McapSchema schema = new McapSchema(id, string(body, at, "Schema", "name"),
            string(body, at, "Schema", "encoding"));
        if (id != 0) {
            define(schemas, id, schema, at, "Schema");
        }
    }

    private void takeChannel(final ByteBuffer body, final long at) throws IOException {
        if (body.remaining() < 4) {
            throw damaged(at, "Channel", "body of " + body.remaining() + " bytes has no ids");
        }
        final int id = body.getShort() & 0xFFFF;
        final int schemaId = body.getShort() & 0xFFFF;
        final McapChannel channel = new McapChannel(id, schemaId, string(body, at, "Channel", "topic"),
            string(body, at, "Channel", "message_encoding"));
        define(channels, id, channel, at, "Channel");
    }

    private <T> void define(final Map<Integer, T> known, final int id, final T value, final long at,
        final String record) throws McapFormatException {
        final T before = known.putIfAbsent(id, value);
        if (before != null && !before.equals(value)) {
            throw damaged(at, record, "id " + id + " is defined twice, differently: " + before + " and " + value);
        }
    }

    private void readChunk(final long at, final long length) throws IOException {
        final long fixed = McapLayout.CHUNK_FIXED_BYTES + 4L;
        if (length < fixed) {
            throw damaged(at, "Chunk", "length " + length + " is shorter than its fixed fields");
        }
        final ByteBuffer head = readFixed(McapLayout.CHUNK_FIXED_BYTES + 4);
        head.getLong(); // message_start_time
        head.getLong(); // message_end_time
        final long uncompressedSize = head.getLong();
        final long expectedCrc = head.getInt() & 0xFFFF_FFFFL;
        final long compressionLength = head.getInt() & 0xFFFF_FFFFL;
        if (compressionLength > MAX_STRING_BYTES || fixed + compressionLength + 8 > length) {
            throw damaged(at, "Chunk", "compression string of " + compressionLength + " bytes does not fit its"
                + " length " + length);
        }
        final String compression = new String(readFixed((int)compressionLength).array(), StandardCharsets.UTF_8);
        final long recordsLength = readFixed(8).getLong();
        final long used = fixed + compressionLength + 8;
        if (recordsLength < 0 || recordsLength > length - used) {
            throw damaged(at, "Chunk", "records length " + Long.toUnsignedString(recordsLength) + " exceeds the "
                + (length - used) + " bytes left of the record");
        }
        if (uncompressedSize < 0 || uncompressedSize > MAX_CHUNK_BYTES || recordsLength > MAX_CHUNK_BYTES) {
            throw damaged(at, "Chunk", "uncompressed_size " + Long.toUnsignedString(uncompressedSize)
                + " or records length " + recordsLength + " is over the limit of " + MAX_CHUNK_BYTES + " bytes");
        }
        if (compressed.length < recordsLength) {
            compressed = new byte[(int)recordsLength];
        }
        input.readFully(compressed, 0, (int)recordsLength);
        input.skip(length - used - recordsLength); // fields a later version added
        final int size = (int)uncompressedSize;
        if (records.length < size) {
            records = new byte[size];
        }
        decompress(at, compression, (int)recordsLength, size);
        if (expectedCrc != 0) {
            chunkCrc.reset();
            chunkCrc.update(records, 0, size);
            if (chunkCrc.getValue() != expectedCrc) {
                throw damaged(at, "Chunk", String.format("uncompressed_crc is 0x%08X but its %d uncompressed bytes"
                    + " give 0x%08X", expectedCrc, size, chunkCrc.getValue()));
            }
        }
        cursor = ByteBuffer.wrap(records, 0, size).slice().order(ByteOrder.LITTLE_ENDIAN);
        chunkOffset = at;
    }

    private void decompress(final long at, final String compression, final int length, final int size)
        throws IOException {
        if (compression.isEmpty()) {
            if (length != size) {
                throw damaged(at, "Chunk", "uncompressed records of " + length + " bytes, but uncompressed_size "
                    + size);
            }
            System.arraycopy(compressed, 0, records, 0, length);
            return;
        }
        final InputStream source = new ByteArrayInputStream(compressed, 0, length);
        try (InputStream in = "zstd".equals(compression) ? new ZstdInputStream(source)
            : "lz4".equals(compression) ? new LZ4FrameInputStream(source) : null) {
            if (in == null) {
                throw damaged(at, "Chunk", "compression '" + compression + "' is not zstd, lz4 or none");
            }
            int done = 0;
            while (done < size) {
                final int n = in.read(records, done, size - done);
                if (n < 0) {
                    throw damaged(at, "Chunk", compression + " data gives " + done + " bytes, but uncompressed_size"
                        + " is " + size);
                }
                done += n;
            }
            if (in.read() >= 0) {
                throw damaged(at, "Chunk", compression + " data gives more than uncompressed_size " + size
                    + " bytes");
            }
        } catch (final McapFormatException e) {
            throw e;
        } catch (final IOException | RuntimeException e) {
            throw damaged(at, "Chunk", compression + " data does not decompress: " + e.getMessage());
        }
    }

    private void readDataEnd(final long at, final long length, final long crcBefore) throws IOException {
        if (length < 4) {
            throw damaged(at, "DataEnd", "length " + length + " is shorter than its 4-byte CRC");
        }
        final long expected = readFixed(4).getInt() & 0xFFFF_FFFFL;
        input.skip(length - 4);
        if (expected != 0 && expected != crcBefore) {
            throw damaged(at, "DataEnd", String.format("data_section_crc is 0x%08X but the data section gives"
                + " 0x%08X", expected, crcBefore));
        }
        isInSummary = true;
        input.resetSectionCrc();
    }

    private void readFooter(final long at, final long length) throws IOException {
        if (length != McapLayout.FOOTER_BODY_BYTES || input.remaining() != length + McapLayout.MAGIC.length) {
            throw damaged(at, "Footer", "length " + length + " with " + input.remaining() + " bytes left: a Footer"
                + " is " + McapLayout.FOOTER_BODY_BYTES + " bytes followed by the closing magic");
        }
        final ByteBuffer body = readFixed(16);
        final long summaryStart = body.getLong();
        final long crcOfSummary = input.sectionCrc();
        final long expected = readFixed(4).getInt() & 0xFFFF_FFFFL;
        if (expected != 0 && summaryStart != 0 && isInSummary && expected != crcOfSummary) {
            throw damaged(at, "Footer", String.format("summary_crc is 0x%08X but the summary section gives 0x%08X",
                expected, crcOfSummary));
        }
        final byte[] magic = new byte[McapLayout.MAGIC.length];
        input.readFully(magic, 0, magic.length);
        if (!isMagic(magic)) {
            throw damaged(input.position() - magic.length, "magic", "the closing magic is not 0x89 MCAP0 CR LF");
        }
        isFinished = true;
        cursor = ByteBuffer.allocate(0);
    }

    private int readOpcode() throws IOException {
        if (input.remaining() < McapLayout.RECORD_HEADER_BYTES) {
            throw damaged(input.position(), "record", "only " + input.remaining() + " bytes left, not a record"
                + " header (the Footer and closing magic should have come first)");
        }
        return readFixed(1).get() & 0xFF;
    }

    private long readLength(final long at, final int opcode) throws IOException {
        final long length = readFixed(8).getLong();
        if (length < 0 || length > input.remaining()) {
            throw damaged(at, McapLayout.name(opcode), "length " + Long.toUnsignedString(length) + " exceeds the "
                + input.remaining() + " bytes left of the file");
        }
        return length;
    }

    /** Reads a whole record body into {@link #records}, after checking its length against the limit. */
    private ByteBuffer readBody(final long at, final int opcode, final long length) throws IOException {
        if (length > MAX_CHUNK_BYTES) {
            throw damaged(at, McapLayout.name(opcode), "length " + length + " is over the limit of "
                + MAX_CHUNK_BYTES + " bytes");
        }
        if (records.length < length) {
            records = new byte[(int)length];
        }
        input.readFully(records, 0, (int)length);
        chunkOffset = at;
        return ByteBuffer.wrap(records, 0, (int)length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer readFixed(final int length) throws IOException {
        if (input.remaining() < length) {
            throw damaged(input.position(), "record", "the file ends inside a record");
        }
        final byte[] bytes = new byte[length];
        input.readFully(bytes, 0, length);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private String string(final ByteBuffer body, final long at, final String record, final String field)
        throws McapFormatException {
        if (body.remaining() < 4) {
            throw damaged(at, record, field + ": no room for its length");
        }
        final long length = body.getInt() & 0xFFFF_FFFFL;
        if (length > body.remaining() || length > MAX_STRING_BYTES) {
            throw damaged(at, record, field + ": length " + length + " exceeds the " + body.remaining()
                + " bytes left of the record (or " + MAX_STRING_BYTES + ")");
        }
        final ByteBuffer bytes = body.slice(body.position(), (int)length);
        body.position(body.position() + (int)length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (final CharacterCodingException e) {
            throw damaged(at, record, field + ": not UTF-8");
        }
    }

    private McapFormatException damaged(final long at, final String record, final String problem) {
        return new McapFormatException(file, at, record, problem, false);
    }
}

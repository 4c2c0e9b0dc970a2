/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

import com.github.luben.zstd.Zstd;
import net.jpountz.lz4.LZ4FrameOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes small MCAP files for tests, record by record as mcap.dev/spec lays them out (written here from the spec,
 * not with the reader's code): messages in and outside chunks of each compression, a DataEnd with the CRC of
 * everything before it, a Footer without summary.
 */
public final class McapTestFile {
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private ByteArrayOutputStream chunk;

    /** Starts a file: magic and a Header with profile {@code owa}. */
    public McapTestFile() {
        file.writeBytes(McapLayout.MAGIC);
        record(file, McapLayout.HEADER, concat(string("owa"), string("spoor-test")));
    }

    /**
     * @param id   schema id.
     * @param name schema name.
     * @return this.
     */
    public McapTestFile schema(final int id, final String name) {
        record(out(), McapLayout.SCHEMA, concat(u16(id), string(name), string("jsonschema"), u32(2),
            "{}".getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * @param id       channel id.
     * @param schemaId its schema.
     * @param topic    topic.
     * @return this.
     */
    public McapTestFile channel(final int id, final int schemaId, final String topic) {
        record(out(), McapLayout.CHANNEL, concat(u16(id), u16(schemaId), string(topic), string("json"), u32(0)));
        return this;
    }

    /**
     * @param channel   channel id.
     * @param logTimeNs log_time.
     * @param json      payload.
     * @return this.
     */
    public McapTestFile message(final int channel, final long logTimeNs, final String json) {
        record(out(), McapLayout.MESSAGE, concat(u16(channel), u32(7), u64(logTimeNs), u64(logTimeNs),
            json.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Records after this go into a chunk until {@link #endChunk}.
     *
     * @return this.
     */
    public McapTestFile startChunk() {
        chunk = new ByteArrayOutputStream();
        return this;
    }

    /**
     * @param compression {@code zstd}, {@code lz4} or empty.
     * @param isCrcWrong  write a wrong uncompressed_crc.
     * @return this.
     */
    public McapTestFile endChunk(final String compression, final boolean isCrcWrong) {
        final byte[] records = chunk.toByteArray();
        chunk = null;
        final CRC32 crc = new CRC32();
        crc.update(records);
        final byte[] stored;
        if (compression.equals("zstd")) {
            stored = Zstd.compress(records);
        } else if (compression.equals("lz4")) {
            final ByteArrayOutputStream lz4 = new ByteArrayOutputStream();
            try (LZ4FrameOutputStream out = new LZ4FrameOutputStream(lz4)) {
                out.write(records);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            stored = lz4.toByteArray();
        } else {
            stored = records;
        }
        record(file, McapLayout.CHUNK, concat(u64(0), u64(0), u64(records.length),
            u32((int)crc.getValue() ^ (isCrcWrong ? 1 : 0)), string(compression), u64(stored.length), stored));
        return this;
    }

    /**
     * @param opcode any opcode, e.g. a MessageIndex (0x07) or Attachment (0x09) the reader skips.
     * @param body   its body.
     * @return this.
     */
    public McapTestFile raw(final int opcode, final byte[] body) {
        record(out(), opcode, body);
        return this;
    }

    /**
     * Ends the file: DataEnd with the CRC of all bytes so far (or a wrong one), Footer without summary, magic.
     *
     * @param isDataCrcWrong write a wrong data_section_crc.
     * @return the file's bytes.
     */
    public byte[] finish(final boolean isDataCrcWrong) {
        final CRC32 crc = new CRC32();
        crc.update(file.toByteArray());
        record(file, McapLayout.DATA_END, u32((int)crc.getValue() ^ (isDataCrcWrong ? 1 : 0)));
        record(file, McapLayout.FOOTER, concat(u64(0), u64(0), u32(0)));
        file.writeBytes(McapLayout.MAGIC);
        return file.toByteArray();
    }

    private ByteArrayOutputStream out() {
        return chunk != null ? chunk : file;
    }

    private static void record(final ByteArrayOutputStream out, final int opcode, final byte[] body) {
        out.write(opcode);
        out.writeBytes(u64(body.length));
        out.writeBytes(body);
    }

    private static byte[] string(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return concat(u32(bytes.length), bytes);
    }

    private static byte[] u16(final int v) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short)v).array();
    }

    private static byte[] u32(final int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] u64(final long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

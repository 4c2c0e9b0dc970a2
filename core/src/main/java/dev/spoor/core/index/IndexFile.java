/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.index;

import dev.spoor.core.internal.Varints;
import org.agrona.collections.Long2LongHashMap;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The persisted {@link BlockIndex}, {@code index/blocks.idx}: written atomically on close, read on open and
 * caught up from the queue, rebuilt from block headers when missing, stale beyond the queue, or damaged.
 * <pre>
 * header, 32 bytes, little-endian:
 *  0        4     6     8         12        16                  24        28
 *  +--------+-----+-----+---------+---------+-------------------+---------+---------+
 *  | magic  | ver | 0   | entries | devices | lastQueueIndex    | payload | crc32c  |
 *  +--------+-----+-----+---------+---------+-------------------+---------+---------+
 * payload: devices x i64 device id, then per entry in queue order, as varints:
 *   device ordinal, zigzag(queue index delta), zigzag(cycle delta), zigzag(min timestamp delta),
 *   max - min, event count, type mask, block bytes (version 2 on)
 * crc32c covers the header's first 28 bytes and the payload.
 * </pre>
 * About 14 bytes per block against ~4.4 KB of block: ~0.3% of the journal. A file of another version
 * (version 1 had no block bytes) reads as missing, so the index is rebuilt from the block headers.
 */
public final class IndexFile {
    /** Path inside the journal directory. */
    public static final String FILE_NAME = "index/blocks.idx";
    /** "SPIX" little-endian. */
    public static final int MAGIC = 0x58495053;
    /** Index format version. */
    public static final int VERSION = 2;
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int RESERVED_OFFSET = 6;
    private static final int ENTRIES_OFFSET = 8;
    private static final int DEVICES_OFFSET = 12;
    private static final int LAST_QUEUE_INDEX_OFFSET = 16;
    private static final int PAYLOAD_LENGTH_OFFSET = 24;
    private static final int CHECKSUM_OFFSET = 28;
    /** Header bytes before the device table and the entries. */
    public static final int HEADER_LENGTH = 32;

    private IndexFile() {
    }

    /**
     * Writes the index atomically.
     *
     * @param dir   the journal directory.
     * @param index the index.
     * @return the file's length in bytes.
     * @throws IOException when writing fails.
     */
    public static long write(final Path dir, final BlockIndex index) throws IOException {
        final long[] devices = index.devices();
        final Long2LongHashMap ordinals = new Long2LongHashMap(-1);
        for (int i = 0; i < devices.length; i++) {
            ordinals.put(devices[i], i);
        }
        final int n = index.size();
        final ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + devices.length * 8 + n * 64)
            .order(ByteOrder.LITTLE_ENDIAN);
        b.position(HEADER_LENGTH);
        for (final long id : devices) {
            b.putLong(id);
        }
        long previousQueue = 0;
        long previousCycle = 0;
        long previousMin = 0;
        for (int i = 0; i < n; i++) {
            Varints.putUnsigned(b, ordinals.get(index.deviceId(i)));
            Varints.putSigned(b, index.queueIndex(i) - previousQueue);
            Varints.putSigned(b, index.cycle(i) - previousCycle);
            Varints.putSigned(b, index.minTimestampNs(i) - previousMin);
            Varints.putUnsigned(b, index.maxTimestampNs(i) - index.minTimestampNs(i));
            Varints.putUnsigned(b, index.eventCount(i));
            Varints.putUnsigned(b, index.typeMask(i));
            Varints.putUnsigned(b, index.blockBytes(i));
            previousQueue = index.queueIndex(i);
            previousCycle = index.cycle(i);
            previousMin = index.minTimestampNs(i);
        }
        final int length = b.position();
        b.putInt(MAGIC_OFFSET, MAGIC).putShort(VERSION_OFFSET, (short)VERSION).putShort(RESERVED_OFFSET, (short)0)
            .putInt(ENTRIES_OFFSET, n).putInt(DEVICES_OFFSET, devices.length)
            .putLong(LAST_QUEUE_INDEX_OFFSET, index.lastQueueIndex())
            .putInt(PAYLOAD_LENGTH_OFFSET, length - HEADER_LENGTH);
        b.putInt(CHECKSUM_OFFSET, checksum(b.array(), length));
        final Path file = dir.resolve(FILE_NAME);
        Files.createDirectories(file.getParent());
        final Path temporary = file.resolveSibling("blocks.idx.tmp");
        try {
            Files.write(temporary, Arrays.copyOf(b.array(), length));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            // A full disk leaves no half-written temporary taking space; the old file (if any) stays as it was.
            try {
                Files.deleteIfExists(temporary);
            } catch (final IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return length;
    }

    /**
     * Reads the index if the file is present and intact.
     *
     * @param dir     the journal directory.
     * @param spacing sparse index spacing.
     * @return the index, or null when the file is missing or damaged (the caller rebuilds).
     */
    public static BlockIndex read(final Path dir, final int spacing) {
        final Object read = readOrWhy(dir, spacing);
        return read instanceof BlockIndex ? (BlockIndex)read : null;
    }

    /**
     * Why the file cannot be used: what an open notes when it rebuilds the index, and verify reports.
     *
     * @param dir the journal directory.
     * @return the file and what is wrong with it, or null when it is missing, of another version (rebuilt without
     *         a word) or intact.
     */
    public static String damage(final Path dir) {
        final Object read = readOrWhy(dir, 1);
        return read instanceof String ? (String)read : null;
    }

    /** The index, or a String saying why the file is unusable, or null when it is missing. */
    private static Object readOrWhy(final Path dir, final int spacing) {
        final Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            final byte[] bytes = Files.readAllBytes(file);
            final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.length < HEADER_LENGTH || b.getInt(MAGIC_OFFSET) != MAGIC) {
                return file + " is damaged at offset 0: [length=" + bytes.length + ", magic="
                    + (bytes.length >= 4 ? "0x" + Integer.toHexString(b.getInt(MAGIC_OFFSET)) : "-") + "]";
            }
            if ((b.getShort(VERSION_OFFSET) & 0xFFFF) != VERSION) {
                return null; // another version is not damage: rebuilt once, as if missing
            }
            if (b.getInt(PAYLOAD_LENGTH_OFFSET) != bytes.length - HEADER_LENGTH) {
                return file + " is damaged at offset " + PAYLOAD_LENGTH_OFFSET + ": payload length "
                    + b.getInt(PAYLOAD_LENGTH_OFFSET) + " where the file holds " + (bytes.length - HEADER_LENGTH);
            }
            if (b.getInt(CHECKSUM_OFFSET) != checksum(bytes, bytes.length)) {
                return file + " is damaged: crc32c stored=0x" + Integer.toHexString(b.getInt(CHECKSUM_OFFSET))
                    + " computed=0x" + Integer.toHexString(checksum(bytes, bytes.length));
            }
            return decode(b, spacing);
        } catch (final IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        } catch (final BufferUnderflowException | IllegalStateException | IllegalArgumentException e) {
            return file + " is damaged: its entries do not decode (" + e + ")";
        }
    }

    private static BlockIndex decode(final ByteBuffer b, final int spacing) {
        final int n = b.getInt(ENTRIES_OFFSET);
        final int deviceCount = b.getInt(DEVICES_OFFSET);
        // Counts are checked against the bytes there before anything is sized by them.
        if (deviceCount < 0 || n < 0 || (long)deviceCount * Long.BYTES > b.capacity() - HEADER_LENGTH) {
            throw new IllegalStateException("index header counts [entries=" + n + ", devices=" + deviceCount
                + "] do not fit its " + b.capacity() + " bytes");
        }
        b.position(HEADER_LENGTH);
        final long[] devices = new long[deviceCount];
        for (int i = 0; i < deviceCount; i++) {
            devices[i] = b.getLong();
        }
        final BlockIndex index = new BlockIndex(spacing);
        long queue = 0;
        long cycle = 0;
        long min = 0;
        for (int i = 0; i < n; i++) {
            final long ordinal = Varints.getUnsigned(b);
            if (ordinal < 0 || ordinal >= deviceCount) {
                throw new IllegalStateException("entry " + i + " names device ordinal " + ordinal + " of "
                    + deviceCount + " at offset " + b.position());
            }
            queue += Varints.getSigned(b);
            cycle += Varints.getSigned(b);
            min += Varints.getSigned(b);
            final long max = min + Varints.getUnsigned(b);
            final int events = (int)Varints.getUnsigned(b);
            final int types = (int)Varints.getUnsigned(b);
            final int bytes = (int)Varints.getUnsigned(b);
            index.add(queue, (int)cycle, devices[(int)ordinal], min, max, events, types, bytes);
        }
        return index;
    }

    private static int checksum(final byte[] bytes, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, CHECKSUM_OFFSET);
        crc.update(bytes, HEADER_LENGTH, length - HEADER_LENGTH);
        return (int)crc.getValue();
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A small append-only file of checksummed records, shared by the policy, retention and audit files.
 * Little-endian:
 * <pre>
 * file:   magic (4 bytes) | u16 format version (1) | record...
 * record: u32 payload length | payload | u32 crc32c of payload
 * </pre>
 * Each append is one write of a whole record with O_APPEND, so appends from several processes do not
 * interleave. A record torn at the end (a crash while appending) is left out when read; a damaged record
 * followed by more data is refused.
 */
public final class RecordLog {
    private static final short FORMAT_VERSION = 1;
    private static final int HEADER = 6;

    private RecordLog() {
    }

    /**
     * @param file  the file.
     * @param magic its 4 magic bytes.
     * @return the payloads, oldest first; empty when the file does not exist.
     */
    public static List<byte[]> read(final Path file, final byte[] magic) {
        final List<byte[]> payloads = new ArrayList<>();
        if (!Files.exists(file)) {
            return payloads;
        }
        final ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (final IOException e) {
            throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (final byte b : magic) {
            if (in.remaining() < 1 || in.get() != b) {
                throw new JournalException(file + " is not the file it should be (magic " + new String(magic,
                    StandardCharsets.US_ASCII) + " missing)");
            }
        }
        if (in.remaining() < 2) {
            return payloads;
        }
        final short format = in.getShort();
        if (format != FORMAT_VERSION) {
            throw new JournalException(file + ": format version " + format + " is not supported (this build reads "
                + FORMAT_VERSION + ")");
        }
        while (in.remaining() >= 4) {
            final int start = in.position();
            final int length = in.getInt();
            if (length < 0 || length > in.remaining() - 4) {
                return payloads;
            }
            final byte[] payload = new byte[length];
            in.get(payload);
            final CRC32C crc = new CRC32C();
            crc.update(payload);
            if (in.getInt() != (int)crc.getValue()) {
                if (in.remaining() == 0) {
                    return payloads;
                }
                throw new JournalException(file + ": record at offset " + start + " fails its crc32c check");
            }
            payloads.add(payload);
        }
        return payloads;
    }

    /**
     * A cheap change check for a record log, shared by every process that watches one (retention, compaction,
     * erasures): two stat calls, nothing allocated, no exception when the file is absent. Logs only grow, so
     * each appended record changes the length.
     *
     * @param file the log.
     * @return its length and modification time as one value, 0 when absent.
     */
    public static long stamp(final File file) {
        return file.length() * 1_000_003L + file.lastModified();
    }

    /**
     * Appends one record, creating the file with its header when absent, and syncs it (and, when it created the
     * file, the directory), so the record survives a crash once this returns. The append holds an exclusive lock
     * on the file, so appenders in several processes never interleave.
     *
     * @param file    the file.
     * @param magic   its 4 magic bytes.
     * @param payload the record.
     */
    public static void append(final Path file, final byte[] magic, final byte[] payload) {
        append(file, magic, payload, true);
    }

    /**
     * Appends one record as {@link #append(Path, byte[], byte[])} does; unsynced, the record is in the page cache
     * when this returns, which a killed process cannot lose (a power cut can), and the next synced append or
     * {@code fsync} of the file makes it durable with the rest. A file this creates is synced either way.
     *
     * @param file     the file.
     * @param magic    its 4 magic bytes.
     * @param payload  the record.
     * @param isSynced true to fsync the file before returning.
     */
    public static void append(final Path file, final byte[] magic, final byte[] payload, final boolean isSynced) {
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        final ByteBuffer record = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(payload.length).put(payload).putInt((int)crc.getValue()).flip();
        try {
            final boolean isCreated = !Files.exists(file) && create(file, magic);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                final FileLock lock = channel.lock();
                try {
                    writeWhole(channel, record, isSynced);
                } finally {
                    lock.release();
                }
            }
            if (isCreated) {
                syncDirectory(file.getParent());
            }
        } catch (final IOException e) {
            throw FileSpace.failure(file.toAbsolutePath().getParent(), file, "a record", record.capacity(), e);
        }
    }

    /**
     * Writes the record at the end; when that fails (a full disk can take part of it), cuts the file back to where
     * it ended, so no torn record is left for a later append to land after (which reads would refuse as damage).
     */
    private static void writeWhole(final FileChannel channel, final ByteBuffer record, final boolean isSynced)
        throws IOException {
        final long before = channel.size();
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (isSynced) {
                channel.force(false);
            }
        } catch (final IOException e) {
            try {
                channel.truncate(before);
            } catch (final IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Cuts off a record torn at the end of the file, as a process killed in the middle of an append leaves one
     * (a write that spans pages can stop between them), so that the next append does not land after it and turn
     * a torn tail, which {@link #read} ignores, into a damaged record, which it refuses. Holds the append lock.
     * A damaged record followed by more data is left as it is, and so is an unreadable tail longer than one
     * record could be: neither is a torn append.
     *
     * @param file           the file.
     * @param magic          its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append.
     * @return bytes cut, 0 when the file ends with a whole record (or does not exist).
     * @throws JournalException when the file cannot be read or cut.
     */
    public static long cutTornTail(final Path file, final byte[] magic, final int maxPayloadBytes) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final FileLock lock = channel.lock();
            try {
                final ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
                final int end = endOfWholeRecords(in, magic.length + 2);
                if (end < 0 || end == in.capacity() || in.capacity() - end > maxPayloadBytes + 8) {
                    return 0;
                }
                channel.truncate(end);
                channel.force(false);
                return in.capacity() - end;
            } finally {
                lock.release();
            }
        } catch (final IOException e) {
            throw new JournalException("cannot cut the torn tail of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the last whole record ends; -1 when a damaged record is followed by more (or no header). */
    private static int endOfWholeRecords(final ByteBuffer in, final int headerLength) {
        if (in.capacity() < headerLength) {
            return -1;
        }
        in.position(headerLength);
        while (in.remaining() > 0) {
            final int start = in.position();
            if (in.remaining() < 4) {
                return start;
            }
            final int length = in.getInt();
            if (length < 0 || length > in.remaining() - 4) {
                return start;
            }
            final CRC32C crc = new CRC32C();
            crc.update(in.array(), in.position(), length);
            in.position(in.position() + length);
            if (in.getInt() != (int)crc.getValue()) {
                return in.remaining() == 0 ? start : -1;
            }
        }
        return in.position();
    }

    /** Writes the header to a temporary file, synced, and renames it into place; false when another won the race. */
    private static boolean create(final Path file, final byte[] magic) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(magic).putShort(FORMAT_VERSION).flip();
        final Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (header.hasRemaining()) {
                channel.write(header);
            }
            channel.force(true);
        } catch (final IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        try {
            Files.move(temporary, file);
            return true;
        } catch (final FileAlreadyExistsException raced) {
            Files.deleteIfExists(temporary);
            return false;
        }
    }

    /** Makes a new directory entry durable (where the platform allows opening a directory, as Linux does). */
    private static void syncDirectory(final Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final UnsupportedOperationException | AccessDeniedException notOnThisPlatform) {
            // Windows cannot open a directory; its rename is durable once the file is.
        }
    }
}

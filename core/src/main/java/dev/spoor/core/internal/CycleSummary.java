/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * {@code cycles.spoor}: per roll cycle, what the queue holds there, kept apart from the cycle files so that a cycle
 * file deleted or cut short is noticed even when the derived block index is rebuilt.
 * <pre>
 * header, 16 bytes:
 *  0        4     6     8         12        16
 *  +--------+-----+-----+---------+---------+
 *  | magic  | ver | rlen| 0       | crc32c  |   magic "SPCY", version 1, rlen = record length (64)
 *  +--------+-----+-----+---------+---------+
 * record i at 16 + 64 * i, one per cycle, rewritten in place:
 *  0        4        8                   16                  24                  32
 *  +--------+--------+-------------------+-------------------+-------------------+
 *  | cycle  | 0      | blocks            | excerpts          | events            |
 *  +--------+--------+-------------------+-------------------+-------------------+
 *  32                  40                  48                  56        60        64
 *  +-------------------+-------------------+-------------------+---------+---------+
 *  | firstIndex        | lastIndex         | endPosition       | crc32c  | 0       |
 *  +-------------------+-------------------+-------------------+---------+---------+
 * </pre>
 * excerpts: data excerpts of the cycle (blocks, compaction tombstones, empty ones), queue indexes firstIndex to
 * lastIndex; blocks: those holding a block; events: their header counts; endPosition: the byte after the last data
 * excerpt in the cycle file. crc32c covers bytes 0..56 of the record. A record failing its checksum (a power loss
 * tore it) is treated as absent: that cycle's file is then walked whole.
 * <p>The writing process updates the record of the cycle it appends to after each sealed block with one
 * positional write, not synced: like the queue itself (Chronicle does not sync either), it survives the kill of a
 * process (the page cache keeps it), not a power loss, after which the record may lag the file (harmless: a file
 * longer than its record is read on from the record's end) or run ahead of it (the file then reads as cut short,
 * which it is). Compaction, in another process, rewrites the records of the closed cycles it replaces; a writer
 * touches only the record of its current cycle and appends new ones, so the two never write the same bytes.
 */
public final class CycleSummary implements AutoCloseable {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "cycles.spoor";
    /** Format version. */
    public static final short VERSION = 1;
    private static final int MAGIC = 0x59435053; // "SPCY" little-endian
    private static final int HEADER_LENGTH = 16;
    private static final int RECORD_LENGTH = 64;
    private static final int RECORD_CRC_OFFSET = 56;

    /**
     * One cycle's record.
     *
     * @param cycle       the roll cycle.
     * @param blocks      excerpts holding a block.
     * @param excerpts    data excerpts, firstIndex to lastIndex.
     * @param events      events in the blocks, by their headers.
     * @param firstIndex  queue index of the first excerpt.
     * @param lastIndex   queue index of the last excerpt.
     * @param endPosition the byte after the last excerpt in the cycle file.
     */
    public record Entry(int cycle, long blocks, long excerpts, long events, long firstIndex, long lastIndex,
        long endPosition) {
        /**
         * @return this entry with one more excerpt.
         * @param queueIndex   its queue index.
         * @param eventCount   its events, -1 when it holds no block.
         * @param end          the byte after it.
         */
        public Entry plus(final long queueIndex, final int eventCount, final long end) {
            return new Entry(cycle, blocks + (eventCount >= 0 ? 1 : 0), excerpts + 1,
                events + Math.max(0, eventCount), excerpts == 0 ? queueIndex : firstIndex, queueIndex, end);
        }

        /**
         * @param cycle a roll cycle.
         * @return an entry of no excerpt.
         */
        public static Entry empty(final int cycle) {
            return new Entry(cycle, 0, 0, 0, -1, -1, 0);
        }
    }

    private final Path dir;
    private final FileChannel channel;
    private final Map<Integer, Long> slots = new TreeMap<>();
    private final ByteBuffer record = ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private long nextSlot;

    private CycleSummary(final Path dir, final FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Reads the summary.
     *
     * @param dir the journal directory.
     * @return its records by cycle, each checked; null when the file does not exist.
     * @throws JournalException when the file's header is damaged or of an unknown version.
     */
    public static TreeMap<Integer, Entry> read(final Path dir) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FILE_NAME));
        } catch (final NoSuchFileException e) {
            return null;
        } catch (final IOException e) {
            throw new JournalException("cannot read " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
        checkHeader(dir, bytes);
        final TreeMap<Integer, Entry> entries = new TreeMap<>();
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = HEADER_LENGTH; at + RECORD_LENGTH <= bytes.length; at += RECORD_LENGTH) {
            if (crc(bytes, at, RECORD_CRC_OFFSET) != in.getInt(at + RECORD_CRC_OFFSET)) {
                continue; // torn by a power loss, or never completed: as if absent
            }
            final Entry entry = new Entry(in.getInt(at), in.getLong(at + 8), in.getLong(at + 16), in.getLong(at + 24),
                in.getLong(at + 32), in.getLong(at + 40), in.getLong(at + 48));
            entries.put(entry.cycle(), entry);
        }
        return entries;
    }

    /**
     * The records that fail their checksum, for verify: each is read as absent (a power loss tears a record that
     * way), so its cycle file is walked whole and a cut there goes unnoticed; a byte flipped in the file reads the
     * same. All-zero records (never written) are not named.
     *
     * @param dir the journal directory.
     * @return one line per such record (its position and what it costs), empty when every record reads whole or
     *         the file is absent or its header is damaged (which {@link #read} names); a record a running writer was
     *         rewriting at the first read is read again.
     */
    public static List<String> recordProblems(final Path dir) {
        final List<String> first = recordProblemsOnce(dir);
        if (first.isEmpty()) {
            return first;
        }
        // A running writer rewrites a record in place: one read may catch it half written. Only what two reads
        // agree on, a moment apart, is named.
        try {
            Thread.sleep(20);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final List<String> second = recordProblemsOnce(dir);
        second.retainAll(first);
        return second;
    }

    private static List<String> recordProblemsOnce(final Path dir) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(dir.resolve(FILE_NAME));
        } catch (final IOException e) {
            return List.of();
        }
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final List<String> problems = new ArrayList<>();
        for (int at = HEADER_LENGTH, i = 0; at + RECORD_LENGTH <= bytes.length; at += RECORD_LENGTH, i++) {
            if (crc(bytes, at, RECORD_CRC_OFFSET) != in.getInt(at + RECORD_CRC_OFFSET) && !isZero(bytes, at)) {
                problems.add("record " + i + " (byte " + at + ", cycle " + in.getInt(at) + " if that field is"
                    + " intact) fails its crc32c: read as absent, so a cut or missing file of that cycle is no longer"
                    + " noticed (a power loss can tear a record so; the next write of that cycle rewrites it)");
            } else if (in.getInt(at + RECORD_CRC_OFFSET + 4) != 0) {
                problems.add("record " + i + " (byte " + at + ", cycle " + in.getInt(at) + ") has "
                    + Integer.toHexString(in.getInt(at + RECORD_CRC_OFFSET + 4)) + " in its last 4 bytes, always 0"
                    + " as written: the file was changed");
            }
        }
        return problems;
    }

    private static boolean isZero(final byte[] bytes, final int at) {
        for (int i = at; i < at + RECORD_LENGTH; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces the file with these records: a new file, synced, renamed over the old one, the directory synced. A
     * summary of no cycles (a new journal's) is written without the two syncs: it witnesses nothing, and when a crash
     * loses or tears it the next open finds no records, or a damaged header, and writes it again from its walk of
     * the cycle files, as for a journal from before summaries. Each sync of a new file or of the directory commits
     * the file system's journal: 10-14 ms apiece on a busy virtual disk, measured with {@code strace -T}.
     *
     * @param dir     the journal directory.
     * @param entries the records.
     */
    public static void writeAll(final Path dir, final Collection<Entry> entries) {
        final Path target = dir.resolve(FILE_NAME);
        final Path temporary = dir.resolve(FILE_NAME + ".new");
        final ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + RECORD_LENGTH * entries.size())
            .order(ByteOrder.LITTLE_ENDIAN);
        out.put(header());
        for (final Entry entry : entries) {
            out.put(encode(entry, ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN)));
        }
        out.flip();
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            if (!entries.isEmpty()) {
                channel.force(true);
            }
        } catch (final IOException e) {
            deleteQuietly(temporary, e);
            throw FileSpace.failure(dir, temporary, "the cycle summary", out.limit(), e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (!entries.isEmpty()) {
                RecordLog.syncDirectory(dir);
            }
        } catch (final IOException e) {
            throw new JournalException("cannot replace " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(final Path file, final IOException failure) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Opens the file to update records in place (created empty when missing).
     *
     * @param dir the journal directory.
     * @return the open summary.
     */
    public static CycleSummary openForUpdate(final Path dir) {
        if (!Files.exists(dir.resolve(FILE_NAME))) {
            writeAll(dir, java.util.List.of());
        }
        try {
            final FileChannel channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final CycleSummary summary = new CycleSummary(dir, channel);
            summary.loadSlots();
            return summary;
        } catch (final IOException e) {
            throw new JournalException("cannot open " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a cycle's record in its place (appended when the cycle has none): one positional write, not synced.
     *
     * @param entry the record.
     */
    public void put(final Entry entry) {
        Long slot = slots.get(entry.cycle());
        if (slot == null) {
            slot = nextSlot;
            nextSlot += RECORD_LENGTH;
            slots.put(entry.cycle(), slot);
        }
        record.clear();
        encode(entry, record).flip();
        try {
            long at = slot;
            while (record.hasRemaining()) {
                at += channel.write(record, at);
            }
        } catch (final IOException e) {
            throw new JournalException("cannot write " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a cycle's record in its place only if the file has one (compaction: it never adds records).
     *
     * @param entry the record.
     * @return false when the cycle has no record.
     */
    public boolean replace(final Entry entry) {
        if (!slots.containsKey(entry.cycle())) {
            return false;
        }
        put(entry);
        return true;
    }

    /**
     * Forces the records written so far to disk.
     */
    public void sync() {
        try {
            channel.force(false);
        } catch (final IOException e) {
            throw new JournalException("cannot sync " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // nothing was buffered: every put is a write of its own
        }
    }

    private void loadSlots() throws IOException {
        final long size = channel.size();
        final ByteBuffer bytes = ByteBuffer.allocate((int)size).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
            // reading the whole file
        }
        checkHeader(dir, bytes.array());
        long at = HEADER_LENGTH;
        for (; at + RECORD_LENGTH <= size; at += RECORD_LENGTH) {
            // A record torn by a power loss keeps its slot (its cycle field may be unreadable: it is rewritten
            // only if intact; a new slot is taken otherwise).
            if (crc(bytes.array(), (int)at, RECORD_CRC_OFFSET) == bytes.getInt((int)at + RECORD_CRC_OFFSET)) {
                slots.put(bytes.getInt((int)at), at);
            }
        }
        nextSlot = at;
    }

    private static ByteBuffer header() {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putShort(VERSION).putShort((short)RECORD_LENGTH).putInt(0);
        header.putInt(crc(header.array(), 0, 12));
        return header.flip();
    }

    private static void checkHeader(final Path dir, final byte[] bytes) {
        final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_LENGTH || in.getInt(0) != MAGIC || crc(bytes, 0, 12) != in.getInt(12)) {
            throw new JournalException(dir.resolve(FILE_NAME) + " is damaged: its header [length=" + bytes.length
                + "] is not a cycle summary's; repair rebuilds it");
        }
        if (in.getShort(4) != VERSION || in.getShort(6) != RECORD_LENGTH) {
            throw new JournalException(dir.resolve(FILE_NAME) + " has version " + in.getShort(4) + ", record length "
                + in.getShort(6) + "; this build reads version " + VERSION);
        }
    }

    private static ByteBuffer encode(final Entry entry, final ByteBuffer out) {
        final int start = out.position();
        out.putInt(entry.cycle()).putInt(0).putLong(entry.blocks()).putLong(entry.excerpts()).putLong(entry.events())
            .putLong(entry.firstIndex()).putLong(entry.lastIndex()).putLong(entry.endPosition());
        out.putInt(crc(out.array(), start, RECORD_CRC_OFFSET)).putInt(0);
        return out;
    }

    private static int crc(final byte[] bytes, final int offset, final int length) {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int)crc.getValue();
    }

}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a Chronicle Queue cycle file through a {@link FileChannel}, never a mapping, checking every length
 * against the file's size before trusting it: what a damaged (cut short, torn) file can be read with, where
 * Chronicle, which maps past the end of the file, would die of SIGBUS.
 * <pre>
 *  header word, u32 little-endian, at a 4-byte aligned position:
 *   31            30          29                                   0
 *  +-------------+-----------+--------------------------------------+
 *  | not complete| meta data | length of the excerpt after the word |
 *  +-------------+-----------+--------------------------------------+
 *  0                      nothing written here yet: the end of the data
 *  0xC0000000             end of cycle: a writer rolled to a later cycle (Chronicle's END_OF_DATA)
 *  not complete, length   a write in progress, or torn by a kill
 * </pre>
 * The next header is at {@code align4(position + 4 + length)}. The file starts with a metadata excerpt (the
 * store's header); Chronicle's index arrays are metadata excerpts too. Data excerpts are numbered from 0 in the
 * cycle: the n-th one has queue index {@code cycle << shift | n}. (Chronicle-Wire {@code Wires}: NOT_COMPLETE,
 * META_DATA, LENGTH_MASK, END_OF_DATA; Chronicle-Queue aligns each header to 4 bytes.)
 */
public final class CycleFileReader implements AutoCloseable {
    /** The header word's bit of an excerpt whose write has not completed. */
    public static final int NOT_COMPLETE = 0x8000_0000;
    /** The header word's bit of a metadata excerpt (store header, index arrays, padding). */
    public static final int META_DATA = 0x4000_0000;
    /** The header word's length bits. */
    public static final int LENGTH_MASK = 0x3FFF_FFFF;
    /** The end-of-cycle marker a writer leaves when it rolls to a later cycle. */
    public static final int END_OF_CYCLE = NOT_COMPLETE | META_DATA;

    /** Where a walk over a cycle file stopped. */
    public enum End {
        /** A header word of 0 with the file continuing: the data ends there, nothing is missing. */
        END_OF_DATA,
        /** Chronicle's end-of-cycle marker. */
        END_OF_CYCLE,
        /** The file ends inside a header word or an excerpt: it was cut short. */
        CUT,
        /** A header marked not complete: a write torn by a kill, or still in progress. */
        TORN
    }

    private static final int BUFFER_BYTES = 64 * 1024;

    private final FileChannel channel;
    private final long fileLength;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long bufferStart;
    private int bufferLength;
    private long position;
    private long dataEnd;
    private long sequence = -1;
    private int length;
    private byte[] excerpt = new byte[BUFFER_BYTES];
    private End end;

    private CycleFileReader(final FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileLength = channel.size();
    }

    /**
     * @param file a cycle file.
     * @return a reader at the file's first excerpt.
     * @throws IOException when it cannot be opened.
     */
    public static CycleFileReader open(final Path file) throws IOException {
        return new CycleFileReader(FileChannel.open(file, StandardOpenOption.READ));
    }

    /**
     * Starts reading at {@code headerPosition}, a header's position known from an earlier walk (the cycle summary's
     * end position), counting data excerpts from {@code sequenceBefore + 1}.
     *
     * @param headerPosition a 4-byte aligned header position.
     * @param sequenceBefore the sequence of the last data excerpt before it, -1 for none.
     * @return this.
     */
    public CycleFileReader from(final long headerPosition, final long sequenceBefore) {
        position = align(headerPosition);
        dataEnd = headerPosition;
        sequence = sequenceBefore;
        end = null;
        return this;
    }

    /**
     * Reads the next data excerpt, stepping over metadata.
     *
     * @param isCopied true to copy the excerpt's bytes into {@link #bytes()}; false to read only its first
     *                 {@code 8 + 56} bytes (seal id and block header), enough to count its events.
     * @return false at the end of what can be read; {@link #end()} says why.
     * @throws IOException on a read error.
     */
    public boolean next(final boolean isCopied) throws IOException {
        while (end == null) {
            if (position + 4 > fileLength) {
                end = End.CUT;
                return false;
            }
            final int header = readInt(position);
            if (header == 0) {
                end = End.END_OF_DATA;
                return false;
            }
            if (header == END_OF_CYCLE) {
                end = End.END_OF_CYCLE;
                return false;
            }
            if ((header & NOT_COMPLETE) != 0) {
                end = End.TORN;
                return false;
            }
            final int excerptLength = header & LENGTH_MASK;
            final long start = position + 4;
            if (start + excerptLength > fileLength) {
                end = End.CUT;
                return false;
            }
            position = align(start + excerptLength);
            if ((header & META_DATA) != 0) {
                continue;
            }
            dataEnd = start + excerptLength;
            sequence++;
            length = excerptLength;
            copy(start, isCopied ? excerptLength : Math.min(excerptLength, 64));
            return true;
        }
        return false;
    }

    /**
     * Reads the header word at a position, for a walk of its own (a salvage scan past damage).
     *
     * @param position a 4-byte aligned position.
     * @return the word, or 0 when fewer than 4 bytes of the file are left there.
     * @throws IOException on a read error.
     */
    public int headerAt(final long position) throws IOException {
        return position + 4 > fileLength ? 0 : readInt(position);
    }

    /**
     * Copies {@code count} bytes from {@code start} into {@link #bytes()}, for a walk of its own.
     *
     * @param start where the bytes start.
     * @param count how many; {@code start + count} must be within the file.
     * @return {@link #bytes()}.
     * @throws IOException on a read error.
     */
    public byte[] read(final long start, final int count) throws IOException {
        if (start < 0 || count < 0 || start + count > fileLength) {
            throw new IOException(count + " bytes at " + start + " are not within the " + fileLength + "-byte file");
        }
        copy(start, count);
        return excerpt;
    }

    /**
     * @return why the walk stopped (null until it has).
     */
    public End end() {
        return end;
    }

    /**
     * @return the current data excerpt's number in the cycle, from 0.
     */
    public long sequence() {
        return sequence;
    }

    /**
     * @return the current data excerpt's length.
     */
    public int length() {
        return length;
    }

    /**
     * @return the current excerpt's bytes from offset 0 (all when copied, else its first 64 at most).
     */
    public byte[] bytes() {
        return excerpt;
    }

    /**
     * @return the byte after the last whole data excerpt read so far.
     */
    public long dataEnd() {
        return dataEnd;
    }

    /**
     * @return where the next header is, or where the walk stopped.
     */
    public long position() {
        return position;
    }

    /**
     * @return the file's length when opened.
     */
    public long fileLength() {
        return fileLength;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static long align(final long position) {
        return (position + 3) & ~3L;
    }

    private int readInt(final long at) throws IOException {
        fill(at, 4);
        return buffer.getInt((int)(at - bufferStart));
    }

    private void copy(final long at, final int count) throws IOException {
        if (count > excerpt.length) {
            excerpt = new byte[Math.max(count, excerpt.length * 2)];
        }
        if (count > BUFFER_BYTES) {
            final ByteBuffer target = ByteBuffer.wrap(excerpt, 0, count);
            long from = at;
            while (target.hasRemaining()) {
                final int n = channel.read(target, from);
                if (n < 0) {
                    throw new IOException("file ended at " + from + " while reading " + count + " bytes at " + at);
                }
                from += n;
            }
            return;
        }
        fill(at, count);
        buffer.get((int)(at - bufferStart), excerpt, 0, count);
    }

    /** Makes bytes [at, at + count) available in the buffer; count is at most its size and within the file. */
    private void fill(final long at, final int count) throws IOException {
        if (at >= bufferStart && at + count <= bufferStart + bufferLength) {
            return;
        }
        buffer.clear();
        final int wanted = (int)Math.min(BUFFER_BYTES, fileLength - at);
        buffer.limit(wanted);
        long from = at;
        while (buffer.position() < wanted) {
            final int n = channel.read(buffer, from);
            if (n < 0) {
                throw new IOException("file ended at " + from + ", before its length " + fileLength);
            }
            from += n;
        }
        bufferStart = at;
        bufferLength = wanted;
    }
}

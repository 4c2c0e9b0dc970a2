/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.PrefixHash;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Splits a file into lines, byte by byte, owning everything about a line that is not its text: the byte
 * offsets, the line end (LF or CRLF; the CR is not part of the line), a UTF-8 byte order mark at offset 0
 * (not part of line 1's content, but part of the bytes it covers), the line limit, and a last line that has
 * no line end yet.
 * <pre>
 *  file:   [BOM] line 1 \r\n  line 2 \n  ...  line n \n  partial...
 *          |&lt;------------ consumed: bytesConsumed(), prefixHash() ----&gt;|&lt;- never consumed -&gt;|
 * </pre>
 * A line is consumed when {@link #next()} returns it, as {@link #LINE} or {@link #TOO_LONG}; the CRC-32C of
 * the consumed bytes is kept running ({@link PrefixHash}). A line longer than {@code maxLineBytes} is never
 * held: once more than the limit is pending without a line end, its bytes are checksummed and dropped as they
 * arrive, so memory stays at one read buffer of at most {@code maxLineBytes + 2} bytes (64 KiB at least).
 * A last line without a line end is returned once as {@link #INCOMPLETE} and never consumed, so a later run
 * takes it whole once the writer finishes it. Not thread safe.
 */
final class LineSplitter implements Closeable {
    /** No line left. */
    static final int END = 0;
    /** A complete line, within the limit: {@link #lineOffset()}, {@link #lineLength()} in {@link #buffer()}. */
    static final int LINE = 1;
    /** A complete line over the limit, consumed unread; {@link #lineBytes()} says how long it was. */
    static final int TOO_LONG = 2;
    /** The last line has no line end: not consumed; what is buffered of it is at {@link #lineOffset()}. */
    static final int INCOMPLETE = 3;

    /** Read size and the smallest buffer, bytes. */
    static final int MIN_BUFFER_BYTES = 64 * 1024;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    /** Eight bytes at a time, little-endian, so the lowest set bit is the first byte. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private final Path file;
    private final InputStream in;
    private final int maxLineBytes;
    private final int maxBufferBytes;
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[MIN_BUFFER_BYTES];
    /** Buffer index of the first unconsumed byte. */
    private int start;
    /** Buffer index after the last byte read. */
    private int limit;
    /** Times the buffer's bytes moved (compacted) or the buffer was replaced (grown). */
    private int moves;
    /** Where the search for the next LF resumes: bytes [start, scanFrom) hold none. */
    private int scanFrom;
    /** File offset of buffer[0]. */
    private long bufferPosition;
    /** File offset up to which the CRC has been updated; at least bufferPosition. */
    private long crcPosition;
    /** The prefix hash, when the CRC ran past the consumed bytes (a too-long line that never ended). */
    private long fixedHash = -1;
    private long bytesConsumed;
    private long linesConsumed;
    private boolean isEof;
    private boolean isFinished;
    private int lineOffset;
    private int lineLength;
    private long lineNumber;
    private long lineBytes;
    private boolean isCrLf;

    private LineSplitter(final Path file, final InputStream in, final int maxLineBytes) {
        this.file = file;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.maxBufferBytes = Math.max(MIN_BUFFER_BYTES, maxLineBytes + 2);
    }

    /**
     * @param file         the file, opened here.
     * @param maxLineBytes longest line returned as {@link #LINE}, line end excluded.
     * @return a splitter before the first line.
     * @throws IOException when the file cannot be opened.
     */
    static LineSplitter open(final Path file, final int maxLineBytes) throws IOException {
        if (maxLineBytes < 1 || maxLineBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxLineBytes=" + maxLineBytes + " is out of range");
        }
        return new LineSplitter(file, Files.newInputStream(file), maxLineBytes);
    }

    /**
     * Moves to the next line, consuming it when it is complete.
     *
     * @return {@link #LINE}, {@link #TOO_LONG}, {@link #INCOMPLETE} (once) or {@link #END}.
     * @throws IOException when the file cannot be read.
     */
    int next() throws IOException {
        if (isFinished) {
            return END;
        }
        while (true) {
            final int lf = indexOfLf(scanFrom, limit);
            if (lf >= 0) {
                return completeLine(lf);
            }
            scanFrom = limit;
            if (limit - start > maxLineBytes + 1) {
                return skipLongLine();
            }
            if (isEof) {
                return endOfData();
            }
            fill();
        }
    }

    /**
     * @return the buffer holding the current line; valid until the next {@link #next()}.
     */
    byte[] buffer() {
        return buffer;
    }

    /**
     * @return where the current line's content starts in {@link #buffer()} (after a BOM on line 1).
     */
    int lineOffset() {
        return lineOffset;
    }

    /**
     * @return the current line's content length, bytes, line end excluded (0 for a too-long line).
     */
    int lineLength() {
        return lineLength;
    }

    /**
     * @return the end of the bytes read into {@link #buffer()}: the lines after the current one, as far as read,
     *         lie in [current line's end, dataEnd) until the next call to {@link #next()} that reads more.
     */
    int dataEnd() {
        return limit;
    }

    /**
     * @return how many times the buffer's bytes have moved or the buffer was replaced: a position in the buffer
     *         taken earlier still holds the same byte while this is unchanged (and is below {@link #dataEnd()}).
     */
    int moves() {
        return moves;
    }

    /**
     * @return the current line's number, from 1.
     */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * @return the current line's full length, bytes (line end excluded): for messages about long lines.
     */
    long lineBytes() {
        return lineBytes;
    }

    /**
     * @return lines consumed.
     */
    long linesConsumed() {
        return linesConsumed;
    }

    /**
     * @return bytes from the file's start to the end of the last consumed line, its line end included.
     */
    long bytesConsumed() {
        return bytesConsumed;
    }

    /**
     * @return the CRC-32C of bytes [0, {@link #bytesConsumed()}), as {@link PrefixHash#of} computes it.
     */
    long prefixHash() {
        if (fixedHash >= 0) {
            return fixedHash;
        }
        updateCrc(bytesConsumed);
        return crc.getValue();
    }

    /**
     * @return the read buffer's size, bytes: what a line costs in memory.
     */
    int bufferCapacity() {
        return buffer.length;
    }

    /**
     * @return true when the line returned last ended with CR LF, false for a bare LF.
     */
    boolean isCrLf() {
        return isCrLf;
    }

    /**
     * @return the file.
     */
    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int completeLine(final int lf) {
        int contentStart = start;
        int end = lf;
        isCrLf = end > contentStart && buffer[end - 1] == CR;
        if (isCrLf) {
            end--;
        }
        if (bufferPosition + start == 0 && isBom(contentStart, end)) {
            contentStart += 3;
        }
        lineNumber = linesConsumed + 1;
        lineOffset = contentStart;
        lineLength = end - contentStart;
        lineBytes = lineLength;
        consume(lf + 1);
        if (lineLength > maxLineBytes) {
            lineLength = 0;
            return TOO_LONG;
        }
        return LINE;
    }

    /**
     * More than the limit is pending without a line end: checksum and drop the line's bytes as they arrive
     * until its LF, so the line is never held.
     */
    private int skipLongLine() throws IOException {
        lineNumber = linesConsumed + 1;
        lineOffset = 0;
        lineLength = 0;
        long skipped = 0;
        while (true) {
            updateCrc(bufferPosition + limit);
            skipped += limit - start;
            bufferPosition += limit;
            start = 0;
            limit = 0;
            scanFrom = 0;
            moves++; // the buffer is read over from its start
            if (isEof) {
                // The CRC ran past the consumed bytes; the prefix hash has to come from the file.
                lineBytes = skipped;
                isFinished = true;
                fixedHash = PrefixHash.of(file, bytesConsumed);
                return INCOMPLETE;
            }
            final int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                isEof = true;
                continue;
            }
            limit = n;
            final int lf = indexOfLf(0, limit);
            if (lf >= 0) {
                lineBytes = skipped + lf - (lf > 0 && buffer[lf - 1] == CR ? 1 : 0);
                consume(lf + 1);
                return TOO_LONG;
            }
        }
    }

    private int endOfData() {
        isFinished = true;
        if (start == limit) {
            return END;
        }
        lineNumber = linesConsumed + 1;
        lineOffset = start;
        lineLength = limit - start;
        if (bufferPosition + start == 0 && isBom(start, limit)) {
            if (lineLength == 3) {
                return END; // a BOM alone is an empty file
            }
            lineOffset += 3;
            lineLength -= 3;
        }
        lineBytes = lineLength;
        return INCOMPLETE;
    }

    private void consume(final int next) {
        start = next;
        scanFrom = next;
        bytesConsumed = bufferPosition + next;
        linesConsumed++;
    }

    private void fill() throws IOException {
        if (limit == buffer.length) {
            if (start > 0) {
                compact();
            } else {
                grow();
            }
        }
        final int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            isEof = true;
        } else {
            limit += n;
        }
    }

    /** Moves the pending part of a line to the front, checksumming the consumed bytes before they go. */
    private void compact() {
        updateCrc(bytesConsumed);
        System.arraycopy(buffer, start, buffer, 0, limit - start);
        moves++;
        bufferPosition += start;
        limit -= start;
        scanFrom -= start;
        start = 0;
    }

    private void grow() {
        assert buffer.length < maxBufferBytes : "a full buffer of the largest size must have gone to skipLongLine";
        buffer = Arrays.copyOf(buffer, (int)Math.min(2L * buffer.length, maxBufferBytes));
        moves++;
    }

    private void updateCrc(final long toPosition) {
        if (toPosition > crcPosition) {
            crc.update(buffer, (int)(crcPosition - bufferPosition), (int)(toPosition - crcPosition));
            crcPosition = toPosition;
        }
    }

    private boolean isBom(final int from, final int to) {
        return to - from >= 3 && buffer[from] == (byte)0xEF && buffer[from + 1] == (byte)0xBB
            && buffer[from + 2] == (byte)0xBF;
    }

    /**
     * The first LF in [from, to), 8 bytes at a time: {@code (v - 0x01..) & ~v & 0x80..} is non-zero exactly when
     * {@code v} has a zero byte, and its lowest set bit marks the first one (a borrow can only mark bytes above
     * a zero byte); {@code v} is the word XOR LFs, so its zero bytes are the LFs.
     */
    private int indexOfLf(final int from, final int to) {
        final byte[] bytes = buffer;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            final long v = (long)LONGS.get(bytes, i) ^ LFS;
            final long zeros = (v - ONES) & ~v & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The {@link InputStream} one Jackson parser reads a whole JSONL file through, as a stream of root-level
 * values: it hands over one checked line of text at a time, followed by an LF and a few blanks, and only when the
 * parser asks for more, so the parser never runs ahead of the value it is on and every value comes from exactly
 * the line {@link #lineNumber()} names. Lines that are not text never reach the parser ({@link TextLines}
 * rejects them), so line numbers stay exact without the parser counting anything. One parser for the file,
 * instead of one per line, saves the parser's set-up (buffers, symbol table, encoding detection) on every line.
 * <p>
 * A value must end on its line: when the parser asks for more after a line's LF while the value started on that
 * line is not taken ({@link #valueTaken()}), the feed answers end of input, which makes the parser fail; the caller
 * rejects that one line and starts a new parser at the next ({@link #dropLine()}). A line of white space only
 * holds no value and is passed over.
 * <pre>
 *  stream:  line 7 bytes \n blanks  line 9 bytes \n blanks ...   (line 8 was binary: rejected, never served)
 *           |&lt;-lineStart           |&lt;- next lineStart
 * </pre>
 */
final class JsonLineFeed extends InputStream {
    private static final byte LF = '\n';
    /** Blanks served after each line end: more than the 13 bytes Jackson wants ahead of a field name. */
    private static final int PADDING = 16;

    private final TextLines lines;
    private boolean hasLine;
    private boolean isValueOpen;
    private boolean isAtEnd;
    private boolean isCurrentPending;
    private int served;
    private int lineLength;
    private long lineNumber;
    private long lineStart;
    private long streamBytes;

    /**
     * @param lines the file's lines.
     */
    JsonLineFeed(final TextLines lines) {
        this.lines = lines;
    }

    @Override
    public int read(final byte[] to, final int offset, final int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!hasLine && !nextLine()) {
            return -1;
        }
        final int content = Math.min(length, lineLength - served);
        if (content > 0) {
            System.arraycopy(lines.bytes(), lines.offset() + served, to, offset, content);
            served += content;
        }
        int count = content;
        if (count < length && served == lineLength) {
            to[offset + count++] = LF;
            served++;
            hasLine = false;
            // Blanks after the line end (JSON allows them between values) keep the line's last field names
            // away from the end of the parser's buffer, where Jackson reads a name a byte at a time.
            final int blanks = Math.min(PADDING, length - count);
            Arrays.fill(to, offset + count, offset + count + blanks, (byte)' ');
            count += blanks;
        }
        streamBytes += count;
        return count;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    /** The parser returned the value of the line served: the next read may move to the next line. */
    void valueTaken() {
        isValueOpen = false;
    }

    /**
     * Forgets what is left of the current line, after the parser failed on it or it held more than a value; the
     * next parser reads from the next line, and stream offsets start again at 0.
     */
    void dropLine() {
        hasLine = false;
        isValueOpen = false;
        streamBytes = 0; // the next parser counts from 0
    }

    /**
     * Serves the lines' current line next, instead of moving on: for a line that was taken from the lines and read
     * another way first ({@link FlatJsonLine}), which now goes to the parser after all.
     */
    void serveCurrentLine() {
        isCurrentPending = true;
    }

    /**
     * @return the number of the line served last.
     */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * @param streamOffset an offset in the stream served (a parser's byte offset), on the current line.
     * @return true when the current line holds only JSON white space from there on.
     */
    boolean isBlankFrom(final long streamOffset) {
        return isBlank((int)Math.max(0, streamOffset - lineStart));
    }

    @Override
    public void close() {
        // The file belongs to the reader that owns the lines.
    }

    /** Moves to the line after the current one, unless the value on the current one is unfinished. */
    private boolean nextLine() throws IOException {
        if (isValueOpen && !isBlank(0)) {
            return false;
        }
        if (isCurrentPending) {
            isCurrentPending = false;
        } else if (isAtEnd || !lines.next()) {
            isAtEnd = true;
            return false;
        }
        hasLine = true;
        isValueOpen = true;
        served = 0;
        lineLength = lines.length();
        lineNumber = lines.lineNumber();
        lineStart = streamBytes;
        return true;
    }

    private boolean isBlank(final int from) {
        final byte[] bytes = lines.bytes();
        final int start = lines.offset();
        for (int i = from; i < lineLength; i++) {
            final byte b = bytes[start + i];
            if (b != ' ' && b != '\t' && b != '\r' && b != LF) {
                return false;
            }
        }
        return true;
    }
}

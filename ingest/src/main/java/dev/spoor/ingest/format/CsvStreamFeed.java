/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.io.Reader;

/**
 * The {@link Reader} one Jackson CSV parser reads a whole file through: it hands over one checked line of text at
 * a time, with its own line end, and only when the parser asks for more. Lines that are not text never reach the
 * parser ({@link TextLines} rejects them), so line numbers stay exact without the parser counting anything.
 * <p>
 * Jackson's parser ends a record only once it has seen that more input follows: it asks for the line after a
 * record before it returns the record's end. So the feed keeps, at every line it loads, a mark of what the lines
 * before it covered, and a reader reports that mark ({@link #coveredLines()} and the rest) while the line loaded
 * last is only looked at, not yet part of any record taken:
 * <pre>
 *  line 7: a,1000,move,... \n   record taken
 *  line 8: a,2000,move,... \n   loaded to end record 7: covered is still lines 1..7 (the mark)
 * </pre>
 * A record may span lines where a quoted field holds line ends (RFC 4180): up to {@link #MAX_RECORD_LINES} lines
 * and the one looked at after it. When the parser asks for more past that, the feed answers end of input, which
 * makes the parser fail on an open quote; the caller rejects the record and starts a new parser at the next line
 * ({@link #dropLine()}).
 */
final class CsvStreamFeed extends Reader {
    /** Lines one record may span (a quoted field holding line ends, as RFC 4180 allows). */
    static final int MAX_RECORD_LINES = 64;

    private final TextLines lines;
    private final LineSplitter splitter;
    private boolean hasLine;
    private boolean isAtEnd;
    private boolean isCut;
    private boolean isLookingAhead;
    private int served;
    private int lineChars;
    private int terminatorChars;
    private boolean isCrLf;
    private int recordLines;
    private long lineNumber;
    private long recordLineNumber;
    private long markLines;
    private long markBytes;
    private long markHash;

    /**
     * @param lines the file's lines.
     */
    CsvStreamFeed(final TextLines lines) {
        this.lines = lines;
        this.splitter = lines.splitter();
    }

    @Override
    public int read(final char[] to, final int offset, final int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!hasLine && !load()) {
            return -1;
        }
        int count = Math.min(length, lineChars - served);
        if (count > 0) {
            lines.copyChars(served, to, offset, count);
            served += count;
        }
        while (count < length && served < lineChars + terminatorChars) {
            // The line's own end, as it was in the file: inside a quoted field it is part of the value.
            to[offset + count++] = isCrLf && served == lineChars ? '\r' : '\n';
            served++;
        }
        if (served == lineChars + terminatorChars) {
            hasLine = false;
        }
        return count;
    }

    /** Hands the line {@link TextLines} is on to the parser next, instead of moving on first (a header). */
    void serveCurrentLine() {
        serve();
    }

    /** The parser started a record: on the line served last. */
    void recordStarted() {
        recordLineNumber = lineNumber;
        recordLines = 1;
        isLookingAhead = false;
    }

    /** The parser ended the record: unless the input ended, the line served last is only looked at so far. */
    void recordEnded() {
        isLookingAhead = !isAtEnd && !isCut;
        recordLines = 0;
    }

    /** Forgets what is left of the current line, after the parser failed on it; the next parser starts after it. */
    void dropLine() {
        hasLine = false;
        isCut = false;
        isLookingAhead = false;
        recordLines = 0;
    }

    /**
     * @return true when the parser was refused a line because the record had spanned too many.
     */
    boolean isCut() {
        return isCut;
    }

    /**
     * @return lines the current record was served from so far (more than 1 when a quoted field holds line ends).
     */
    int recordLines() {
        return recordLines;
    }

    /**
     * @return the line the current record started on.
     */
    long recordLineNumber() {
        return recordLineNumber;
    }

    /**
     * @return lines covered by the records taken and the lines rejected before them.
     */
    long coveredLines() {
        return isLookingAhead ? markLines : splitter.linesConsumed();
    }

    /**
     * @return bytes covered, from the file's start, by the lines {@link #coveredLines()} counts.
     */
    long coveredBytes() {
        return isLookingAhead ? markBytes : splitter.bytesConsumed();
    }

    /**
     * @return the CRC-32C of the bytes {@link #coveredBytes()} counts.
     */
    long coveredHash() {
        return isLookingAhead ? markHash : splitter.prefixHash();
    }

    @Override
    public void close() {
        // The file belongs to the reader that owns the lines.
    }

    private boolean load() throws IOException {
        if (isAtEnd) {
            return false;
        }
        if (recordLines > MAX_RECORD_LINES) {
            isCut = true;
            return false;
        }
        final long linesBefore = splitter.linesConsumed();
        final long bytesBefore = splitter.bytesConsumed();
        final long hashBefore = splitter.prefixHash();
        if (!lines.next()) {
            isAtEnd = true;
            return false;
        }
        markLines = linesBefore;
        markBytes = bytesBefore;
        markHash = hashBefore;
        serve();
        return true;
    }

    private void serve() {
        hasLine = true;
        served = 0;
        lineNumber = lines.lineNumber();
        lineChars = lines.charCount();
        isCrLf = splitter.isCrLf();
        terminatorChars = isCrLf ? 2 : 1;
        if (recordLines > 0) {
            recordLines++;
        }
    }
}

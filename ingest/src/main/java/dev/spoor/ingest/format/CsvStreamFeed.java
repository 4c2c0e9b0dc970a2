/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.io.Reader;

/**
 * The {@link Reader} one CSV parser ({@link CsvStreamRows}) reads a whole file through: it hands over one checked
 * line of text at a time, with its own line end, and only when the parser asks for more. Lines that are not text
 * never reach the parser ({@link TextLines} rejects them), so line numbers stay exact without the parser counting
 * anything.
 * <p>
 * The parser ends a record at its line end without reading past it, so when a record is taken every line served
 * belongs to it or to a record before it: what the file is covered to is what the {@link LineSplitter} has
 * consumed. A record may span lines where a quoted field holds line ends (RFC 4180):
 * <pre>
 *  line 7: a,1000,move,... \n                 one line, one record
 *  line 8: b,2000,key,"x \n                  a quoted field opens ...
 *  line 9: y",...\n                          ... and ends: one record of lines 8..9
 * </pre>
 * up to {@link #MAX_RECORD_LINES} lines. When the parser asks for more past that, the feed answers end of input,
 * which makes the parser fail on an open quote; the caller rejects the record and starts a new parser at the next
 * line ({@link #dropLine()}).
 */
final class CsvStreamFeed extends Reader {
    /** Lines one record may span (a quoted field holding line ends, as RFC 4180 allows). */
    static final int MAX_RECORD_LINES = 64;

    private final TextLines lines;
    private final LineSplitter splitter;
    private boolean hasLine;
    private boolean isAtEnd;
    private boolean isCut;
    private int served;
    private int lineChars;
    private int terminatorChars;
    private boolean isCrLf;
    private int recordLines;
    private long recordLineNumber;

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

    /** The parser returned a record: the next line served starts the next one. */
    void recordEnded() {
        recordLines = 0;
    }

    /** Forgets what is left of the current line, after the parser failed on it; the next parser starts after it. */
    void dropLine() {
        hasLine = false;
        isCut = false;
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

    @Override
    public void close() {
        // The file belongs to the reader that owns the lines.
    }

    private boolean load() throws IOException {
        if (isAtEnd) {
            return false;
        }
        if (recordLines >= MAX_RECORD_LINES) {
            isCut = true;
            return false;
        }
        if (!lines.next()) {
            isAtEnd = true;
            return false;
        }
        serve();
        return true;
    }

    private void serve() {
        hasLine = true;
        served = 0;
        lineChars = lines.charCount();
        isCrLf = splitter.isCrLf();
        terminatorChars = isCrLf ? 2 : 1;
        if (recordLines++ == 0) {
            recordLineNumber = lines.lineNumber();
        }
    }
}

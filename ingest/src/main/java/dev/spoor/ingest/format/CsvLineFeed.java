/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.io.Reader;

/**
 * The {@link Reader} one Commons CSV parser reads a whole file through: it hands over one checked line of text
 * at a time, followed by an LF, and only when the parser asks for more, so the parser never runs ahead of the
 * record it is building and every record comes from exactly the line {@link #lineNumber()} names. Lines that
 * are not text never reach the parser ({@link TextLines} rejects them), so line numbers stay exact without the
 * parser counting anything.
 * <p>
 * A record must end with its line: when the parser asks for more after a line's LF but before returning the
 * record (a quoted field not closed on its line), the feed answers end of input, which makes the parser fail;
 * the caller rejects that one line and starts a new parser at the next ({@link #dropLine()}). Quoted fields
 * that span lines are therefore not supported, which none of the formats here write.
 */
final class CsvLineFeed extends Reader {
    /** Lines one record may span (a quoted field holding line ends, as RFC 4180 allows). */
    static final int MAX_RECORD_LINES = 64;

    private final TextLines lines;
    private int recordLines;
    private int terminatorChars;
    private boolean isCrLf;
    private boolean hasLine;
    private boolean isRecordOpen;
    private boolean isCut;
    private boolean isAtEnd;
    private int served;
    private int lineChars;
    private long lineNumber;

    /**
     * @param lines the file's lines.
     */
    CsvLineFeed(final TextLines lines) {
        this.lines = lines;
    }

    @Override
    public int read(final char[] to, final int offset, final int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!hasLine) {
            if (isRecordOpen) {
                if (recordLines < MAX_RECORD_LINES && lines.next()) {
                    continueRecord();
                } else {
                    isCut = true;
                    return -1;
                }
            } else if (isAtEnd || !lines.next()) {
                isAtEnd = true;
                return -1;
            } else {
                load();
            }
        }
        int count = Math.min(length, lineChars - served);
        lines.copyChars(served, to, offset, count);
        served += count;
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

    /** Hands the line {@link TextLines} is on to the parser next, instead of moving on first. */
    void serveCurrentLine() {
        load();
    }

    /** The parser returned the record of the line served: the next read may move to the next line. */
    void recordTaken() {
        isRecordOpen = false;
    }

    /** Forgets what is left of the current line, after the parser failed on it. */
    void dropLine() {
        hasLine = false;
        isRecordOpen = false;
        isCut = false;
    }

    /**
     * @return lines the current record was served from so far (more than 1 when a quoted field holds line ends).
     */
    int recordLines() {
        return recordLines;
    }

    /**
     * @return true when the parser asked for more of a record whose line had ended.
     */
    boolean isCut() {
        return isCut;
    }

    /**
     * @return the number of the line served last.
     */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() {
        // The file belongs to the reader that owns the lines.
    }

    private void load() {
        lineNumber = lines.lineNumber();
        recordLines = 0;
        continueRecord();
        isRecordOpen = true;
    }

    /** Serves the line {@link TextLines} is on as the next part of the record (its first line, or one more). */
    private void continueRecord() {
        hasLine = true;
        served = 0;
        recordLines++;
        lineChars = lines.charCount();
        isCrLf = lines.splitter().isCrLf();
        terminatorChars = isCrLf ? 2 : 1;
    }
}

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
    private final TextLines lines;
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
                isCut = true;
                return -1;
            }
            if (isAtEnd || !lines.next()) {
                isAtEnd = true;
                return -1;
            }
            load();
        }
        final int count = Math.min(length, lineChars - served);
        lines.copyChars(served, to, offset, count);
        served += count;
        if (count < length) {
            to[offset + count] = '\n';
            hasLine = false;
            return count + 1;
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
        hasLine = true;
        isRecordOpen = true;
        served = 0;
        lineChars = lines.charCount();
        lineNumber = lines.lineNumber();
    }
}

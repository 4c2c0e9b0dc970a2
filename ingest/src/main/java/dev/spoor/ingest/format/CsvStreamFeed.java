/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayDeque;

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
 * which makes the parser fail on an open quote. A record that fails after spanning lines is most likely one stray
 * quote on its first line swallowing good lines after it, so only the first line is rejected: the feed keeps the
 * record's lines as it moves past them (only while a record spans lines: a one-line record costs nothing) and
 * serves lines 2.. again, from memory, to the next parser ({@link #dropLine()}). While they are served again the
 * line splitter is ahead of the parser by those lines (at most {@link #MAX_RECORD_LINES}).
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
    /** The current record's first line, once the record spans lines (for its rejection); else null. */
    private SavedLine recordFirst;
    /** The current record's lines after its first that the feed has moved past. */
    private final ArrayDeque<SavedLine> spanned = new ArrayDeque<>();
    /** Lines to serve again before the next one of the file, after a record spanning them failed. */
    private final ArrayDeque<SavedLine> replay = new ArrayDeque<>();
    /** The line being served from memory, or null when it is the one {@link TextLines} is on. */
    private SavedLine replaying;
    /**
     * The last line served is kept already (the file ended while a record spanned it): {@link TextLines} has moved
     * past it (to an unfinished last line, which must never be served).
     */
    private boolean isLastServedKept;
    private long lastServedLineNumber;

    /** A line kept to be served again: its text, its own line end, its number. */
    private record SavedLine(char[] chars, boolean isCrLf, long lineNumber) {
        String text() {
            return new String(chars);
        }
    }

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
            if (replaying != null) {
                System.arraycopy(replaying.chars(), served, to, offset, count);
            } else {
                lines.copyChars(served, to, offset, count);
            }
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
        forgetRecord();
    }

    /**
     * After the parser failed: forgets what is left of the current line; a record that spanned lines gives back its
     * lines after the first, which the next parser reads again, from the second on.
     */
    void dropLine() {
        hasLine = false;
        isCut = false;
        if (recordLines > 1) {
            final ArrayDeque<SavedLine> again = new ArrayDeque<>(spanned);
            if (!isLastServedKept) {
                again.add(current());
            }
            again.addAll(replay);
            replay.clear();
            replay.addAll(again);
        }
        recordLines = 0;
        forgetRecord();
    }

    /**
     * @return the text of the current record's first line (for its rejection).
     */
    String recordFirstText() {
        return recordFirst != null ? recordFirst.text() : currentText();
    }

    /**
     * @return the number of the line last served.
     */
    long lineNumber() {
        return lastServedLineNumber;
    }

    /**
     * @return true when lines of a failed record are still to be read again: the file is not at its end yet.
     */
    boolean hasReplay() {
        return !replay.isEmpty();
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
        if (recordLines >= MAX_RECORD_LINES) {
            isCut = true;
            return false;
        }
        // A record going on past its line may have to be read again: keep the line it leaves.
        final SavedLine left = recordLines >= 1 && (!replay.isEmpty() || !isAtEnd) ? current() : null;
        if (!replay.isEmpty()) {
            keepForTheRecord(left);
            replaying = replay.poll();
            serveLine(replaying.chars().length, replaying.isCrLf(), replaying.lineNumber());
            return true;
        }
        if (isAtEnd) {
            return false;
        }
        if (!lines.next()) {
            isAtEnd = true;
            keepForTheRecord(left);
            isLastServedKept = left != null;
            return false;
        }
        keepForTheRecord(left);
        serve();
        return true;
    }

    private void serve() {
        replaying = null;
        serveLine(lines.charCount(), splitter.isCrLf(), lines.lineNumber());
    }

    private void serveLine(final int chars, final boolean isCrLfEnd, final long lineNumber) {
        isLastServedKept = false;
        lastServedLineNumber = lineNumber;
        hasLine = true;
        served = 0;
        lineChars = chars;
        isCrLf = isCrLfEnd;
        terminatorChars = isCrLf ? 2 : 1;
        if (recordLines++ == 0) {
            recordLineNumber = lineNumber;
        }
    }

    private void keepForTheRecord(final SavedLine line) {
        if (line == null) {
            return;
        }
        if (recordFirst == null) {
            recordFirst = line;
        } else {
            spanned.add(line);
        }
    }

    private SavedLine current() {
        if (replaying != null) {
            return replaying;
        }
        final char[] chars = new char[lines.charCount()];
        lines.copyChars(0, chars, 0, chars.length);
        return new SavedLine(chars, splitter.isCrLf(), lines.lineNumber());
    }

    private String currentText() {
        return replaying != null ? replaying.text() : lines.text();
    }

    private void forgetRecord() {
        recordFirst = null;
        spanned.clear();
    }
}

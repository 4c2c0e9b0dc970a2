/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RejectionKind;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The text lines of one file: a {@link LineSplitter} for the bytes and a {@link LineCheck} for the text, with
 * every line that is not text reported as a rejection ({@link RejectionKind#BINARY},
 * {@link RejectionKind#NOT_UTF8}, {@link RejectionKind#LINE_TOO_LONG}, {@link RejectionKind#INCOMPLETE_LAST_LINE})
 * naming the file and line. Empty lines carry nothing and are passed over without a word. The current line
 * stays valid until the next call to {@link #next()} or {@link #nextRaw()}. Not thread safe.
 */
final class TextLines {
    /** {@link #nextRaw()}: no line left. */
    static final int END = 0;
    /** {@link #nextRaw()}: a line of text (possibly empty). */
    static final int TEXT = 1;
    /** {@link #nextRaw()}: a line with a control byte. */
    static final int BINARY = 2;
    /** {@link #nextRaw()}: a line that is not UTF-8 in a UTF-8 format. */
    static final int NOT_UTF8 = 3;
    /** {@link #nextRaw()}: a line over the limit, not held. */
    static final int TOO_LONG = 4;
    /** {@link #nextRaw()}: the last line, without a line end. */
    static final int INCOMPLETE = 5;

    private final LineSplitter splitter;
    private final LineCheck check;
    private final LineRejections rejections;
    private final int maxLineBytes;
    private final Charset charset;

    /**
     * @param splitter     the file's lines.
     * @param isUtf8          true for a UTF-8 format, false for ISO-8859-1.
     * @param allowedControls control bytes the format holds as data.
     * @param maxLineBytes    the line limit, for messages.
     * @param rejections      where bad lines go.
     */
    TextLines(final LineSplitter splitter, final boolean isUtf8, final byte[] allowedControls,
        final int maxLineBytes, final LineRejections rejections) {
        this.splitter = splitter;
        this.check = new LineCheck(isUtf8, allowedControls);
        this.maxLineBytes = maxLineBytes;
        this.rejections = rejections;
        this.charset = isUtf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /**
     * Moves to the next non-empty line of text, reporting every line on the way that is not text.
     *
     * @return true on a line of text; false when none is left.
     * @throws IOException when the file cannot be read.
     */
    boolean next() throws IOException {
        while (true) {
            final int status = nextRaw();
            if (status == TEXT) {
                if (length() > 0) {
                    return true;
                }
            } else if (status == END) {
                return false;
            } else {
                report(status);
                if (status == INCOMPLETE) {
                    return false;
                }
            }
        }
    }

    /**
     * Moves to the next line and says what it is, reporting nothing.
     *
     * @return {@link #TEXT}, {@link #BINARY}, {@link #NOT_UTF8}, {@link #TOO_LONG}, {@link #INCOMPLETE} or
     *         {@link #END}.
     * @throws IOException when the file cannot be read.
     */
    int nextRaw() throws IOException {
        switch (splitter.next()) {
            case LineSplitter.LINE:
                switch (check.check(splitter.buffer(), splitter.lineOffset(), splitter.lineLength())) {
                    case LineCheck.TEXT:
                        return TEXT;
                    case LineCheck.BINARY:
                        return BINARY;
                    default:
                        return NOT_UTF8;
                }
            case LineSplitter.TOO_LONG:
                return TOO_LONG;
            case LineSplitter.INCOMPLETE:
                return INCOMPLETE;
            default:
                return END;
        }
    }

    /**
     * Reports the current line as what {@link #nextRaw()} found it to be.
     *
     * @param status a status other than {@link #TEXT} and {@link #END}.
     */
    void report(final int status) {
        final long line = lineNumber();
        switch (status) {
            case BINARY:
                rejections.reject(line, RejectionKind.BINARY, null, null, "control byte " + badByte()
                    + " at byte " + (check.badIndex() + 1) + " of the line: binary data, not text");
                break;
            case NOT_UTF8:
                rejections.reject(line, RejectionKind.NOT_UTF8, null, markedText(), "byte " + badByte()
                    + " at byte " + (check.badIndex() + 1) + " of the line is not valid UTF-8 (the format is UTF-8;"
                    + " was the file written as Latin-1 or another code page?)");
                break;
            case TOO_LONG:
                rejections.reject(line, RejectionKind.LINE_TOO_LONG, null, null, "the line is "
                    + splitter.lineBytes() + " bytes, over the limit of " + maxLineBytes + " (maxLineBytes); skipped");
                break;
            case INCOMPLETE:
                if (hasLoneCr()) {
                    rejections.reject(line, RejectionKind.MALFORMED, null, null, "the file's lines end with a"
                        + " carriage return alone (classic Mac OS line ends), so its last " + splitter.lineBytes()
                        + " bytes are one line without a line feed; convert the line ends to LF or CRLF (for"
                        + " example: tr '\\r' '\\n' < in > out) and ingest the converted file");
                    break;
                }
                rejections.reject(line, RejectionKind.INCOMPLETE_LAST_LINE, null,
                    splitter.lineLength() > 0 ? lossyText() : null, "the last line (" + splitter.lineBytes()
                        + " bytes) has no line end yet; left for a later run, once it is finished");
                break;
            default:
                throw new IllegalArgumentException("status=" + status + " is not a rejection");
        }
    }

    /**
     * @return the current line's number, from 1.
     */
    long lineNumber() {
        return splitter.lineNumber();
    }

    /**
     * @return the buffer holding the current line's bytes.
     */
    byte[] bytes() {
        return splitter.buffer();
    }

    /**
     * @return where the current line's bytes start in {@link #bytes()}.
     */
    int offset() {
        return splitter.lineOffset();
    }

    /**
     * @return the current line's length, bytes.
     */
    int length() {
        return splitter.lineLength();
    }

    /**
     * @return the end of the bytes read into {@link #bytes()}, the lines after the current one included (unchecked).
     */
    int dataEnd() {
        return splitter.dataEnd();
    }

    /**
     * @return how many times {@link #bytes()} moved its bytes or was replaced (see {@link LineSplitter#moves()}).
     */
    int bufferMoves() {
        return splitter.moves();
    }

    /**
     * @return true when the current text line is all ASCII bytes (valid after {@link #TEXT}).
     */
    boolean isAscii() {
        return check.isAscii();
    }

    /**
     * @return the current line's length, chars (valid after {@link #TEXT}).
     */
    int charCount() {
        return check.charCount();
    }

    /**
     * Copies chars of the current text line.
     *
     * @param from  first char, in the line.
     * @param to    where they go.
     * @param toOff where in {@code to}.
     * @param count how many.
     */
    void copyChars(final int from, final char[] to, final int toOff, final int count) {
        if (check.isCharPerByte()) {
            final byte[] bytes = splitter.buffer();
            final int base = splitter.lineOffset() + from;
            for (int i = 0; i < count; i++) {
                to[toOff + i] = (char)(bytes[base + i] & 0xFF);
            }
        } else {
            System.arraycopy(check.chars(), from, to, toOff, count);
        }
    }

    /**
     * @return the current line as a String (allocates: for headers and messages).
     */
    String text() {
        final char[] chars = new char[check.charCount()];
        copyChars(0, chars, 0, chars.length);
        return new String(chars);
    }

    /**
     * @return true when the current line holds a carriage return that is not its last byte: a file of CR line ends,
     *         which would otherwise look like one unfinished line forever.
     */
    private boolean hasLoneCr() {
        final byte[] bytes = splitter.buffer();
        final int end = splitter.lineOffset() + splitter.lineLength() - 1;
        for (int i = splitter.lineOffset(); i < end; i++) {
            if (bytes[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the current line decoded in the format's charset with bad bytes replaced (for messages).
     */
    String lossyText() {
        return new String(splitter.buffer(), splitter.lineOffset(), Math.min(splitter.lineLength(), 4096), charset);
    }

    /**
     * @return the current line with the byte that is not UTF-8 written as {@code \xNN} (for messages).
     */
    private String markedText() {
        final byte[] bytes = splitter.buffer();
        final int offset = splitter.lineOffset();
        final int bad = check.badIndex();
        final int rest = Math.min(splitter.lineLength(), 4096) - bad - 1;
        return new String(bytes, offset, bad, charset) + "\\x" + badByte().substring(2)
            + (rest > 0 ? new String(bytes, offset + bad + 1, rest, charset) : "");
    }

    /**
     * @return lines consumed.
     */
    long linesConsumed() {
        return splitter.linesConsumed();
    }

    /**
     * @return the splitter.
     */
    LineSplitter splitter() {
        return splitter;
    }

    private String badByte() {
        return String.format("0x%02X", splitter.buffer()[splitter.lineOffset() + check.badIndex()] & 0xFF);
    }
}

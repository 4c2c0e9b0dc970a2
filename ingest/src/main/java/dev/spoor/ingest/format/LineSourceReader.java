/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.SourceReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What every line-oriented reader shares: the file's {@link TextLines} over a {@link LineSplitter}, which
 * answers {@link #linesRead()}, {@link #bytesCovered()} and {@link #coveredHash()}, and the header check.
 */
abstract class LineSourceReader implements SourceReader {
    /** No control byte is data. */
    protected static final byte[] NO_CONTROLS = {};
    /** The control bytes JSON holds raw: DEL, as RFC 8259 section 7 asks only U+0000-U+001F to be escaped. */
    protected static final byte[] JSON_CONTROLS = {0x7F};

    /** The file's lines. */
    protected final TextLines lines;
    /** Where rejections and warnings go. */
    protected final LineRejections rejections;
    private final LineSplitter splitter;

    /**
     * @param file        the file, opened here.
     * @param isUtf8          true for a UTF-8 format, false for ISO-8859-1.
     * @param allowedControls control bytes the format holds as data ({@link #NO_CONTROLS} for none).
     * @param options         the line limit.
     * @param diagnostics     where rejections and warnings go.
     * @throws IOException when the file cannot be opened.
     */
    protected LineSourceReader(final Path file, final boolean isUtf8, final byte[] allowedControls,
        final ParseOptions options, final Diagnostics diagnostics) throws IOException {
        this.rejections = new LineRejections(file, diagnostics);
        this.splitter = LineSplitter.open(file, options.maxLineBytes());
        this.lines = new TextLines(splitter, isUtf8, allowedControls, options.maxLineBytes(), rejections);
    }

    /**
     * @param into the buffer a read fills.
     * @throws IllegalArgumentException when it has no room: a read returning 0 would then look like the end.
     */
    protected static void requireRoom(final EventBuffer into) {
        if (into.remaining() == 0) {
            throw new IllegalArgumentException("the event buffer is full (" + into.size() + " of " + into.capacity()
                + " events): a read needs room for at least one event");
        }
    }

    @Override
    public long linesRead() {
        return splitter.linesConsumed();
    }

    @Override
    public long bytesCovered() {
        return splitter.bytesConsumed();
    }

    @Override
    public long coveredHash() {
        return splitter.prefixHash();
    }

    @Override
    public void close() throws IOException {
        splitter.close();
    }

    /**
     * Reads line 1 and checks it is {@code expected}. A file with no complete line passes (an empty file, or one
     * whose only line is not finished, which is reported). Any other line 1 gives one
     * {@link RejectionKind#BAD_HEADER} naming the expected header, and the rest of the file is not read.
     *
     * @param header    parses the line {@link TextLines} is on into its fields (throws {@link BadRow} when it
     *                  cannot).
     * @param expected  the header's fields.
     * @param delimiter between them, for messages.
     * @param format    the format's name, for messages.
     * @return true when line 1 is the header and rows follow it.
     * @throws IOException when the file cannot be read.
     */
    protected final boolean readHeader(final HeaderParser header, final String[] expected, final String delimiter,
        final String format) throws IOException {
        final int status = lines.nextRaw();
        switch (status) {
            case TextLines.END:
                return false;
            case TextLines.INCOMPLETE:
                lines.report(status);
                return false;
            case TextLines.TEXT:
                return checkHeader(header, expected, delimiter, format);
            case TextLines.BINARY:
                badHeader(null, "line 1 is binary data", expected, delimiter, format);
                return false;
            case TextLines.NOT_UTF8:
                badHeader(lines.lossyText(), "line 1 is not valid UTF-8", expected, delimiter, format);
                return false;
            default:
                badHeader(null, "line 1 is over the line limit", expected, delimiter, format);
                return false;
        }
    }

    /** Parses the current line of a delimited format into its fields. */
    @FunctionalInterface
    protected interface HeaderParser {
        /**
         * @return the fields of the line {@link TextLines} is on, null when there are none.
         * @throws BadRow when the line does not parse.
         * @throws IOException when the file cannot be read.
         */
        String[] current() throws IOException;
    }

    private boolean checkHeader(final HeaderParser parser, final String[] expected, final String delimiter,
        final String format) throws IOException {
        if (lines.length() == 0) {
            badHeader(null, "line 1 is empty", expected, delimiter, format);
            return false;
        }
        final String text = lines.text();
        if (text.chars().filter(c -> c == '"').count() % 2 != 0) {
            // a quote left open would make the parser read on into the next lines for the rest of its field
            badHeader(text, "line 1 is not the header (it opens a quote it does not close)", expected, delimiter,
                format);
            return false;
        }
        try {
            final String[] header = parser.current();
            if (header != null && Arrays.equals(header, expected)) {
                return true;
            }
        } catch (final BadRow bad) {
            // not even a delimited line: a bad header like any other
        }
        badHeader(text, "line 1 is not the header", expected, delimiter, format);
        return false;
    }

    private void badHeader(final String value, final String what, final String[] expected, final String delimiter,
        final String format) {
        rejections.reject(1, RejectionKind.BAD_HEADER, null, value, what + "; " + format + " files start with '"
            + String.join(delimiter.equals("\t") ? "\\t" : delimiter, expected) + "'; the file is skipped");
    }
}

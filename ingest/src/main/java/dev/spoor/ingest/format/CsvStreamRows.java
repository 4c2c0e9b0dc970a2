/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * The records of one comma-separated file (RFC 4180: quotes, doubled quotes, quoted line ends), parsed by
 * FastCSV: one parser over the whole file, fed a line at a time by a {@link CsvStreamFeed}, each field copied
 * from the parser's buffer into a reused {@link ExportFields} (no String per field). A line the parser cannot
 * take (a quote not closed in time, characters after a closing quote) is rejected as MALFORMED and parsing goes
 * on at the next line with a new parser, which reads again the lines a failed record had spanned
 * ({@link CsvStreamFeed}). Not thread safe.
 */
final class CsvStreamRows {
    /** FastCSV adds "(record starting at line N)" in its own numbering, which counts only the lines it was fed. */
    private static final Pattern PARSER_LINE = Pattern.compile("\\s*\\(record starting at line \\d+\\)");

    private final TextLines lines;
    private final LineRejections rejections;
    private final CsvStreamFeed feed;
    private final ExportFields fields;
    private final FieldsHandler handler = new FieldsHandler();
    private CsvReader<ExportFields> parser;
    private CloseableIterator<ExportFields> records;

    /**
     * @param lines      the file's lines.
     * @param rejections where unparseable lines go.
     * @param fields     where each record's fields go, by position.
     */
    CsvStreamRows(final TextLines lines, final LineRejections rejections, final ExportFields fields) {
        this.lines = lines;
        this.rejections = rejections;
        this.feed = new CsvStreamFeed(lines);
        this.fields = fields;
    }

    /**
     * Moves to the next record, its fields in {@link ExportFields}; lines that do not parse rejected on the way.
     *
     * @return false when no line is left.
     * @throws IOException when the file cannot be read.
     */
    boolean next() throws IOException {
        while (true) {
            try {
                if (pull()) {
                    return true;
                }
                if (!feed.isCut()) {
                    return false;
                }
                restart(); // a record of the most lines allowed ended; the parser was refused the line after it
            } catch (final BadRow bad) {
                rejections.reject(feed.recordLineNumber(), bad);
            }
        }
    }

    /**
     * Parses the line {@link TextLines} is on now (a header read with {@link TextLines#nextRaw()}).
     *
     * @return its fields, empty ones as "".
     * @throws BadRow when it does not parse.
     * @throws IOException when the file cannot be read.
     */
    String[] current() throws IOException {
        feed.serveCurrentLine();
        if (!pull()) {
            return null;
        }
        final String[] header = new String[size()];
        for (int column = 0; column < header.length; column++) {
            final String text = column < ExportFields.COLUMNS ? fields.text(column) : "?";
            header[column] = text == null ? "" : text;
        }
        return header;
    }

    /**
     * @return fields in the current record.
     */
    int size() {
        return handler.fieldCount();
    }

    /**
     * @return the line the current record started on.
     */
    long lineNumber() {
        return feed.recordLineNumber();
    }

    /** Closes the parser. */
    void close() throws IOException {
        if (parser != null) {
            parser.close();
            parser = null;
            records = null;
        }
    }

    private boolean pull() throws IOException {
        if (parser == null) {
            parser = CsvReader.builder().extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE).skipEmptyLines(false).allowUnclosedQuote(false)
                .build(handler, feed);
            records = parser.iterator();
        }
        try {
            while (records.hasNext()) {
                records.next();
                feed.recordEnded();
                if (handler.recordType() != RecordType.EMPTY) {
                    return true;
                }
                // a line of only a CR: no record, as an empty line is none
            }
            close();
            return false;
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        } catch (final CsvParseException e) {
            final BadRow bad = BadRow.malformed(null, feed.recordFirstText(), reason(e.getMessage()));
            restart();
            throw bad;
        }
    }

    private void restart() throws IOException {
        feed.dropLine();
        close();
    }

    private String reason(final String parserMessage) {
        final String problem = problem(parserMessage);
        return feed.recordLines() > 1 ? problem + "; a quote opened on this line ran on to line " + feed.lineNumber()
            + ": this line is rejected and the lines after it are read on their own" : problem;
    }

    private String problem(final String parserMessage) {
        if (feed.isCut() || parserMessage != null && parserMessage.startsWith("Unclosed quoted field")) {
            return "not valid CSV: a quoted field is not closed within " + CsvStreamFeed.MAX_RECORD_LINES
                + " lines (or before the file's last line end)";
        }
        if (parserMessage != null && parserMessage.startsWith("Unexpected character after closing quote")) {
            return "not valid CSV: a closing quote is followed by more characters";
        }
        return "not valid CSV (" + (parserMessage == null ? "" : PARSER_LINE.matcher(parserMessage).replaceAll(""))
            + ")";
    }

    /** Puts each field of a record into {@link ExportFields} by its position; counts the fields. */
    private final class FieldsHandler extends AbstractBaseCsvCallbackHandler<ExportFields> {
        @Override
        protected void handleBegin(final long startingLineNumber) {
            fields.clear();
        }

        @Override
        protected void handleField(final int fieldIdx, final char[] buf, final int offset, final int len,
            final boolean quoted) {
            if (fieldIdx < ExportFields.COLUMNS) {
                fields.chars(fieldIdx, buf, offset, len);
            }
        }

        @Override
        protected ExportFields buildRecord() {
            return fields;
        }

        int fieldCount() {
            return getFieldCount();
        }

        RecordType recordType() {
            return getRecordType();
        }
    }
}

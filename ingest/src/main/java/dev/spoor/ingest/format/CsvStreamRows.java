/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.util.Arrays;

/**
 * The records of one comma-separated file (RFC 4180: quotes, doubled quotes, quoted line ends), parsed by
 * Jackson's streaming CSV parser: one parser over the whole file, fed a line at a time by a {@link CsvStreamFeed},
 * field values read straight from its tokens into a reused array, so a record costs the field strings and
 * nothing else. A line the parser cannot take (a quote not closed in time, characters after a closing quote) is
 * rejected as MALFORMED and parsing goes on at the next line with a new parser. Not thread safe.
 */
final class CsvStreamRows {
    private static final CsvFactory CSV = new CsvFactory();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema();

    private final TextLines lines;
    private final LineRejections rejections;
    private final CsvStreamFeed feed;
    private String[] values = new String[16];
    private int size;
    private JsonParser parser;

    /**
     * @param lines      the file's lines.
     * @param rejections where unparseable lines go.
     */
    CsvStreamRows(final TextLines lines, final LineRejections rejections) {
        this.lines = lines;
        this.rejections = rejections;
        this.feed = new CsvStreamFeed(lines);
    }

    /**
     * Moves to the next record, lines that do not parse rejected on the way.
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
     * @return its fields.
     * @throws BadRow when it does not parse.
     * @throws IOException when the file cannot be read.
     */
    String[] current() throws IOException {
        feed.serveCurrentLine();
        return pull() ? Arrays.copyOf(values, size) : null;
    }

    /**
     * @return fields in the current record.
     */
    int size() {
        return size;
    }

    /**
     * @param column a column, below {@link #size()}.
     * @return its text, empty when the field is empty.
     */
    String get(final int column) {
        return values[column];
    }

    /**
     * @return the line the current record started on.
     */
    long lineNumber() {
        return feed.recordLineNumber();
    }

    /**
     * @return the feed, which knows what the records taken cover.
     */
    CsvStreamFeed feed() {
        return feed;
    }

    /** Closes the parser. */
    void close() throws IOException {
        if (parser != null) {
            parser.close();
            parser = null;
        }
    }

    private boolean pull() throws IOException {
        if (parser == null) {
            parser = CSV.createParser(feed);
            parser.setSchema(SCHEMA);
        }
        try {
            if (parser.nextToken() == null) {
                close();
                return false;
            }
            feed.recordStarted();
            size = 0;
            for (JsonToken token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = parser.getText();
            }
            feed.recordEnded();
            return true;
        } catch (final JsonProcessingException e) {
            final BadRow bad = BadRow.malformed(null, lines.text(), reason(e.getOriginalMessage()));
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
        return feed.recordLines() > 1 ? problem + "; a quoted field opened on this line ran on to line "
            + lines.lineNumber() + ", so lines " + feed.recordLineNumber() + ".." + lines.lineNumber()
            + " are rejected" : problem;
    }

    private String problem(final String parserMessage) {
        if (feed.isCut() || parserMessage != null && parserMessage.startsWith("Missing closing quote")) {
            return "not valid CSV: a quoted field is not closed within " + CsvStreamFeed.MAX_RECORD_LINES
                + " lines (or before the file's last line end)";
        }
        if (parserMessage != null && parserMessage.contains("Expected column separator")) {
            return "not valid CSV: a closing quote is followed by more characters";
        }
        return "not valid CSV (" + parserMessage + ")";
    }
}

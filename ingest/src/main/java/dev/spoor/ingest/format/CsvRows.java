/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * The records of one delimited file (CSV, Balabit, Aalto's TSV), parsed by Apache Commons CSV: one parser
 * over the whole file, fed a line at a time by a {@link CsvLineFeed}, so a record costs the parser's own
 * allocations and no parser set-up. A record may span lines where a quoted field holds line ends (RFC 4180), up to
 * {@link CsvLineFeed#MAX_RECORD_LINES}. A line the parser cannot take (a quote not closed in time, characters
 * after a closing quote) is rejected as MALFORMED and parsing goes on at the next line with a new parser.
 * Not thread safe.
 */
final class CsvRows {
    private final CSVFormat format;
    private final TextLines lines;
    private final LineRejections rejections;
    private final CsvLineFeed feed;
    private Iterator<CSVRecord> records;

    /**
     * @param format     the dialect; its header settings are not used (readers check headers themselves).
     * @param lines      the file's lines.
     * @param rejections where unparseable lines go.
     */
    CsvRows(final CSVFormat format, final TextLines lines, final LineRejections rejections) {
        this.format = format;
        this.lines = lines;
        this.rejections = rejections;
        this.feed = new CsvLineFeed(lines);
    }

    /**
     * @return the next record, lines that do not parse rejected on the way; null when no line is left.
     * @throws IOException when the file cannot be read.
     */
    CSVRecord next() throws IOException {
        while (true) {
            try {
                return pull();
            } catch (final BadRow bad) {
                rejections.reject(feed.lineNumber(), bad);
            }
        }
    }

    /**
     * Parses the line {@link TextLines} is on now (a header read with {@link TextLines#nextRaw()}).
     *
     * @return its record.
     * @throws BadRow when it does not parse.
     * @throws IOException when the file cannot be read.
     */
    CSVRecord current() throws IOException {
        feed.serveCurrentLine();
        return pull();
    }

    /**
     * Parses the line {@link TextLines} is on now (a header read with {@link TextLines#nextRaw()}).
     *
     * @return its fields, null when there are none.
     * @throws BadRow when it does not parse.
     * @throws IOException when the file cannot be read.
     */
    String[] currentValues() throws IOException {
        final CSVRecord record = current();
        return record == null ? null : record.values();
    }

    /**
     * @return the line the last record came from.
     */
    long lineNumber() {
        return feed.lineNumber();
    }

    private CSVRecord pull() throws IOException {
        if (records == null) {
            records = CSVParser.builder().setReader(feed).setFormat(format).get().iterator();
        }
        try {
            if (!records.hasNext()) {
                return null;
            }
            final CSVRecord record = records.next();
            feed.recordTaken();
            return record;
        } catch (final UncheckedIOException e) {
            if (!(e.getCause() instanceof CSVException)) {
                throw e.getCause();
            }
            final BadRow bad = BadRow.malformed(null, lines.text(), reason(e.getCause().getMessage()));
            feed.dropLine();
            records = null;
            throw bad;
        }
    }

    private String reason(final String parserMessage) {
        final String problem = problem(parserMessage);
        return feed.recordLines() > 1 ? problem + "; a quoted field opened on this line ran on to line "
            + lines.lineNumber() + ", so lines " + feed.lineNumber() + ".." + lines.lineNumber() + " are rejected"
            : problem;
    }

    private String problem(final String parserMessage) {
        final String name = format.getDelimiterString().equals("\t") ? "TSV" : "CSV";
        if (feed.isCut()) {
            return "not valid " + name + ": a quoted field is not closed within " + CsvLineFeed.MAX_RECORD_LINES
                + " lines (or before the file's last line end)";
        }
        if (parserMessage != null && parserMessage.startsWith("Invalid character between encapsulated token")) {
            return "not valid " + name + ": a closing quote is followed by more characters";
        }
        return "not valid " + name + " (" + parserMessage + ")";
    }
}

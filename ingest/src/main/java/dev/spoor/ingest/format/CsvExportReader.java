/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.query.export.ExportRow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one CSV export ({@link CsvFormat}), one event per row, in file order: checks the header once, then
 * turns record after record, parsed by FastCSV ({@link CsvStreamRows}), into events until
 * the buffer is full, rejecting a record that does not make an event with its line number. The parser never
 * reads past a record's line end, so what the file is reported to cover ({@link #linesRead()} and the rest) is
 * what the line splitter has consumed.
 */
final class CsvExportReader extends LineSourceReader {
    /** A CR on its own is text in CSV: part of a line end inside a quoted field (RFC 4180), as CsvWriter writes. */
    private static final byte[] QUOTED_LINE_ENDS = {'\r'};

    private final CsvStreamRows rows;
    private final ExportFields fields = new ExportFields();
    private final ExportRowParser parser;
    private boolean hasStarted;
    private boolean isDone;

    CsvExportReader(final Path file, final ParseOptions options, final Diagnostics diagnostics) throws IOException {
        super(file, true, QUOTED_LINE_ENDS, options, diagnostics);
        this.rows = new CsvStreamRows(lines, rejections, fields);
        this.parser = new ExportRowParser(new Timestamps(options.integerTimeUnit(), rejections),
            options.keyClassesRefused());
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        parser.startBatch();
        if (!hasStarted) {
            hasStarted = true;
            isDone = !readHeader(rows::current, ExportRow.COLUMNS, ",", CsvFormat.NAME);
        }
        int added = 0;
        while (!isDone && into.remaining() > 0) {
            if (!rows.next()) {
                isDone = true;
                parser.warnOfRounded(rejections);
                break;
            }
            try {
                addRow(into);
                added++;
            } catch (final BadRow bad) {
                rejections.reject(rows.lineNumber(), bad);
            }
        }
        return added;
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } finally {
            super.close();
        }
    }

    private void addRow(final EventBuffer into) {
        if (rows.size() != ExportFields.COLUMNS) {
            throw BadRow.fieldCount(lines.text(), rows.size(), ExportRow.COLUMNS);
        }
        parser.add(fields, into);
    }
}

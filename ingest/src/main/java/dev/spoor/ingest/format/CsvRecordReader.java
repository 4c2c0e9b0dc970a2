/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A reader of a comma-separated format with a header line (Balabit sessions, Spoor's CSV export): checks the
 * header once, then turns record after record into events until the buffer is full, rejecting a record that does
 * not make an event with its line number. Subclasses say what a record means.
 */
abstract class CsvRecordReader extends LineSourceReader {
    private final CsvRows rows;
    private final String[] header;
    private final String formatName;
    private boolean hasStarted;
    private boolean isDone;

    CsvRecordReader(final Path file, final boolean isUtf8, final byte[] allowedControls, final CSVFormat dialect,
        final String[] header, final String formatName, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        super(file, isUtf8, allowedControls, options, diagnostics);
        this.rows = new CsvRows(dialect, lines, rejections);
        this.header = header;
        this.formatName = formatName;
    }

    @Override
    public final int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        startBatch();
        if (!hasStarted) {
            hasStarted = true;
            isDone = !readHeader(rows::currentValues, header, ",", formatName);
        }
        int added = 0;
        while (!isDone && into.remaining() > 0) {
            final CSVRecord row = rows.next();
            if (row == null) {
                isDone = true;
                break;
            }
            try {
                addRow(row, into);
                added++;
            } catch (final BadRow bad) {
                rejections.reject(rows.lineNumber(), bad);
            }
        }
        return added;
    }

    /** Called at the start of every {@link #read}, before its first record (a new buffer may be filling). */
    abstract void startBatch();

    /**
     * Adds the record's event.
     *
     * @throws BadRow naming the field and value when the record makes no event.
     */
    abstract void addRow(CSVRecord row, EventBuffer into);
}

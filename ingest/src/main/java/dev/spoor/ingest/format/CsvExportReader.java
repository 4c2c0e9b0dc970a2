/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.query.export.ExportRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one CSV export ({@link CsvFormat}), one event per row, in file order.
 */
final class CsvExportReader extends CsvRecordReader {
    /** A CR on its own is text in CSV: part of a line end inside a quoted field (RFC 4180), as CsvWriter writes. */
    private static final byte[] QUOTED_LINE_ENDS = {'\r'};

    private static final CSVFormat DIALECT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final ExportFields fields = new ExportFields();
    private final ExportRowParser parser;

    CsvExportReader(final Path file, final ParseOptions options, final Diagnostics diagnostics) throws IOException {
        super(file, true, QUOTED_LINE_ENDS, DIALECT, ExportRow.COLUMNS, CsvFormat.NAME, options, diagnostics);
        this.parser = new ExportRowParser(new Timestamps(options.integerTimeUnit(), rejections));
    }

    @Override
    void startBatch() {
        parser.startBatch();
    }

    @Override
    void addRow(final CSVRecord row, final EventBuffer into) {
        if (row.size() != ExportFields.COLUMNS) {
            throw BadRow.malformed(null, null, "expected " + ExportFields.COLUMNS + " comma-separated fields, found "
                + row.size());
        }
        fields.clear();
        for (int column = 0; column < ExportFields.COLUMNS; column++) {
            fields.text(column, row.get(column));
        }
        parser.add(fields, into);
    }
}

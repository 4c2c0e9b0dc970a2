/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.SourceReader;
import dev.spoor.query.export.ExportRow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code spoor scan --format csv} and {@code spoor export FILE.csv} write ({@code CsvWriter}): RFC 4180,
 * UTF-8, header {@code device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers}
 * ({@link ExportRow#COLUMNS}), CRLF or LF line ends, one event per row, rows in file order. Fields that do not
 * apply to the row's type are empty. {@code ts_nanos} is a bare integer in ParseOptions.integerTimeUnit (ns
 * by default), an integer with a unit suffix ({@code 1700000000123ms}) or an ISO-8601 instant. See
 * {@link ExportRowParser} for what each type needs. A quoted field must close on its own line.
 */
public final class CsvFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "csv";

    /** A stateless format; share it. */
    public CsvFormat() {
    }

    @Override
    public String readingOf(final ParseOptions options) {
        return name() + " ts-unit=" + Timestamps.symbol(options.integerTimeUnit());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        return FileNames.endsWith(file, ".csv");
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new CsvExportReader(file, options, diagnostics);
    }
}

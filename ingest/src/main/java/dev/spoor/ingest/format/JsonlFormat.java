/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.SourceReader;
import dev.spoor.query.export.ExportRow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What {@code spoor scan --format jsonl} and {@code spoor export FILE.jsonl} write: UTF-8, one flat JSON object
 * per line, fields named as the CSV columns ({@link ExportRow#COLUMNS}), {@code ts} accepted for
 * {@code ts_nanos} (which wins when both are there), null or absent for fields that do not apply, other fields
 * ignored. A timestamp is a JSON integer in ParseOptions.integerTimeUnit (ns by default), or a string: an
 * integer, an integer with a unit suffix ({@code "1700000000123ms"}) or an ISO-8601 instant. Buttons and keys
 * are numbers or names, as in CSV ({@link ExportRowParser}). Blank lines are passed over. Parsed with
 * Jackson's streaming parser straight from each line's bytes, one {@link JsonFactory} per format.
 */
public final class JsonlFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "jsonl";

    private final JsonFactory json = new JsonFactory();

    /** A format to share: its JsonFactory is thread safe. */
    public JsonlFormat() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean accepts(final Path file) {
        final String name = file.getFileName().toString();
        return name.endsWith(".jsonl") || name.endsWith(".json");
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new JsonlExportReader(file, options, diagnostics, json);
    }
}

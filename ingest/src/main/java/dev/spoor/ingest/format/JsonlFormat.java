/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 * are numbers or names, as in CSV ({@link ExportRowParser}). Blank lines are passed over. A line of plain values
 * (strings without escapes, integers, null) is read by fastjson2 straight from its bytes ({@link FlatJsonLine});
 * any other by Jackson's streaming parser, one {@link JsonFactory} per format, which also names what is wrong
 * with a line that is not JSON.
 */
public final class JsonlFormat implements RecordingFormat {
    /** The format's name. */
    public static final String NAME = "jsonl";

    /** Strict about repeated names: with two "x" in one object, no parser agrees which one counts. */
    private final JsonFactory json = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final boolean isPlainPathOn;

    /** A format to share: its JsonFactory is thread safe. */
    public JsonlFormat() {
        this(true);
    }

    private JsonlFormat(final boolean isPlainPathOn) {
        this.isPlainPathOn = isPlainPathOn;
    }

    /**
     * @return the format with every line read by Jackson, none by the fast path: what the fast path is tested
     *         against.
     */
    static JsonlFormat strictOnly() {
        return new JsonlFormat(false);
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
        return FileNames.endsWith(file, ".jsonl", ".ndjson", ".json");
    }

    @Override
    public SourceReader open(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        return new JsonlExportReader(file, options, diagnostics, json, isPlainPathOn ? new FlatJsonLine() : null);
    }
}

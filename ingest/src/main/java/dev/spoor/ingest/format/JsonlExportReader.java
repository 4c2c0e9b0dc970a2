/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one JSONL export ({@link JsonlFormat}), one event per line, in file order. Each line, once
 * {@link TextLines} has found it valid UTF-8 text, is parsed by a Jackson streaming parser over the line's
 * bytes in the read buffer (no String of the line is made).
 */
final class JsonlExportReader extends LineSourceReader {
    private final JsonFactory json;
    private final ExportFields fields = new ExportFields();
    private final ExportRowParser parser;

    JsonlExportReader(final Path file, final ParseOptions options, final Diagnostics diagnostics,
        final JsonFactory json) throws IOException {
        super(file, true, NO_CONTROLS, options, diagnostics);
        this.json = json;
        this.parser = new ExportRowParser(new Timestamps(options.integerTimeUnit(), rejections));
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        parser.startBatch();
        int added = 0;
        while (into.remaining() > 0 && lines.next()) {
            try {
                if (parseLine()) {
                    parser.add(fields, into);
                    added++;
                }
            } catch (final BadRow bad) {
                rejections.reject(lines.lineNumber(), bad);
            }
        }
        return added;
    }

    /** Reads the line's object into {@link #fields}; false for a line of white space. */
    private boolean parseLine() throws IOException {
        fields.clear();
        try (JsonParser object = json.createParser(lines.bytes(), lines.offset(), lines.length())) {
            final JsonToken first = object.nextToken();
            if (first == null) {
                return false;
            }
            if (first != JsonToken.START_OBJECT) {
                throw BadRow.malformed(null, lines.lossyText(), "is not a JSON object");
            }
            for (JsonToken token = object.nextToken(); token == JsonToken.FIELD_NAME; token = object.nextToken()) {
                final String name = object.currentName();
                field(object, name, object.nextToken());
            }
            if (object.nextToken() != null) {
                throw BadRow.malformed(null, lines.lossyText(), "holds more than one JSON value");
            }
        } catch (final JsonProcessingException e) {
            throw BadRow.malformed(null, lines.lossyText(), "is not JSON: " + e.getOriginalMessage());
        }
        fields.useTsAlias();
        return true;
    }

    private void field(final JsonParser object, final String name, final JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            throw BadRow.malformed(name, null, "is an object or array; the fields of a row are plain values");
        }
        final int column = ExportFields.columnOf(name);
        if (column < 0) {
            return;
        }
        if (value == JsonToken.VALUE_NULL) {
            fields.text(column, null);
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
            try {
                fields.number(column, object.getLongValue());
            } catch (final InputCoercionException e) {
                fields.text(column, object.getText()); // beyond 64 bits: the field's parser says why
            }
        } else {
            fields.text(column, object.getText());
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one JSONL export ({@link JsonlFormat}), one event per line, in file order, through
 * {@link JsonLineObjects}: a line of plain values read by fastjson2 ({@link FlatJsonLine}), any other by one
 * Jackson streaming parser for the file, every value's line known exactly, a line that is not one flat JSON object
 * rejected and parsing going on at the next line.
 */
final class JsonlExportReader extends LineSourceReader {
    private final JsonLineObjects objects;
    private final ExportFields fields = new ExportFields();
    /** The fast path for lines of plain values, or null to read every line with Jackson. */
    private final FlatJsonLine plainLine;
    private final ExportRowParser parser;
    private final JsonLineObjects.FieldHandler fieldHandler = this::field;

    JsonlExportReader(final Path file, final ParseOptions options, final Diagnostics diagnostics,
        final JsonFactory json, final FlatJsonLine plainLine) throws IOException {
        super(file, true, JSON_CONTROLS, options, diagnostics);
        this.plainLine = plainLine;
        this.objects = new JsonLineObjects(json, lines);
        this.parser = new ExportRowParser(new Timestamps(options.integerTimeUnit(), rejections),
            options.keyClassesRefused());
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        parser.startBatch();
        int added = 0;
        while (into.remaining() > 0) {
            try {
                if (!nextObject()) {
                    parser.warnOfRounded(rejections);
                    break;
                }
                parser.add(fields, into);
                added++;
            } catch (final BadRow bad) {
                rejections.reject(objects.lineNumber(), bad);
            }
        }
        return added;
    }

    @Override
    public void close() throws IOException {
        try {
            if (plainLine != null) {
                plainLine.close();
            }
            objects.close();
        } finally {
            super.close();
        }
    }

    /**
     * Reads the next line's object into {@link #fields}.
     *
     * @return false when no line is left.
     * @throws BadRow when the line is not one flat JSON object (the parser then starts again at the next line).
     */
    private boolean nextObject() throws IOException {
        fields.clear();
        if (!(plainLine == null ? objects.next(fieldHandler) : objects.next(plainLine, fields, fieldHandler))) {
            return false;
        }
        fields.useTsAlias();
        return true;
    }

    /** Takes one field: a column's plain value; any other field (whatever its value, nested too) is passed over. */
    private void field(final JsonParser object, final String name, final JsonToken value) throws IOException {
        final int column = ExportFields.columnOf(name);
        final boolean isNested = value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY;
        if (column < 0) {
            if (isNested) {
                object.skipChildren();
            }
            return;
        }
        if (isNested) {
            throw BadRow.malformed(name, null, "is an object or array; the fields of a row are plain values");
        }
        if (column == ExportFields.DEVICE && (value == JsonToken.VALUE_NUMBER_FLOAT || value.isBoolean())) {
            // 1e2, 100.0 and 100 are one number but would be three device keys; true is no device's name
            throw BadRow.malformed(name, object.getText(), value.isBoolean() ? "is a boolean; a device key is a"
                + " string or an integer" : "is a number with a fraction or an exponent; a device key is a string"
                + " or an integer, written as the recorder names the device");
        }
        if (value == JsonToken.VALUE_NULL) {
            fields.text(column, null);
        } else if (value == JsonToken.VALUE_NUMBER_INT) {
            // The digits, read by ExportFields when the row needs them (beyond 64 bits: the field's parser says why)
            fields.integerChars(column, object.getTextCharacters(), object.getTextOffset(), object.getTextLength());
        } else if (value == JsonToken.VALUE_STRING) {
            fields.chars(column, object.getTextCharacters(), object.getTextOffset(), object.getTextLength());
        } else {
            fields.text(column, object.getText());
        }
    }
}

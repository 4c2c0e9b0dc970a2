/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one JSONL export ({@link JsonlFormat}), one event per line, in file order. One Jackson streaming parser
 * reads the file as a stream of root-level values through a {@link JsonLineFeed}, which serves it one line at a
 * time once {@link TextLines} has found the line valid UTF-8 text, so every value's line is known exactly and
 * the parser is set up once per file, not once per line. A line that is not one JSON object is rejected and
 * parsing goes on at the next line with a new parser.
 */
final class JsonlExportReader extends LineSourceReader {
    private final JsonFactory json;
    private final JsonLineFeed feed;
    private final ExportFields fields = new ExportFields();
    private final ExportRowParser parser;
    private JsonParser values;

    JsonlExportReader(final Path file, final ParseOptions options, final Diagnostics diagnostics,
        final JsonFactory json) throws IOException {
        super(file, true, NO_CONTROLS, options, diagnostics);
        this.json = json;
        this.feed = new JsonLineFeed(lines);
        this.parser = new ExportRowParser(new Timestamps(options.integerTimeUnit(), rejections));
    }

    @Override
    public int read(final EventBuffer into) throws IOException {
        requireRoom(into);
        parser.startBatch();
        int added = 0;
        while (into.remaining() > 0) {
            try {
                if (!nextObject()) {
                    break;
                }
                parser.add(fields, into);
                added++;
            } catch (final BadRow bad) {
                rejections.reject(feed.lineNumber(), bad);
            }
        }
        return added;
    }

    @Override
    public void close() throws IOException {
        try {
            if (values != null) {
                values.close();
            }
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
        if (values == null) {
            values = json.createParser(feed);
        }
        try {
            final JsonToken first = values.nextToken();
            if (first == null) {
                return false;
            }
            fields.clear();
            readObject(first);
            if (!feed.isBlankFrom(values.currentLocation().getByteOffset())) {
                values.nextToken(); // what follows on the line: not JSON throws, as a parser of the line would
                throw BadRow.malformed(null, lines.lossyText(), "holds more than one JSON value");
            }
            feed.valueTaken();
        } catch (final JsonProcessingException e) {
            restart();
            throw BadRow.malformed(null, lines.lossyText(), "is not JSON: " + (e instanceof JsonEOFException
                ? "the line ends inside the value" : e.getOriginalMessage()));
        } catch (final BadRow bad) {
            restart();
            throw bad;
        }
        fields.useTsAlias();
        return true;
    }

    private void readObject(final JsonToken first) throws IOException {
        if (first != JsonToken.START_OBJECT) {
            throw BadRow.malformed(null, lines.lossyText(), "is not a JSON object");
        }
        for (JsonToken token = values.nextToken(); token == JsonToken.FIELD_NAME; token = values.nextToken()) {
            final String name = values.currentName();
            field(values, name, values.nextToken());
        }
    }

    /** Drops the rest of the current line and the parser that read part of it. */
    private void restart() throws IOException {
        feed.dropLine();
        final JsonParser failed = values;
        values = null;
        failed.close();
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

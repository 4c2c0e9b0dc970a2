/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON objects of a JSONL file, one a line, for the JSONL readers ({@link JsonlExportReader},
 * {@link PynputEventsReader}): one Jackson streaming parser reads the file as a stream of root-level values
 * through a {@link JsonLineFeed}, which serves it one line at a time once {@link TextLines} has found the line
 * valid UTF-8 text, so every value's line is known exactly and the parser is set up once per file, not once per
 * line. A line that is not one JSON object is a {@link BadRow}, and reading goes on at the next line with a new
 * parser. Not thread safe.
 */
final class JsonLineObjects {
    private final JsonFactory json;
    private final TextLines lines;
    private final JsonLineFeed feed;
    private final Map<String, SerializedString> serializedNames = new HashMap<>();
    private JsonParser values;
    /** The names of the last object's fields in order (the current one's, as far as it has come). */
    private SerializedString[] expectedNames = new SerializedString[16];
    private int expectedCount;
    /** The last row came through the fast path, straight from {@link #lines}. */
    private boolean isPlainLine;

    /** Takes the fields of one object, as the parser meets them. */
    @FunctionalInterface
    interface FieldHandler {
        /**
         * @param parser on the field's value; a handler that does not want an object or array value calls
         *               {@link JsonParser#skipChildren()} (or throws).
         * @param name   the field's name.
         * @param value  the value's first token.
         * @throws IOException when the parser fails (a JSON syntax error is reported as the line's rejection).
         * @throws BadRow      when the field cannot be taken.
         */
        void field(JsonParser parser, String name, JsonToken value) throws IOException;
    }

    /** Reads one object whole, for a reader that walks its nested fields itself ({@link RrwebReader}). */
    @FunctionalInterface
    interface ObjectReader {
        /**
         * @param parser on the object's {@code START_OBJECT}; left on its {@code END_OBJECT}.
         * @throws IOException when the parser fails (a JSON syntax error is reported as the line's rejection).
         * @throws BadRow      when the object cannot be taken.
         */
        void read(JsonParser parser) throws IOException;
    }

    /**
     * @param json  the format's factory (thread safe, shared).
     * @param lines the file's lines.
     */
    JsonLineObjects(final JsonFactory json, final TextLines lines) {
        this.json = json;
        this.lines = lines;
        this.feed = new JsonLineFeed(lines);
    }

    /**
     * Reads the next line's object, handing each field to {@code handler}.
     *
     * @param handler takes the fields.
     * @return false when no line is left.
     * @throws BadRow when the line is not one JSON object, or the handler refused a field (the parser then starts
     *                again at the next line).
     * @throws IOException when the file cannot be read.
     */
    boolean next(final FieldHandler handler) throws IOException {
        return next(parser -> readFields(handler));
    }

    /**
     * Reads the next line's object with {@code reader}, which reads it whole.
     *
     * @param reader reads the object.
     * @return false when no line is left.
     * @throws BadRow when the line is not one JSON object, or the reader refused it (the parser then starts again
     *                at the next line).
     * @throws IOException when the file cannot be read.
     */
    boolean next(final ObjectReader reader) throws IOException {
        isPlainLine = false;
        if (values == null) {
            values = json.createParser(feed);
        }
        try {
            final JsonToken first = values.nextToken();
            if (first == null) {
                return false;
            }
            if (first != JsonToken.START_OBJECT) {
                throw BadRow.malformed(null, lines.lossyText(), "is not a JSON object");
            }
            reader.read(values);
            if (!feed.isBlankFrom(values.currentLocation().getByteOffset())) {
                values.nextToken(); // what follows on the line: not JSON throws, as a parser of the line would
                throw BadRow.malformed(null, lines.lossyText(), "holds more than one JSON value");
            }
            feed.valueTaken();
        } catch (final JsonProcessingException e) {
            restart();
            throw BadRow.malformed(null, lines.lossyText(), "is not JSON: " + (e instanceof JsonEOFException
                ? "the line ends inside the value" : withoutParserLocation(e.getOriginalMessage())));
        } catch (final BadRow bad) {
            restart();
            throw bad;
        }
        return true;
    }

    /**
     * Reads the next line's object into {@code fields}: through {@code plain} when the line has its plain shape,
     * else through the parser, which hands each field to {@code handler}, as {@link #next(FieldHandler)} does.
     *
     * @param plain   the fast path.
     * @param fields  where a plain line's values go.
     * @param handler takes the fields of any other line.
     * @return false when no line is left.
     * @throws BadRow when the line is not one JSON object, or the handler refused a field.
     * @throws IOException when the file cannot be read.
     */
    boolean next(final FlatJsonLine plain, final ExportFields fields, final FieldHandler handler) throws IOException {
        isPlainLine = false;
        if (!lines.next()) {
            return false;
        }
        if (plain.read(lines.bytes(), lines.offset(), lines.length(), lines.dataEnd(), lines.bufferMoves(),
            lines.isAscii(), fields)) {
            isPlainLine = true;
            return true;
        }
        feed.serveCurrentLine();
        return next(handler);
    }

    /**
     * @return the number of the line the last object (or rejection) came from.
     */
    long lineNumber() {
        return isPlainLine ? lines.lineNumber() : feed.lineNumber();
    }

    /**
     * Closes the parser; the file belongs to the reader that owns the lines.
     *
     * @throws IOException when the parser fails to close.
     */
    void close() throws IOException {
        if (values != null) {
            values.close();
        }
    }

    private void readFields(final FieldHandler handler) throws IOException {
        int field = 0;
        while (true) {
            // The field names of a file's rows mostly come in the same order: expect the previous row's name at
            // this place, which Jackson compares byte for byte instead of hashing and looking the name up.
            final SerializedString expected = field < expectedCount ? expectedNames[field] : null;
            final String name;
            if (expected != null && values.nextFieldName(expected)) {
                name = expected.getValue();
            } else if ((expected == null ? values.nextToken() : values.currentToken()) == JsonToken.FIELD_NAME) {
                name = values.currentName();
                expect(field, name);
            } else {
                break;
            }
            field++;
            handler.field(values, name, values.nextToken());
        }
        expectedCount = field;
    }

    /**
     * Drops the place Jackson gives for where an unclosed object or array started ("(for Object starting at
     * [Source: ...; line: 7, column: 17])"): its line counts the lines this parser was served, not the file's, so
     * it would mislead next to the rejection's own line, and it would change with how many lines took the fast path.
     */
    static String withoutParserLocation(final String message) {
        final int at = message.indexOf(" (for ");
        return at >= 0 && message.indexOf(" starting at [Source", at) > at ? message.substring(0, at) : message;
    }

    /** Expects the name at this place in the next row. */
    private void expect(final int field, final String name) {
        if (field == expectedNames.length) {
            expectedNames = Arrays.copyOf(expectedNames, 2 * field);
        }
        expectedNames[field] = serializedNames.computeIfAbsent(name, SerializedString::new);
    }

    /** Drops the rest of the current line and the parser that read part of it. */
    private void restart() throws IOException {
        feed.dropLine();
        final JsonParser failed = values;
        values = null;
        failed.close();
    }
}

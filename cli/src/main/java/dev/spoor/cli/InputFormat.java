/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.query.export.ExportRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The formats {@code spoor ingest} reads. Each parses one file into an {@link EventTable}, handing every
 * malformed line to the reject sink with its line number, field and value.
 */
enum InputFormat {
    /** Balabit mouse dynamics sessions ({@code session_*}). */
    BALABIT("session_") {
        @Override
        void read(final Path file, final EventTable table, final Consumer<Rejection> rejects, final long epochNs) {
            final int device = table.device(file.getParent().getFileName() + "/" + file.getFileName());
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                 CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                for (final CSVRecord row : csv) {
                    final long line = row.getRecordNumber() + 1;
                    try {
                        balabitRow(row, table, device, epochNs);
                    } catch (final IllegalArgumentException e) {
                        rejects.accept(new Rejection(file, line, e.getMessage()));
                    }
                }
            } catch (final IOException | UncheckedIOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), asIo(e));
            }
        }
    },
    /** Aalto 136M keystrokes ({@code <id>_keystrokes.txt}); key codes, kept as the journal's policy says. */
    AALTO("_keystrokes.txt") {
        @Override
        void read(final Path file, final EventTable table, final Consumer<Rejection> rejects, final long epochNs) {
            final List<long[]> keys = new ArrayList<>();
            String participant = null;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
                 CSVParser tsv = CSVFormat.TDF.builder().setQuote(null).setHeader().setSkipHeaderRecord(true).get()
                     .parse(in)) {
                for (final CSVRecord row : tsv) {
                    final long line = row.getRecordNumber() + 1;
                    try {
                        participant = participant == null ? field(row, "PARTICIPANT_ID") : participant;
                        final long press = parseLong(row, "PRESS_TIME");
                        final long release = parseLong(row, "RELEASE_TIME");
                        final int code = (int)parseLong(row, "KEYCODE");
                        keys.add(new long[] {press, (long)keys.size() << 1, code});
                        keys.add(new long[] {release, (long)keys.size() << 1 | 1, code});
                    } catch (final IllegalArgumentException e) {
                        rejects.accept(new Rejection(file, line, e.getMessage()));
                    }
                }
            } catch (final IOException | UncheckedIOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), asIo(e));
            }
            final String name = file.getFileName().toString();
            final int device = table.device("aalto/" + (participant != null ? participant
                : name.substring(0, name.length() - "_keystrokes.txt".length())));
            keys.sort((p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
            int modifiers = 0;
            for (final long[] k : keys) {
                final boolean isUp = (k[1] & 1) != 0;
                final int bit = modifierBit((int)k[2]);
                modifiers = isUp ? modifiers & ~bit : modifiers | bit;
                table.add(device, k[0] * 1_000_000L, isUp ? EventType.KEY_UP.code() : EventType.KEY_DOWN.code(), 0, 0,
                    (int)k[2], modifiers);
            }
        }
    },
    /** What {@code spoor scan --format csv} writes. */
    CSV("") {
        @Override
        void read(final Path file, final EventTable table, final Consumer<Rejection> rejects, final long epochNs) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                 CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                final List<String> header = csv.getHeaderNames();
                if (!header.equals(Arrays.asList(ExportRow.COLUMNS))) {
                    rejects.accept(new Rejection(file, 1, "header is " + String.join(",", header) + ", expected "
                        + String.join(",", ExportRow.COLUMNS)));
                    return;
                }
                for (final CSVRecord row : csv) {
                    final Map<String, String> fields = new HashMap<>();
                    for (int c = 0; c < ExportRow.COLUMNS.length && c < row.size(); c++) {
                        if (!row.get(c).isEmpty()) {
                            fields.put(ExportRow.COLUMNS[c], row.get(c));
                        }
                    }
                    final String problem = row.size() == ExportRow.COLUMNS.length ? null
                        : "expected " + ExportRow.COLUMNS.length + " fields, found " + row.size();
                    addRow(file, row.getRecordNumber() + 1, problem, fields, table, rejects);
                }
            } catch (final IOException | UncheckedIOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), asIo(e));
            }
        }
    },
    /** One JSON object per line, fields named as in the CSV columns; {@code ts} in epoch ns or ISO-8601. */
    JSONL("") {
        @Override
        void read(final Path file, final EventTable table, final Consumer<Rejection> rejects, final long epochNs) {
            final JsonFactory json = new JsonFactory();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                long line = 0;
                for (String text = in.readLine(); text != null; text = in.readLine()) {
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    final Map<String, String> fields = new HashMap<>();
                    String problem = null;
                    try (JsonParser parser = json.createParser(text)) {
                        problem = jsonFields(parser, fields);
                    } catch (final JsonProcessingException e) {
                        problem = "not JSON: " + e.getOriginalMessage();
                    }
                    if (fields.containsKey("ts") && !fields.containsKey("ts_nanos")) {
                        fields.put("ts_nanos", fields.remove("ts"));
                    }
                    addRow(file, line, problem, fields, table, rejects);
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
    };

    private final String namePart;

    InputFormat(final String namePart) {
        this.namePart = namePart;
    }

    abstract void read(Path file, EventTable table, Consumer<Rejection> rejects, long epochNs);

    /** @return true when a file found in a folder belongs to this format. */
    boolean accepts(final Path file) {
        final String name = file.getFileName().toString();
        switch (this) {
            case BALABIT:
                return name.startsWith(namePart);
            case AALTO:
                return name.endsWith(namePart);
            case CSV:
                return name.endsWith(".csv");
            default:
                return name.endsWith(".jsonl") || name.endsWith(".json");
        }
    }

    private static IOException asIo(final Exception e) {
        return e instanceof IOException ? (IOException)e : ((UncheckedIOException)e).getCause();
    }

    private static void balabitRow(final CSVRecord row, final EventTable table, final int device, final long epochNs) {
        if (row.size() != 6) {
            throw new IllegalArgumentException("row: expected 6 comma-separated fields, found " + row.size());
        }
        final double clientSeconds = parseDouble(row, 1, "client timestamp");
        final long ts = epochNs + Math.round(clientSeconds * 1000.0) * 1_000_000L;
        final int x = parseInt(row, 4, "x");
        final int y = parseInt(row, 5, "y");
        final String button = row.get(2);
        switch (row.get(3)) {
            case "Move":
                table.add(device, ts, EventType.MOVE.code(), x, y, Buttons.NONE, 0);
                break;
            case "Drag":
                table.add(device, ts, EventType.MOVE.code(), x, y, Buttons.LEFT, 0);
                break;
            case "Pressed":
                table.add(device, ts, EventType.BUTTON_DOWN.code(), x, y, balabitButton(button), 0);
                break;
            case "Released":
                table.add(device, ts, EventType.BUTTON_UP.code(), x, y, balabitButton(button), 0);
                break;
            case "Up":
                table.add(device, ts, EventType.WHEEL.code(), x, y, 0, 1);
                break;
            case "Down":
                table.add(device, ts, EventType.WHEEL.code(), x, y, 0, -1);
                break;
            default:
                throw new IllegalArgumentException("state: '" + row.get(3)
                    + "' is not Move, Drag, Pressed, Released, Up or Down");
        }
    }

    private static int balabitButton(final String button) {
        switch (button) {
            case "Left":
                return Buttons.LEFT;
            case "Right":
                return Buttons.RIGHT;
            case "Middle":
                return Buttons.MIDDLE;
            case "XButton":
                return Buttons.X1;
            default:
                throw new IllegalArgumentException("button: '" + button + "' is not Left, Right, Middle or XButton");
        }
    }

    private static int modifierBit(final int keyCode) {
        switch (keyCode) {
            case 16:
                return 1;
            case 17:
                return 2;
            case 18:
                return 4;
            default:
                return 0;
        }
    }

    /** Reads one flat JSON object into text fields; returns a problem or null. */
    private static String jsonFields(final JsonParser parser, final Map<String, String> fields) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return "not a JSON object";
        }
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                return "field '" + name + "': nested values are not allowed";
            }
            if (value != JsonToken.VALUE_NULL) {
                fields.put(name, parser.getText());
            }
        }
        return null;
    }

    /** Adds one CSV/JSONL row (fields by column name), or rejects it naming the field and value. */
    private static void addRow(final Path file, final long line, final String problem, final Map<String, String> f,
        final EventTable table, final Consumer<Rejection> rejects) {
        if (problem != null) {
            rejects.accept(new Rejection(file, line, problem));
            return;
        }
        try {
            final String device = require(f, "device");
            final long ts = timestamp(require(f, "ts_nanos"));
            final EventType type = ExportRow.parseTypeName(require(f, "type"));
            final int d = table.device(device);
            switch (type) {
                case MOVE:
                    table.add(d, ts, type.code(), intField(f, "x"), intField(f, "y"), buttons(f, "buttons", false), 0);
                    break;
                case BUTTON_DOWN:
                case BUTTON_UP:
                    table.add(d, ts, type.code(), intField(f, "x"), intField(f, "y"), buttons(f, "button", true), 0);
                    break;
                case WHEEL:
                    table.add(d, ts, type.code(), intField(f, "x"), intField(f, "y"), intField(f, "dx"),
                        intField(f, "dy"));
                    break;
                default:
                    table.add(d, ts, type.code(), 0, 0, keyField(f), f.containsKey("modifiers")
                        ? intField(f, "modifiers") : 0);
                    break;
            }
        } catch (final IllegalArgumentException e) {
            rejects.accept(new Rejection(file, line, e.getMessage()));
        }
    }

    private static String require(final Map<String, String> fields, final String name) {
        final String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return value;
    }

    private static long timestamp(final String text) {
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        return Times.epochNs("field 'ts'", text);
    }

    private static int intField(final Map<String, String> fields, final String name) {
        final String value = require(fields, name);
        try {
            return Integer.parseInt(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("field '" + name + "': '" + value + "' is not an integer");
        }
    }

    /** A key code, or a key class name (what exports write under the class policy) as a code of that class. */
    private static int keyField(final Map<String, String> fields) {
        final String value = require(fields, "key");
        if (value.matches("-?\\d+")) {
            return intField(fields, "key");
        }
        try {
            return KeyClass.fromName(value).representativeKeyCode();
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'key': " + e.getMessage(), e);
        }
    }

    private static int buttons(final Map<String, String> fields, final String name, final boolean isRequired) {
        final String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            if (isRequired) {
                throw new IllegalArgumentException("field '" + name + "' is missing");
            }
            return 0;
        }
        if (value.matches("-?\\d+")) {
            return Integer.parseInt(value);
        }
        try {
            return ExportRow.parseButtonNames(value);
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String field(final CSVRecord row, final String name) {
        try {
            return row.get(name);
        } catch (final IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("field " + name + " is missing (" + row.size() + " fields in the row)");
        }
    }

    private static long parseLong(final CSVRecord row, final String name) {
        final String value = field(row, name);
        try {
            return Long.parseLong(value.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("field " + name + ": '" + value + "' is not an integer");
        }
    }

    private static double parseDouble(final CSVRecord row, final int column, final String name) {
        try {
            final double value = Double.parseDouble(row.get(column));
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("field " + name + ": '" + row.get(column) + "' is not a number");
        }
    }

    private static int parseInt(final CSVRecord row, final int column, final String name) {
        try {
            return Integer.parseInt(row.get(column));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("field " + name + ": '" + row.get(column) + "' is not an integer");
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventType;
import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RejectionKind;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams one Balabit session file ({@link BalabitFormat}), one event per row, in file order.
 */
final class BalabitSessionReader extends CsvRecordReader {
    private static final CSVFormat DIALECT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    private static final String[] HEADER = BalabitFormat.HEADER_TEXT.split(",");
    private static final int FIELDS = HEADER.length;
    private static final int CLIENT_TIME = 1;
    private static final int BUTTON = 2;
    private static final int STATE = 3;
    private static final int X = 4;
    private static final int Y = 5;

    private final String deviceKey;
    private final long epochNs;
    /** The device's index in the buffer being filled, -1 until its first event of this call. */
    private int device;
    /** The buttons pressed and not yet released in the file so far ({@link Buttons} bits). */
    private int held;

    BalabitSessionReader(final Path file, final ParseOptions options, final Diagnostics diagnostics)
        throws IOException {
        super(file, false, NO_CONTROLS, DIALECT, HEADER, BalabitFormat.NAME, options, diagnostics);
        this.deviceKey = BalabitFormat.deviceKey(file);
        this.epochNs = options.epochNs();
    }

    @Override
    void startBatch() {
        device = -1;
    }

    @Override
    void addRow(final CSVRecord row, final EventBuffer into) {
        if (row.size() != FIELDS) {
            throw BadRow.fieldCount(lines.text(), row.size(), HEADER);
        }
        final String clientTime = row.get(CLIENT_TIME);
        final long timestampNs = Timestamps.addSecondsAsMs(HEADER[CLIENT_TIME], clientTime, epochNs,
            seconds(clientTime));
        final int x = coordinate(row, X);
        final int y = coordinate(row, Y);
        final EventType type;
        int a = 0;
        int b = 0;
        switch (row.get(STATE)) {
            case "Move":
                type = EventType.MOVE;
                a = Buttons.NONE;
                break;
            case "Drag":
                type = EventType.MOVE;
                a = held != 0 ? held : Buttons.LEFT;
                break;
            case "Pressed":
                type = EventType.BUTTON_DOWN;
                a = button(row.get(BUTTON));
                held |= a;
                break;
            case "Released":
                type = EventType.BUTTON_UP;
                a = button(row.get(BUTTON));
                held &= ~a;
                break;
            case "Up":
                type = EventType.WHEEL;
                b = 1;
                break;
            case "Down":
                type = EventType.WHEEL;
                b = -1;
                break;
            default:
                throw BadRow.malformed(HEADER[STATE], row.get(STATE),
                    "is not Move, Drag, Pressed, Released, Up or Down");
        }
        if (device < 0) {
            device = into.device(deviceKey);
        }
        into.add(device, timestampNs, type, x, y, a, b);
    }

    private static double seconds(final String text) {
        final double value;
        try {
            value = Double.parseDouble(text);
        } catch (final NumberFormatException e) {
            throw BadRow.malformed(HEADER[CLIENT_TIME], text, "is not a number (seconds since the session began)");
        }
        if (!Double.isFinite(value)) {
            throw new BadRow(RejectionKind.TIMESTAMP_OUT_OF_RANGE, HEADER[CLIENT_TIME], text, "is not finite");
        }
        return value;
    }

    private static int coordinate(final CSVRecord row, final int column) {
        try {
            return Integer.parseInt(row.get(column));
        } catch (final NumberFormatException e) {
            throw BadRow.notAnInteger(HEADER[column], row.get(column), Integer.SIZE);
        }
    }

    private static int button(final String name) {
        switch (name) {
            case "Left":
                return Buttons.LEFT;
            case "Right":
                return Buttons.RIGHT;
            case "Middle":
                return Buttons.MIDDLE;
            case "XButton":
                return Buttons.X1;
            default:
                throw BadRow.malformed(HEADER[BUTTON], name, "is not Left, Right, Middle or XButton");
        }
    }
}

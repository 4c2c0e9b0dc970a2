/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.query.export.ExportRow;

import java.util.HashMap;
import java.util.Map;

/**
 * What a row of {@code spoor scan --format csv|jsonl} means, shared by the CSV and JSONL readers: device,
 * {@code ts_nanos} and type always; x, y for pointer events (integers, or decimals for fractions of a pixel, kept
 * exactly for multiples of 1/256 px); {@code buttons} (optional) for a move,
 * {@code button} for a press or release, {@code dx}, {@code dy} for the wheel; {@code key} and optional
 * {@code modifiers} for keys. Buttons are numbers or names ({@code left+right}); a key is a code or a key
 * class name ({@code letter}, as exports under the class policy write it), which is stored as a code of that
 * class. Other columns are ignored.
 */
final class ExportRowParser {
    private static final String TYPE_NAMES;
    /** Types by export name ({@link ExportRow#typeName}): one lookup per row. */
    private static final Map<String, EventType> TYPES = new HashMap<>();

    static {
        final StringBuilder names = new StringBuilder();
        for (final EventType type : EventType.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(ExportRow.typeName(type));
            TYPES.put(ExportRow.typeName(type), type);
        }
        TYPE_NAMES = names.toString();
    }

    private final Timestamps timestamps;
    /** The last row's device and its index in the buffer: rows of one device come in runs. */
    private String lastDevice;
    private int lastDeviceIndex;

    /**
     * @param timestamps the file's timestamp parser.
     */
    ExportRowParser(final Timestamps timestamps) {
        this.timestamps = timestamps;
    }

    /** Starts filling a buffer (its device table may have been cleared since the last row). */
    void startBatch() {
        lastDevice = null;
    }

    /**
     * Adds the row's event.
     *
     * @param row  the row.
     * @param into the buffer, with room for one event; the same buffer, not cleared, since {@link #startBatch()}.
     * @throws BadRow naming the field and value that cannot be taken.
     */
    void add(final ExportFields row, final EventBuffer into) {
        final String device = require(row, ExportFields.DEVICE);
        final long timestampNs = timestamp(row);
        final EventType type = type(row);
        final long px;
        final long py;
        final int a;
        final int b;
        switch (type) {
            case MOVE:
                px = coordinate(row, ExportRow.X_COLUMN);
                py = coordinate(row, ExportRow.Y_COLUMN);
                a = row.has(ExportRow.BUTTONS_COLUMN) ? buttons(row, ExportRow.BUTTONS_COLUMN) : 0;
                b = 0;
                break;
            case BUTTON_DOWN:
            case BUTTON_UP:
                px = coordinate(row, ExportRow.X_COLUMN);
                py = coordinate(row, ExportRow.Y_COLUMN);
                a = buttons(row, ExportRow.BUTTON_COLUMN);
                b = 0;
                break;
            case WHEEL:
                px = coordinate(row, ExportRow.X_COLUMN);
                py = coordinate(row, ExportRow.Y_COLUMN);
                a = intValue(row, ExportRow.DX_COLUMN);
                b = intValue(row, ExportRow.DY_COLUMN);
                break;
            default:
                px = 0;
                py = 0;
                a = key(row);
                b = row.has(ExportRow.MODIFIERS_COLUMN) ? intValue(row, ExportRow.MODIFIERS_COLUMN) : 0;
                break;
        }
        if (!device.equals(lastDevice)) {
            lastDeviceIndex = into.device(device);
            lastDevice = device;
        }
        into.addSubPixel(lastDeviceIndex, timestampNs, type, px, py, a, b);
    }

    /**
     * A coordinate in 1/256 px: an integer, or a decimal ({@code 1175.421875}, as exports write fractions) that
     * is kept exactly when it is a multiple of 1/256 px and rounded to the nearest 1/256 px otherwise.
     */
    private static long coordinate(final ExportFields row, final int column) {
        if (row.isNumber(column) || isInteger(require(row, column))) {
            return (long)intValue(row, column) << SubPixel.FRACTION_BITS;
        }
        final String text = row.text(column);
        if (!isDecimal(text)) {
            throw BadRow.malformed(row.name(column), text, "is not a number of pixels (such as 640 or 1175.421875)");
        }
        try {
            return SubPixel.ofPixels(Double.parseDouble(text));
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(row.name(column), text, "is outside the 32-bit range of pixels");
        }
    }

    /** A plain decimal: optional minus, digits, optional fraction digits, optional exponent (JSON's numbers). */
    private static boolean isDecimal(final String text) {
        int i = text.startsWith("-") ? 1 : 0;
        final int wholeStart = i;
        i = skipDigits(text, i);
        if (i == wholeStart) {
            return false;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            final int fractionStart = ++i;
            i = skipDigits(text, i);
            if (i == fractionStart) {
                return false;
            }
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            final int exponentStart = i;
            i = skipDigits(text, i);
            if (i == exponentStart || i - exponentStart > 3) {
                return false;
            }
        }
        return i == text.length();
    }

    private static int skipDigits(final String text, final int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private long timestamp(final ExportFields row) {
        final String name = row.name(ExportFields.TS);
        if (row.isNumber(ExportFields.TS)) {
            return timestamps.ofInteger(name, row.number(ExportFields.TS));
        }
        return timestamps.parse(name, require(row, ExportFields.TS));
    }

    private static EventType type(final ExportFields row) {
        final String name = require(row, ExportFields.TYPE);
        final EventType type = TYPES.get(name);
        if (type == null) {
            throw BadRow.malformed(row.name(ExportFields.TYPE), name, "is not an event type (" + TYPE_NAMES + ")");
        }
        return type;
    }

    private static String require(final ExportFields row, final int column) {
        final String value = row.display(column);
        if (value == null) {
            throw BadRow.malformed(row.name(column), null, "is missing");
        }
        return value;
    }

    private static int intValue(final ExportFields row, final int column) {
        if (row.isNumber(column)) {
            final long value = row.number(column);
            if (value != (int)value) {
                throw BadRow.malformed(row.name(column), Long.toString(value), "is not a 32-bit integer");
            }
            return (int)value;
        }
        final String text = require(row, column);
        try {
            return Integer.parseInt(text);
        } catch (final NumberFormatException e) {
            throw BadRow.malformed(row.name(column), text, "is not an integer");
        }
    }

    /** A button mask: a number, or names joined by '+'. */
    private static int buttons(final ExportFields row, final int column) {
        if (row.isNumber(column) || isInteger(require(row, column))) {
            return intValue(row, column);
        }
        final String names = row.text(column);
        try {
            return ExportRow.parseButtonNames(names);
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(row.name(column), names, e.getMessage());
        }
    }

    /** A key code, or a key class name as a code of that class. */
    private static int key(final ExportFields row) {
        final int column = ExportRow.KEY_COLUMN;
        if (row.isNumber(column) || isInteger(require(row, column))) {
            return intValue(row, column);
        }
        final String name = row.text(column);
        try {
            return KeyClass.fromName(name).representativeKeyCode();
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(row.name(column), name, e.getMessage());
        }
    }

    private static boolean isInteger(final String text) {
        int i = text.charAt(0) == '-' ? 1 : 0;
        if (i == text.length()) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}

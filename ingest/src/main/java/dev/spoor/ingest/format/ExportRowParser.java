/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.query.export.ExportRow;

import java.util.Arrays;
import java.util.stream.Collectors;


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
    /** Types in code order; a row's type name is matched against their export names where it lies. */
    private static final EventType[] EVENT_TYPES = EventType.values();
    private static final String TYPE_NAMES = Arrays.stream(EVENT_TYPES).map(ExportRow::typeName)
        .collect(Collectors.joining(", "));

    private final Timestamps timestamps;
    /** True to reject a key class where a key code is wanted ({@code ParseOptions.keyClassesRefused}). */
    private final boolean keyClassesRefused;
    /** Decimal coordinates that were not multiples of 1/256 px. */
    private final PixelRounding rounding = new PixelRounding();
    /** The device keys in the buffer being filled, found by their characters. */
    private final DeviceKeys devices = new DeviceKeys();

    /**
     * @param timestamps the file's timestamp parser.
     */
    ExportRowParser(final Timestamps timestamps, final boolean keyClassesRefused) {
        this.timestamps = timestamps;
        this.keyClassesRefused = keyClassesRefused;
    }

    /**
     * Warns of the decimal coordinates rounded to 1/256 px since the last call: at the end of a file.
     *
     * @param rejections the file's warnings.
     */
    void warnOfRounded(final LineRejections rejections) {
        rounding.warnOfRounded(rejections);
    }

    /** Starts filling a buffer (its device table may have been cleared since the last row). */
    void startBatch() {
        devices.clear();
    }

    /**
     * Adds the row's event.
     *
     * @param row  the row.
     * @param into the buffer, with room for one event; the same buffer, not cleared, since {@link #startBatch()}.
     * @throws BadRow naming the field and value that cannot be taken.
     */
    void add(final ExportFields row, final EventBuffer into) {
        require(row, ExportFields.DEVICE);
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
                if (a == 0) {
                    throw BadRow.malformed(row.name(ExportRow.BUTTON_COLUMN), row.display(ExportRow.BUTTON_COLUMN),
                        "names no button: a press or release is of at least one (left, right, middle, x1, x2)");
                }
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
                b = row.has(ExportRow.MODIFIERS_COLUMN) ? notNegative(row, ExportRow.MODIFIERS_COLUMN,
                    intValue(row, ExportRow.MODIFIERS_COLUMN), "modifiers are a bit mask") : 0;
                break;
        }
        into.addSubPixel(device(row, into), timestampNs, type, px, py, a, b);
    }

    /**
     * A coordinate in 1/256 px: an integer, or a decimal ({@code 1175.421875}, as exports write fractions) that
     * is kept exactly when it is a multiple of 1/256 px and rounded to the nearest 1/256 px otherwise.
     */
    private long coordinate(final ExportFields row, final int column) {
        require(row, column);
        final long value = row.longValue(column);
        if (value != ExportFields.NOT_AN_INTEGER || row.isNumber(column)) {
            return (long)int32(row, column, value) << SubPixel.FRACTION_BITS;
        }
        final String text = row.text(column);
        if (!isDecimal(text)) {
            throw BadRow.malformed(row.name(column), text, "is not a number of pixels (such as 640 or 1175.421875)");
        }
        try {
            return rounding.subpixels(Double.parseDouble(text));
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
        require(row, ExportFields.TS);
        final long value = row.longValue(ExportFields.TS);
        if (row.isNumber(ExportFields.TS) && value != ExportFields.NOT_AN_INTEGER) {
            return timestamps.ofInteger(name, value);
        }
        if (value >= 0 && row.chars()[row.start(ExportFields.TS)] != '0') {
            return timestamps.ofInteger(name, value); // plain digits, the common case: no String
        }
        return timestamps.parse(name, row.display(ExportFields.TS));
    }

    private int device(final ExportFields row, final EventBuffer into) {
        if (row.isNumber(ExportFields.DEVICE)) {
            return into.device(row.display(ExportFields.DEVICE));
        }
        return devices.indexOf(row.chars(), row.start(ExportFields.DEVICE), row.length(ExportFields.DEVICE), into);
    }

    private static EventType type(final ExportFields row) {
        require(row, ExportFields.TYPE);
        for (final EventType type : EVENT_TYPES) {
            if (row.textEquals(ExportFields.TYPE, ExportRow.typeName(type))) {
                return type;
            }
        }
        throw BadRow.malformed(row.name(ExportFields.TYPE), row.display(ExportFields.TYPE), "is not an event type ("
            + TYPE_NAMES + ")");
    }

    /** Checks the column has a value; makes no String of it. */
    private static void require(final ExportFields row, final int column) {
        if (!row.has(column)) {
            throw BadRow.malformed(row.name(column), null, "is missing or empty");
        }
    }

    private static int intValue(final ExportFields row, final int column) {
        require(row, column);
        return int32(row, column, row.longValue(column));
    }

    /** The column's integer value, from {@link ExportFields#longValue(int)}, when it fits 32 bits. */
    /** A value that is a code or a bit mask: -1 is no mask of buttons held, nor any key. */
    private static int notNegative(final ExportFields row, final int column, final int value, final String rule) {
        if (value < 0) {
            throw BadRow.malformed(row.name(column), row.display(column), "is negative: " + rule);
        }
        return value;
    }

    private static int int32(final ExportFields row, final int column, final long value) {
        final boolean isOutOfRange = value == ExportFields.NOT_AN_INTEGER && !row.isLong(column)
            || value != (int)value;
        if (isOutOfRange) {
            throw BadRow.notAnInteger(row.name(column), row.display(column), Integer.SIZE);
        }
        return (int)value;
    }

    /** A button mask: a number, or names joined by '+'. */
    private static int buttons(final ExportFields row, final int column) {
        require(row, column);
        final long value = row.longValue(column);
        if (value != ExportFields.NOT_AN_INTEGER || row.isNumber(column)) {
            return notNegative(row, column, int32(row, column, value), "buttons are a bit mask (1 left, 2 right,"
                + " 4 middle, 8 x1, 16 x2) or names such as left+right");
        }
        final String names = row.text(column);
        try {
            return ExportRow.parseButtonNames(names);
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(row.name(column), names, withoutValue(names, e.getMessage()));
        }
    }

    /** A key code, or a key class name as a code of that class. */
    private int key(final ExportFields row) {
        final int column = ExportRow.KEY_COLUMN;
        require(row, column);
        final long value = row.longValue(column);
        if (value != ExportFields.NOT_AN_INTEGER || row.isNumber(column)) {
            return notNegative(row, column, int32(row, column, value), "a key code is 0 or more");
        }
        final String name = row.text(column);
        final KeyClass keyClass;
        try {
            keyClass = KeyClass.fromName(name);
        } catch (final IllegalArgumentException e) {
            throw BadRow.malformed(row.name(column), name, withoutValue(name, e.getMessage()));
        }
        if (keyClassesRefused) {
            throw BadRow.malformed(row.name(column), name, "is a key class, and this journal keeps key codes"
                + " (--keys code): a class does not say which key it was, so it cannot be stored as a code; ingest"
                + " it into a journal that keeps classes (--keys class)");
        }
        return keyClass.representativeKeyCode();
    }

    /** The reason without the value it starts with, which the rejection shows already. */
    private static String withoutValue(final String value, final String reason) {
        final String quoted = "'" + value + "' ";
        return reason != null && reason.startsWith(quoted) ? reason.substring(quoted.length()) : reason;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONFactory;
import com.alibaba.fastjson2.JSONReader;
import dev.spoor.query.export.ExportRow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of the JSONL export reader ({@link JsonlExportReader}): one line in the shape Spoor's exports and
 * most recorders write, read into {@link ExportFields} by fastjson2's {@link JSONReader} straight from the line's
 * bytes. The shape is a JSON object of plain values:
 * <pre>
 *   line   = ws "{" ws [ field *( ws "," ws field ) ] ws "}" ws
 *   field  = name ws ":" ws value           name = a string of neither escape nor control character
 *   value  = string | integer | null        string = as name (any UTF-8); integer = -?(0|[1-9][0-9]*)
 * </pre>
 * Any other line (an escape, a decimal, true or false, an object or array, a syntax error, more than one value) is
 * left to the strict reader ({@link JsonLineObjects}, Jackson), which reads or rejects it with the same result as
 * ever: {@link #read} returns false and nothing of the line is kept. fastjson2 is lenient where JSON is not (single
 * quotes, a missing or trailing comma, a plus sign or leading zeros, a comma after the object), so this class
 * checks those points itself, from the bytes around the reader's position, instead of trusting it there. Every
 * value taken gives the row the strict reader gives (text as characters; integers as numbers read by fastjson2,
 * a device key's as its digits), so both paths give equal rows and messages.
 * <p>
 * fastjson2 (<a href="https://github.com/alibaba/fastjson2">github.com/alibaba/fastjson2</a>, Apache-2.0) reads
 * these lines in about 0.6x the time of Jackson's streaming parser (docs/ingest-tuning.md). Not thread safe.
 */
final class FlatJsonLine {
    private static final byte QUOTE = '"';
    private static final byte[][] NAMES = names();
    private static final int[] NAME_COLUMNS = nameColumns();

    private final JSONReader.Context context = JSONFactory.createReadContext();
    /** The name entry met at each place of the last row, tried first at that place in the next. */
    private int[] lastNames = new int[16];

    /**
     * Reads one line into {@code fields} (cleared first), when it has the plain shape.
     *
     * @param bytes  the line's buffer (valid UTF-8, without the line end).
     * @param offset where the line starts in it.
     * @param length the line's length in bytes.
     * @param fields where the row goes; cleared again when the line is not plain.
     * @return true when the line was read; false when it is not plain and must go to the strict reader.
     */
    boolean read(final byte[] bytes, final int offset, final int length, final ExportFields fields) {
        fields.clear();
        try {
            if (readObject(bytes, offset, length, fields)) {
                return true;
            }
        } catch (final JSONException | IndexOutOfBoundsException notPlain) {
            // fastjson2 met what is not JSON (a JSONException, or an index error on some cut input): the strict
            // reader says what and where
        }
        fields.clear();
        return false;
    }

    private boolean readObject(final byte[] bytes, final int offset, final int length, final ExportFields fields) {
        try (JSONReader reader = JSONReader.of(bytes, offset, length, context)) {
            return reader.current() == '{' && reader.nextIfObjectStart() && readFields(reader, bytes, offset + length,
                fields);
        }
    }

    private boolean readFields(final JSONReader reader, final byte[] bytes, final int end, final ExportFields fields) {
        boolean hasComma = false;
        for (int field = 0; ; field++) {
            if (reader.nextIfObjectEnd()) {
                return !hasComma && !reader.hasComma() && reader.isEnd(); // no trailing comma, nothing after
            }
            if (field > 0 && !hasComma) {
                return false; // two fields without a comma between them
            }
            final int nameAt = reader.getOffset() - 1; // the reader's offsets index the whole buffer
            final int nameEnd = plainStringEnd(bytes, nameAt, end);
            if (nameEnd < 0) {
                return false;
            }
            final int column = columnOf(bytes, nameAt + 1, nameEnd - nameAt - 1, field);
            reader.skipName();
            if (!readValue(reader, bytes, reader.getOffset() - 1, end, column, fields)) {
                return false;
            }
            hasComma = reader.hasComma();
        }
    }

    /** Reads the value at {@code at} into its column (none: -1), or returns false when it is not plain. */
    private static boolean readValue(final JSONReader reader, final byte[] bytes, final int at, final int end,
        final int column, final ExportFields fields) {
        if (at >= end) {
            return false;
        }
        final byte first = bytes[at];
        if (first == QUOTE) {
            final int stringEnd = plainStringEnd(bytes, at, end);
            if (stringEnd < 0) {
                return false;
            }
            if (column >= 0) {
                if (isAscii(bytes, at + 1, stringEnd)) {
                    fields.asciiText(column, bytes, at + 1, stringEnd - at - 1);
                } else {
                    fields.text(column, new String(bytes, at + 1, stringEnd - at - 1, StandardCharsets.UTF_8));
                }
            }
            reader.skipValue();
            return true;
        }
        if (first == '-' || first >= '0' && first <= '9') {
            final int integerEnd = plainIntegerEnd(bytes, at, end);
            if (integerEnd < 0) {
                return false;
            }
            if (column < 0) {
                reader.skipValue();
            } else if (column == ExportFields.DEVICE) {
                fields.integerAscii(column, bytes, at, integerEnd - at); // a device key is its digits, as text
                reader.skipValue();
            } else {
                number(reader, bytes, at, integerEnd, column, fields);
            }
            return true;
        }
        if (first == 'n' && reader.nextIfNull()) {
            if (column >= 0) {
                fields.text(column, null);
            }
            return true;
        }
        return false; // true, false, an object or array, or not JSON
    }

    /**
     * Reads a plain integer with fastjson2, which throws (the line then goes to the strict reader) beyond 64 bits.
     * The two values a long holds that the strict reader keeps as digits (-0, and Long.MIN_VALUE, which
     * {@link ExportFields#longValue} reserves) stay digits here too, so both paths give the same row and messages.
     */
    private static void number(final JSONReader reader, final byte[] bytes, final int at, final int integerEnd,
        final int column, final ExportFields fields) {
        final long value = reader.readInt64Value();
        if (value == Long.MIN_VALUE || value == 0 && bytes[at] == '-') {
            fields.integerAscii(column, bytes, at, integerEnd - at);
        } else {
            fields.number(column, value);
        }
    }

    /**
     * @return the index of the closing quote of the string starting (with its opening quote) at {@code at}, or -1
     *         when it is not plain: single-quoted, with an escape or a control character, or unclosed.
     */
    private static int plainStringEnd(final byte[] bytes, final int at, final int end) {
        if (at >= end || bytes[at] != QUOTE) {
            return -1;
        }
        for (int i = at + 1; i < end; i++) {
            final byte b = bytes[i];
            if (b == QUOTE) {
                return i;
            }
            if (b == '\\' || b >= 0 && b < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * @return the index after the JSON integer starting at {@code at}, or -1 when the number there is not one
     *         (a plus, leading zeros, a fraction or exponent, a lone minus).
     */
    private static int plainIntegerEnd(final byte[] bytes, final int at, final int end) {
        int i = bytes[at] == '-' ? at + 1 : at;
        final int digits = i;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        if (i == digits || bytes[digits] == '0' && i - digits > 1) {
            return -1;
        }
        if (i < end && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E')) {
            return -1;
        }
        return i;
    }

    private static boolean isAscii(final byte[] bytes, final int from, final int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the column of the name in {@code bytes[from, from + length)} ({@link ExportFields#TS_ALIAS_SLOT} for
     *         {@code ts}), or -1 when it is none; the last row's name at this place is tried first.
     */
    private int columnOf(final byte[] bytes, final int from, final int length, final int field) {
        if (field >= lastNames.length) {
            lastNames = Arrays.copyOf(lastNames, 2 * field);
        }
        final int guess = lastNames[field];
        if (guess >= 0 && guess < NAMES.length && matches(NAMES[guess], bytes, from, length)) {
            return NAME_COLUMNS[guess];
        }
        for (int n = 0; n < NAMES.length; n++) {
            if (matches(NAMES[n], bytes, from, length)) {
                lastNames[field] = n;
                return NAME_COLUMNS[n];
            }
        }
        lastNames[field] = -1;
        return -1;
    }

    private static boolean matches(final byte[] name, final byte[] bytes, final int from, final int length) {
        if (name.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** The export's column names, then {@code ts}. */
    private static byte[][] names() {
        final byte[][] names = new byte[ExportRow.COLUMNS.length + 1][];
        for (int c = 0; c < ExportRow.COLUMNS.length; c++) {
            names[c] = ExportRow.COLUMNS[c].getBytes(StandardCharsets.US_ASCII);
        }
        names[ExportRow.COLUMNS.length] = ExportFields.TS_ALIAS.getBytes(StandardCharsets.US_ASCII);
        return names;
    }

    private static int[] nameColumns() {
        final int[] columns = new int[NAMES.length];
        for (int n = 0; n < NAMES.length; n++) {
            columns[n] = ExportFields.columnOf(new String(NAMES[n], StandardCharsets.US_ASCII));
        }
        return columns;
    }
}

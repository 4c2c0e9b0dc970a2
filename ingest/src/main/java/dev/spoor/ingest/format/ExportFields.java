/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.query.export.ExportRow;

import java.util.Arrays;

/**
 * One row of an export (CSV or JSONL) by column ({@link ExportRow#COLUMNS}): each column absent, text, or a
 * number (JSON numbers stay numbers, so a JSONL row parses no digits twice). Reused row after row. An empty
 * text is absent, as an empty CSV field is.
 * <p>
 * Text is kept as characters copied from the parser's buffer into one reused array, not as a String per field:
 * integers are read straight from the characters ({@link #longValue(int)}), and a String is made only when one is
 * asked for ({@link #text(int)}: a device key seen for the first time, a decimal, an error message). So a row of
 * integers and names allocates nothing.
 */
final class ExportFields {
    /** Column of the device key. */
    static final int DEVICE = 0;
    /** Column of the timestamp, {@code ts_nanos}. */
    static final int TS = 1;
    /** Column of the type name. */
    static final int TYPE = 2;
    /** Number of columns. */
    static final int COLUMNS = ExportRow.COLUMNS.length;
    /** The name JSONL also accepts for {@code ts_nanos}. */
    static final String TS_ALIAS = "ts";
    /** Where a JSONL {@code ts} waits until the row shows whether it has a {@code ts_nanos} too. */
    static final int TS_ALIAS_SLOT = COLUMNS;
    /** Returned by {@link #longValue(int)} for text that is not a plain integer of 64 bits. */
    static final long NOT_AN_INTEGER = Long.MIN_VALUE;

    private static final byte ABSENT = 0;
    private static final byte TEXT = 1;
    private static final byte NUMBER = 2;
    /** A JSON integer kept as its digits, read only when asked for. */
    private static final byte INTEGER_TEXT = 3;
    /** Digits a long always holds: up to 18 need no overflow check. */
    private static final int SAFE_DIGITS = 18;

    private final byte[] kind = new byte[COLUMNS + 1];
    private final int[] start = new int[COLUMNS + 1];
    private final int[] length = new int[COLUMNS + 1];
    private final long[] number = new long[COLUMNS + 1];
    private final String[] strings = new String[COLUMNS + 1];
    private char[] chars = new char[256];
    private int charCount;
    private String timestampName = ExportRow.COLUMNS[TS];

    /** Makes every column absent. */
    void clear() {
        Arrays.fill(kind, ABSENT);
        charCount = 0;
        timestampName = ExportRow.COLUMNS[TS];
    }

    /**
     * @param column a column.
     * @param value  its text; null or empty for absent.
     */
    void text(final int column, final String value) {
        if (value == null || value.isEmpty()) {
            kind[column] = ABSENT;
            return;
        }
        final int at = reserve(value.length());
        value.getChars(0, value.length(), chars, at);
        setText(column, at, value.length());
        strings[column] = value;
    }

    /**
     * Copies a column's text from a parser's buffer.
     *
     * @param column a column.
     * @param source the parser's characters.
     * @param offset where the text starts in them.
     * @param count  its length; 0 for absent.
     */
    void chars(final int column, final char[] source, final int offset, final int count) {
        if (count == 0) {
            kind[column] = ABSENT;
            return;
        }
        final int at = reserve(count);
        System.arraycopy(source, offset, chars, at, count);
        setText(column, at, count);
    }

    /**
     * Copies a JSON integer's digits from a parser's buffer: a number ({@link #isNumber(int)}) that is read from
     * its characters when asked for, as text is, instead of by the parser.
     *
     * @param column a column.
     * @param source the parser's characters.
     * @param offset where the digits (and a minus) start.
     * @param count  their length, at least 1.
     */
    void integerChars(final int column, final char[] source, final int offset, final int count) {
        chars(column, source, offset, count);
        kind[column] = INTEGER_TEXT;
    }

    /**
     * Copies a column's text from a line's bytes, all ASCII (each byte one char).
     *
     * @param column a column.
     * @param source the line's bytes.
     * @param offset where the text starts in them.
     * @param count  its length in bytes; 0 for absent.
     */
    void asciiText(final int column, final byte[] source, final int offset, final int count) {
        if (count == 0) {
            kind[column] = ABSENT;
            return;
        }
        final int at = reserve(count);
        for (int i = 0; i < count; i++) {
            chars[at + i] = (char)source[offset + i];
        }
        setText(column, at, count);
    }

    /**
     * Copies a JSON integer's digits (and minus) from a line's bytes, as {@link #integerChars} does from a
     * parser's characters.
     *
     * @param column a column.
     * @param source the line's bytes.
     * @param offset where the digits (and a minus) start.
     * @param count  their length, at least 1.
     */
    void integerAscii(final int column, final byte[] source, final int offset, final int count) {
        asciiText(column, source, offset, count);
        kind[column] = INTEGER_TEXT;
    }

    /**
     * @param column a column.
     * @param value  its number.
     */
    void number(final int column, final long value) {
        kind[column] = NUMBER;
        number[column] = value;
    }

    /** Takes the {@code ts} of a JSONL row as its timestamp when it has no {@code ts_nanos}. */
    void useTsAlias() {
        if (!has(TS) && has(TS_ALIAS_SLOT)) {
            kind[TS] = kind[TS_ALIAS_SLOT];
            start[TS] = start[TS_ALIAS_SLOT];
            length[TS] = length[TS_ALIAS_SLOT];
            number[TS] = number[TS_ALIAS_SLOT];
            strings[TS] = strings[TS_ALIAS_SLOT];
            timestampName = TS_ALIAS;
        }
    }

    /**
     * @param column a column.
     * @return true when it has a value.
     */
    boolean has(final int column) {
        return kind[column] != ABSENT;
    }

    /**
     * @param column a column.
     * @return true when its value is a number.
     */
    boolean isNumber(final int column) {
        return kind[column] == NUMBER || kind[column] == INTEGER_TEXT;
    }

    /**
     * @param column a column.
     * @return true when its value is a number known to fit 64 bits (not digits still to be read).
     */
    boolean isLong(final int column) {
        return kind[column] == NUMBER;
    }

    /**
     * @param column a column.
     * @return true when its value is text.
     */
    boolean isText(final int column) {
        return kind[column] == TEXT;
    }

    /**
     * @param column a column with a text value.
     * @return the text, made into a String on the first call for this row.
     */
    String text(final int column) {
        if (kind[column] != TEXT && kind[column] != INTEGER_TEXT) {
            return null;
        }
        String value = strings[column];
        if (value == null) {
            value = new String(chars, start[column], length[column]);
            strings[column] = value;
        }
        return value;
    }

    /**
     * @param column a column with a number value.
     * @return the number; {@link #NOT_AN_INTEGER} for digits beyond 64 bits.
     */
    long number(final int column) {
        return kind[column] == NUMBER ? number[column] : longValue(column);
    }

    /**
     * A column's value as an integer: the number, or text that is an optional minus and digits (no sign plus, no
     * spaces) within 64 bits, as {@link Long#parseLong(String)} reads them.
     *
     * @param column a column with a value.
     * @return the integer, or {@link #NOT_AN_INTEGER} when the text is anything else (or is Long.MIN_VALUE).
     */
    long longValue(final int column) {
        if (kind[column] == NUMBER) {
            return number[column];
        }
        final char[] text = chars;
        final int from = start[column];
        final int to = from + length[column];
        final boolean isNegative = text[from] == '-';
        int digits = isNegative ? from + 1 : from;
        if (digits == to) {
            return NOT_AN_INTEGER;
        }
        while (digits < to - 1 && text[digits] == '0') {
            digits++; // leading zeros (0042) count for nothing
        }
        final int count = to - digits;
        if (count > SAFE_DIGITS + 1) {
            return NOT_AN_INTEGER;
        }
        final int safeEnd = digits + Math.min(count, SAFE_DIGITS);
        long value = 0;
        for (int i = digits; i < safeEnd; i++) {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_AN_INTEGER;
            }
            value = value * 10 + digit;
        }
        if (safeEnd < to) { // a 19th digit: the one that can overflow
            final int digit = text[safeEnd] - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_AN_INTEGER;
            }
            value = value * 10 + digit;
        }
        return isNegative ? -value : value;
    }

    /**
     * @param column a column.
     * @param value  a text.
     * @return true when the column's value is that text.
     */
    boolean textEquals(final int column, final String value) {
        if (kind[column] != TEXT || length[column] != value.length()) {
            return false;
        }
        final int from = start[column];
        for (int i = 0; i < value.length(); i++) {
            if (chars[from + i] != value.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the characters every text column points into (valid until the next row).
     */
    char[] chars() {
        return chars;
    }

    /**
     * @param column a text column.
     * @return where its text starts in {@link #chars()}.
     */
    int start(final int column) {
        return start[column];
    }

    /**
     * @param column a text column.
     * @return its length in chars.
     */
    int length(final int column) {
        return length[column];
    }

    /**
     * @param column a column.
     * @return its value as text (for messages and device keys), null when absent.
     */
    String display(final int column) {
        return kind[column] == NUMBER ? Long.toString(number[column]) : text(column);
    }

    /**
     * @param column a column.
     * @return its name.
     */
    String name(final int column) {
        return column == TS ? timestampName : ExportRow.COLUMNS[column];
    }

    /**
     * @param name a field name.
     * @return its column ({@link #TS_ALIAS_SLOT} for {@code ts}), or -1 when it is not one.
     */
    static int columnOf(final String name) {
        switch (name) {
            case TS_ALIAS:
                return TS_ALIAS_SLOT;
            case "device":
                return DEVICE;
            case "ts_nanos":
                return TS;
            case "type":
                return TYPE;
            case "x":
                return ExportRow.X_COLUMN;
            case "y":
                return ExportRow.Y_COLUMN;
            case "button":
                return ExportRow.BUTTON_COLUMN;
            case "buttons":
                return ExportRow.BUTTONS_COLUMN;
            case "dx":
                return ExportRow.DX_COLUMN;
            case "dy":
                return ExportRow.DY_COLUMN;
            case "key":
                return ExportRow.KEY_COLUMN;
            case "modifiers":
                return ExportRow.MODIFIERS_COLUMN;
            default:
                return -1;
        }
    }

    private int reserve(final int count) {
        if (charCount + count > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(charCount + count, 2 * chars.length));
        }
        final int at = charCount;
        charCount += count;
        return at;
    }

    private void setText(final int column, final int at, final int count) {
        kind[column] = TEXT;
        start[column] = at;
        length[column] = count;
        strings[column] = null;
    }
}

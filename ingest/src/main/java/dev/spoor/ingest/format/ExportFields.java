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

    private final String[] text = new String[COLUMNS + 1];
    private final long[] number = new long[COLUMNS + 1];
    private final boolean[] isNumber = new boolean[COLUMNS + 1];
    private String timestampName = ExportRow.COLUMNS[TS];

    /** Makes every column absent. */
    void clear() {
        Arrays.fill(text, null);
        Arrays.fill(isNumber, false);
        timestampName = ExportRow.COLUMNS[TS];
    }

    /**
     * @param column a column.
     * @param value  its text; null or empty for absent.
     */
    void text(final int column, final String value) {
        text[column] = value == null || value.isEmpty() ? null : value;
        isNumber[column] = false;
    }

    /**
     * @param column a column.
     * @param value  its number.
     */
    void number(final int column, final long value) {
        text[column] = null;
        number[column] = value;
        isNumber[column] = true;
    }

    /** Takes the {@code ts} of a JSONL row as its timestamp when it has no {@code ts_nanos}. */
    void useTsAlias() {
        if (!has(TS) && has(TS_ALIAS_SLOT)) {
            text[TS] = text[TS_ALIAS_SLOT];
            number[TS] = number[TS_ALIAS_SLOT];
            isNumber[TS] = isNumber[TS_ALIAS_SLOT];
            timestampName = TS_ALIAS;
        }
    }

    /**
     * @param column a column.
     * @return true when it has a value.
     */
    boolean has(final int column) {
        return isNumber[column] || text[column] != null;
    }

    /**
     * @param column a column.
     * @return true when its value is a number.
     */
    boolean isNumber(final int column) {
        return isNumber[column];
    }

    /**
     * @param column a column with a text value.
     * @return the text.
     */
    String text(final int column) {
        return text[column];
    }

    /**
     * @param column a column with a number value.
     * @return the number.
     */
    long number(final int column) {
        return number[column];
    }

    /**
     * @param column a column.
     * @return its value as text (for messages and device keys), null when absent.
     */
    String display(final int column) {
        return isNumber[column] ? Long.toString(number[column]) : text[column];
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
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import dev.spoor.codec.EventCodes;
import dev.spoor.codec.EventType;
import dev.spoor.query.scan.EventView;

/**
 * What an exported row holds, shared by every export format: which columns apply to which type, and the
 * names of types and devices. Columns: {@code device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers}.
 */
public final class ExportRow {
    /** Column names, in order. */
    public static final String[] COLUMNS =
        {"device", "ts_nanos", "type", "x", "y", "button", "buttons", "dx", "dy", "key", "modifiers"};

    /** Column index of x; the int columns follow it in order. */
    public static final int X_COLUMN = 3;
    /** Column index of x, the first int column. */
    public static final int FIRST_INT_COLUMN = X_COLUMN;
    /** Column index of y. */
    public static final int Y_COLUMN = 4;
    /** Column index of button (the button pressed or released). */
    public static final int BUTTON_COLUMN = 5;
    /** Column index of buttons (the mask held during a move). */
    public static final int BUTTONS_COLUMN = 6;
    /** Column index of the wheel's dx. */
    public static final int DX_COLUMN = 7;
    /** Column index of the wheel's dy. */
    public static final int DY_COLUMN = 8;
    /** Column index of key. */
    public static final int KEY_COLUMN = 9;
    /** Column index of modifiers, the last column. */
    public static final int MODIFIERS_COLUMN = 10;
    private static final String[] TYPE_NAMES =
        {"move", "button_down", "button_up", "wheel", "key_down", "key_up"};

    private ExportRow() {
    }

    /**
     * @param type a type.
     * @return its export name ({@code move}, {@code button_down}, ...).
     */
    public static String typeName(final EventType type) {
        return TYPE_NAMES[type.code()];
    }

    private static final String[] BUTTON_NAMES = {"left", "right", "middle", "x1", "x2"};

    /**
     * @param mask button bits ({@code dev.spoor.codec.Buttons}).
     * @return their names joined by {@code +} ({@code left+right}), bits without a name as {@code bN};
     *     empty for 0.
     */
    public static String buttonNames(final int mask) {
        final StringBuilder names = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            if ((mask & 1 << bit) != 0) {
                names.append(names.length() == 0 ? "" : "+")
                    .append(bit < BUTTON_NAMES.length ? BUTTON_NAMES[bit] : "b" + bit);
            }
        }
        return names.toString();
    }

    /**
     * @param names what {@link #buttonNames(int)} writes.
     * @return the mask.
     * @throws IllegalArgumentException naming the part that is not a button.
     */
    public static int parseButtonNames(final String names) {
        int mask = 0;
        if (names.isEmpty()) {
            return 0;
        }
        for (final String name : names.split("\\+", -1)) {
            mask |= 1 << buttonBit(name);
        }
        return mask;
    }

    private static int buttonBit(final String name) {
        for (int bit = 0; bit < BUTTON_NAMES.length; bit++) {
            if (BUTTON_NAMES[bit].equals(name)) {
                return bit;
            }
        }
        if (name.matches("b([5-9]|[12][0-9]|3[01])")) {
            return Integer.parseInt(name.substring(1));
        }
        throw new IllegalArgumentException("'" + name + "' is not a button (left, right, middle, x1, x2, b5..b31)");
    }

    /**
     * @param name an export type name.
     * @return its type.
     * @throws IllegalArgumentException listing the names when it is none of them.
     */
    public static EventType parseTypeName(final String name) {
        for (final EventType type : EventType.values()) {
            if (TYPE_NAMES[type.code()].equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an event type (" + String.join(", ", TYPE_NAMES)
            + ")");
    }

    /**
     * @param column an int column.
     * @return true when the text formats write it as button names.
     */
    public static boolean isButtonColumn(final int column) {
        return column == BUTTON_COLUMN || column == BUTTONS_COLUMN;
    }

    /**
     * @param e an event.
     * @return the device column: its key when the journal knows one, else its id as 16 hex digits.
     */
    public static String deviceColumn(final EventView e) {
        final String key = e.deviceKey();
        return key != null ? key : String.format("%016x", e.deviceId());
    }

    /**
     * @param typeCode a type code.
     * @param column   an int column, {@link #FIRST_INT_COLUMN} to {@link #MODIFIERS_COLUMN}.
     * @return true when the column applies to the type.
     */
    public static boolean applies(final int typeCode, final int column) {
        switch (column) {
            case X_COLUMN:
            case Y_COLUMN:
                return EventCodes.isPointer(typeCode);
            case BUTTON_COLUMN:
                return EventCodes.isButton(typeCode);
            case BUTTONS_COLUMN:
                return typeCode == EventCodes.MOVE;
            case DX_COLUMN:
            case DY_COLUMN:
                return typeCode == EventCodes.WHEEL;
            default:
                return EventCodes.isKey(typeCode);
        }
    }

    /**
     * @param column a column.
     * @return true for x and y, whose values may have fractions of a pixel ({@link #fraction}).
     */
    public static boolean isCoordinateColumn(final int column) {
        return column == X_COLUMN || column == Y_COLUMN;
    }

    /**
     * @param e      an event.
     * @param column {@link #X_COLUMN} or {@link #Y_COLUMN}.
     * @return the fraction of that coordinate, 1/256 px ({@code dev.spoor.codec.SubPixel}); 0 for other columns.
     */
    public static int fraction(final EventView e, final int column) {
        return column == X_COLUMN ? e.xFraction() : column == Y_COLUMN ? e.yFraction() : 0;
    }

    /**
     * @param e      an event.
     * @param column an int column, {@link #FIRST_INT_COLUMN} to {@link #MODIFIERS_COLUMN}.
     * @return its value (for x and y the whole px, rounded down: see {@link #fraction}).
     */
    public static int value(final EventView e, final int column) {
        switch (column) {
            case X_COLUMN:
                return e.x();
            case Y_COLUMN:
                return e.y();
            case BUTTON_COLUMN:
            case BUTTONS_COLUMN:
                return e.buttons();
            case DX_COLUMN:
                return e.wheelDx();
            case DY_COLUMN:
                return e.wheelDy();
            case KEY_COLUMN:
                return e.key();
            default:
                return e.modifiers();
        }
    }
}

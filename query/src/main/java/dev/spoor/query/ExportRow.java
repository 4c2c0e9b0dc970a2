/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.codec.EventType;

/**
 * What an exported row holds, shared by every export format: which columns apply to which type, and the
 * names of types and devices. Columns: {@code device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers}.
 */
public final class ExportRow {
    /** Column names, in order. */
    public static final String[] COLUMNS =
        {"device", "ts_nanos", "type", "x", "y", "button", "buttons", "dx", "dy", "key", "modifiers"};

    /** Column index of x; the int columns follow it in order. */
    public static final int FIRST_INT_COLUMN = 3;
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
     * @param column   an int column, {@link #FIRST_INT_COLUMN} to 10.
     * @return true when the column applies to the type.
     */
    public static boolean applies(final int typeCode, final int column) {
        switch (column) {
            case 3:
            case 4:
                return typeCode <= 3;
            case 5:
                return typeCode == 1 || typeCode == 2;
            case 6:
                return typeCode == 0;
            case 7:
            case 8:
                return typeCode == 3;
            default:
                return typeCode >= 4;
        }
    }

    /**
     * @param e      an event.
     * @param column an int column, {@link #FIRST_INT_COLUMN} to 10.
     * @return its value.
     */
    public static int value(final EventView e, final int column) {
        switch (column) {
            case 3:
                return e.x();
            case 4:
                return e.y();
            case 5:
            case 6:
                return e.buttons();
            case 7:
                return e.wheelDx();
            case 8:
                return e.wheelDy();
            case 9:
                return e.key();
            default:
                return e.modifiers();
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * The on-disk codes of the {@link EventType}s as compile-time constants, for loops and switches on a type
 * column (an {@code int} per event) that must not go through the enum. The values never change once
 * released: they are stored in every block's type column and type mask.
 */
public final class EventCodes {
    /** {@link EventType#MOVE}. */
    public static final int MOVE = 0;
    /** {@link EventType#BUTTON_DOWN}. */
    public static final int BUTTON_DOWN = 1;
    /** {@link EventType#BUTTON_UP}. */
    public static final int BUTTON_UP = 2;
    /** {@link EventType#WHEEL}. */
    public static final int WHEEL = 3;
    /** {@link EventType#KEY_DOWN}; every code from here on is a key event. */
    public static final int KEY_DOWN = 4;
    /** {@link EventType#KEY_UP}. */
    public static final int KEY_UP = 5;

    private EventCodes() {
    }

    /**
     * @param code an event code.
     * @return true for the pointer events (move, buttons, wheel), which carry x and y.
     */
    public static boolean isPointer(final int code) {
        return code <= WHEEL;
    }

    /**
     * @param code an event code.
     * @return true for a button press or release.
     */
    public static boolean isButton(final int code) {
        return code == BUTTON_DOWN || code == BUTTON_UP;
    }

    /**
     * @param code an event code.
     * @return true for a key press or release.
     */
    public static boolean isKey(final int code) {
        return code >= KEY_DOWN;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * The kinds of human-input event Spoor stores. The {@link #code()} is what goes on disk (in a block's
 * type mask and, through the codec, in its columns), so codes never change once released.
 */
public enum EventType {
    /** Pointer moved; {@code buttons} is the mask of buttons held (a drag is a move with a button held). */
    MOVE(EventCodes.MOVE, true),
    /** A pointer button went down at (x, y); {@code button} says which. */
    BUTTON_DOWN(EventCodes.BUTTON_DOWN, true),
    /** A pointer button went up at (x, y); {@code button} says which. */
    BUTTON_UP(EventCodes.BUTTON_UP, true),
    /** The wheel turned at (x, y) by (dx, dy), in notches or pixels, signed. */
    WHEEL(EventCodes.WHEEL, true),
    /** A key went down; {@code key} after the privacy policy, with the modifiers held. */
    KEY_DOWN(EventCodes.KEY_DOWN, false),
    /** A key went up; {@code key} after the privacy policy, with the modifiers held. */
    KEY_UP(EventCodes.KEY_UP, false);

    /** Number of event types; type codes are {@code 0 .. COUNT-1}. */
    public static final int COUNT = 6;

    private static final EventType[] BY_CODE = values();

    private final int code;
    private final boolean isPointer;

    EventType(final int code, final boolean isPointer) {
        this.code = code;
        this.isPointer = isPointer;
    }

    /**
     * @return the stable on-disk code of this type.
     */
    public int code() {
        return code;
    }

    /**
     * @return true for events that carry a pointer position (x, y).
     */
    public boolean isPointer() {
        return isPointer;
    }

    /**
     * @return this type's bit in a block's type mask.
     */
    public int maskBit() {
        return 1 << code;
    }

    /**
     * Looks a type up by its on-disk code.
     *
     * @param code the stored code.
     * @return the type.
     * @throws IllegalArgumentException when no type has that code.
     */
    public static EventType fromCode(final int code) {
        if (code < 0 || code >= COUNT) {
            throw new IllegalArgumentException("type code=" + code + " is not an event type (0.." + (COUNT - 1) + ")");
        }
        return BY_CODE[code];
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

/**
 * Conventional pointer button bits. A MOVE carries a mask of them (buttons held); a BUTTON_DOWN or
 * BUTTON_UP carries one. The codec stores any int losslessly, so other values survive too.
 */
public final class Buttons {
    /** No button. */
    public static final int NONE = 0;
    /** Primary (left) button. */
    public static final int LEFT = 1;
    /** Secondary (right) button. */
    public static final int RIGHT = 2;
    /** Middle button or wheel click. */
    public static final int MIDDLE = 4;
    /** First extra button (back). */
    public static final int X1 = 8;
    /** Second extra button (forward). */
    public static final int X2 = 16;

    private Buttons() {
    }

    /**
     * @param name a button's name as recorders write it: {@code left}, {@code right}, {@code middle}, {@code x1},
     *             {@code x2} (pynput, OWAMcap).
     * @return its bit, or -1 when the name is none of these.
     */
    public static int ofName(final String name) {
        switch (name) {
            case "left":
                return LEFT;
            case "right":
                return RIGHT;
            case "middle":
                return MIDDLE;
            case "x1":
                return X1;
            case "x2":
                return X2;
            default:
                return -1;
        }
    }
}

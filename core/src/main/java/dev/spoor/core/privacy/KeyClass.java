/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import java.util.Arrays;
import java.util.Locale;

/**
 * What kind of key was pressed, without saying which: the form in which keystrokes are stored by default,
 * so a journal keeps typing rhythm and editing behaviour but never the text typed. The stored key value
 * is {@link #code()}.
 */
public enum KeyClass {
    /** Anything not below (Escape, Print Screen, media keys, unknown codes). */
    OTHER,
    /** A to Z. */
    LETTER,
    /** 0 to 9, main row or keypad. */
    DIGIT,
    /** Space bar. */
    SPACE,
    /** Punctuation and symbols, keypad operators. */
    PUNCTUATION,
    /** Enter / Return. */
    ENTER,
    /** Backspace and Delete. */
    BACKSPACE,
    /** Shift, Control, Alt (the generic codes and the left and right ones), Meta, Caps Lock. */
    MODIFIER,
    /** Arrows, Home, End, Page Up/Down, Insert. */
    NAVIGATION,
    /** F1 to F24. */
    FUNCTION,
    /** Tab (last, so earlier codes keep their values). */
    TAB;

    private static final KeyClass[] BY_CODE = values();
    /** A key code of each class, by class code: what a class read back from an export is ingested as. */
    private static final int[] REPRESENTATIVE = {27, 65, 48, 32, 188, 13, 8, 16, 37, 112, 9};

    /**
     * @return the value stored in the key column.
     */
    public int code() {
        return ordinal();
    }

    /**
     * @return a key code of this class ({@link #ofKeyCode} maps it back here): how a class name read from an
     *     export re-enters a journal.
     */
    public int representativeKeyCode() {
        return REPRESENTATIVE[ordinal()];
    }

    /**
     * @param name a class name as exports write it ({@code letter}, {@code digit}, ...), any case.
     * @return the class.
     * @throws IllegalArgumentException listing the names when it is none of them.
     */
    public static KeyClass fromName(final String name) {
        for (final KeyClass c : BY_CODE) {
            if (c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a key class (" + Arrays.toString(BY_CODE)
            .toLowerCase(Locale.ROOT) + ")");
    }

    /**
     * @param code a stored key value.
     * @return its class, or OTHER for a value no class has.
     */
    public static KeyClass fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /**
     * Classifies a browser / Windows virtual key code (as in the Aalto recordings' KEYCODE column; the left and
     * right Shift, Ctrl and Alt codes VK_LSHIFT .. VK_RMENU, 160 to 165, that a low-level keyboard hook reports, are
     * modifiers too).
     *
     * @param keyCode the key code.
     * @return its class.
     */
    public static KeyClass ofKeyCode(final int keyCode) {
        if (keyCode >= 65 && keyCode <= 90) {
            return LETTER;
        }
        if (keyCode >= 48 && keyCode <= 57 || keyCode >= 96 && keyCode <= 105) {
            return DIGIT;
        }
        if (keyCode >= 112 && keyCode <= 135) {
            return FUNCTION;
        }
        if (keyCode >= 186 && keyCode <= 192 || keyCode >= 219 && keyCode <= 222 || keyCode >= 106 && keyCode <= 111
            || keyCode == 226) {
            return PUNCTUATION;
        }
        switch (keyCode) {
            case 32:
                return SPACE;
            case 13:
                return ENTER;
            case 8:
            case 46:
                return BACKSPACE;
            case 16:
            case 17:
            case 18:
            case 20:
            case 91:
            case 92:
            case 93:
            case 160:
            case 161:
            case 162:
            case 163:
            case 164:
            case 165:
            case 224:
                return MODIFIER;
            case 9:
                return TAB;
            case 33:
            case 34:
            case 35:
            case 36:
            case 37:
            case 38:
            case 39:
            case 40:
            case 45:
                return NAVIGATION;
            default:
                return OTHER;
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.core.privacy.KeyClass;

import java.util.HashMap;
import java.util.Map;

/**
 * pynput key names as Windows virtual-key codes, the codes every other format hands the journal, whose privacy
 * policy then stores only the key's {@link KeyClass} by default. A pynput recording names a key by the character
 * it typed ({@code "w"}, {@code "T"}, {@code "@"}) or by its {@code Key} name ({@code "enter"}, {@code "shift"},
 * {@code "ctrl_l"}, also written {@code "Key.enter"}).
 * <ul>
 *     <li>A to Z in either case: VK_A .. VK_Z (case is the Shift key's business, as in a keyboard hook);
 *     0 to 9: VK_0 .. VK_9; space, tab, CR and LF: their keys.</li>
 *     <li>Named keys: their virtual-key codes, the left and right modifiers as theirs ({@code shift_l} VK_LSHIFT,
 *     {@code alt_gr} VK_RMENU), the plain ones as VK_SHIFT, VK_CONTROL and VK_MENU.</li>
 *     <li>Any other character has no code without knowing the keyboard layout, and a name not known here, an
 *     empty name and a bare code ({@code "<65>"}, a platform's own code, not a Windows one on macOS or Linux) have
 *     none at all: {@link #isExact} says so. A journal that keeps key classes (the default) stores such a key's
 *     class (a letter in another script is a letter, a digit a digit, a control character or an unknown name
 *     OTHER, anything else punctuation) through {@link KeyClass#representativeKeyCode()}; a journal that keeps
 *     key codes refuses the line rather than store a stand-in code as if it were the key.</li>
 * </ul>
 * Modifier bits, as the Aalto reader keeps them: shift 1, ctrl 2, alt 4, and cmd / Windows key 8.
 */
final class PynputKeys {
    /** Modifier bit of shift. */
    static final int SHIFT = 1;
    /** Modifier bit of ctrl. */
    static final int CTRL = 2;
    /** Modifier bit of alt (and alt gr). */
    static final int ALT = 4;
    /** Modifier bit of cmd (macOS) or the Windows key. */
    static final int CMD = 8;

    private static final int VK_SHIFT = 16;
    private static final int VK_CONTROL = 17;
    private static final int VK_MENU = 18;
    private static final int VK_LSHIFT = 0xA0;
    private static final int VK_LCONTROL = 0xA2;
    private static final int VK_LMENU = 0xA4;
    private static final int VK_LWIN = 91;
    private static final int VK_RWIN = 92;
    private static final int VK_F1 = 112;
    private static final int FUNCTION_KEYS = 24;
    private static final Map<String, Integer> NAMED = new HashMap<>();

    static {
        named(VK_SHIFT, "shift");
        named(VK_LSHIFT, "shift_l");
        named(VK_LSHIFT + 1, "shift_r");
        named(VK_CONTROL, "ctrl");
        named(VK_LCONTROL, "ctrl_l");
        named(VK_LCONTROL + 1, "ctrl_r");
        named(VK_MENU, "alt");
        named(VK_LMENU, "alt_l");
        named(VK_LMENU + 1, "alt_r", "alt_gr");
        named(VK_LWIN, "cmd", "cmd_l");
        named(VK_RWIN, "cmd_r");
        named(20, "caps_lock");
        named(8, "backspace");
        named(46, "delete");
        named(13, "enter");
        named(27, "esc");
        named(9, "tab");
        named(32, "space");
        named(37, "left");
        named(38, "up");
        named(39, "right");
        named(40, "down");
        named(36, "home");
        named(35, "end");
        named(33, "page_up");
        named(34, "page_down");
        named(45, "insert");
        named(93, "menu");
        named(144, "num_lock");
        named(19, "pause");
        named(44, "print_screen");
        named(145, "scroll_lock");
        named(173, "media_volume_mute");
        named(174, "media_volume_down");
        named(175, "media_volume_up");
        named(176, "media_next");
        named(177, "media_previous");
        named(179, "media_play_pause");
        for (int f = 1; f <= FUNCTION_KEYS; f++) {
            named(VK_F1 + f - 1, "f" + f);
        }
    }

    private PynputKeys() {
    }

    /**
     * @param name a pynput key name as recorded, or null.
     * @return its virtual-key code, or the representative code of its class when it has none (see the class
     *     comment).
     */
    static int keyCode(final String name) {
        if (name == null || name.isEmpty()) {
            return KeyClass.OTHER.representativeKeyCode();
        }
        if (isOneCharacter(name)) {
            return ofCharacter(name.codePointAt(0));
        }
        final Integer code = NAMED.get(withoutPrefix(name));
        return code != null ? code : KeyClass.OTHER.representativeKeyCode();
    }

    /**
     * @param name a pynput key name as recorded, or null.
     * @return true when {@link #keyCode} is the key's own virtual-key code, false when it stands in for its class.
     */
    static boolean isExact(final String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (isOneCharacter(name)) {
            final int c = name.codePointAt(0);
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '\t'
                || c == '\r' || c == '\n';
        }
        return NAMED.containsKey(withoutPrefix(name));
    }

    private static boolean isOneCharacter(final String name) {
        return name.length() == 1 || name.codePointCount(0, name.length()) == 1;
    }

    private static String withoutPrefix(final String name) {
        return name.startsWith("Key.") ? name.substring(4) : name;
    }

    /**
     * @param keyCode a virtual-key code from {@link #keyCode}.
     * @return its modifier bit, 0 for keys that are no modifier.
     */
    static int modifierBit(final int keyCode) {
        switch (VirtualKeys.generic(keyCode)) {
            case VK_SHIFT:
                return SHIFT;
            case VK_CONTROL:
                return CTRL;
            case VK_MENU:
                return ALT;
            case VK_LWIN:
            case VK_RWIN:
                return CMD;
            default:
                return 0;
        }
    }

    private static int ofCharacter(final int c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 'A';
        }
        if (c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '\t') {
            return c;
        }
        if (c == '\r' || c == '\n') {
            return 13;
        }
        if (Character.isLetter(c)) {
            return KeyClass.LETTER.representativeKeyCode();
        }
        if (Character.isDigit(c)) {
            return KeyClass.DIGIT.representativeKeyCode();
        }
        if (Character.isISOControl(c)) {
            return KeyClass.OTHER.representativeKeyCode();
        }
        return KeyClass.PUNCTUATION.representativeKeyCode();
    }

    private static void named(final int code, final String... names) {
        for (final String name : names) {
            NAMED.put(name, code);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

/**
 * Windows virtual-key codes as recorders that hook the keyboard report them (the Microsoft table, "Virtual-Key
 * Codes", learn.microsoft.com/windows/win32/inputdev/virtual-key-codes). A low-level hook reports the left and right
 * Shift, Ctrl and Alt keys as their own codes (VK_LSHIFT 0xA0 .. VK_RMENU 0xA5): they are stored as recorded
 * ({@link dev.spoor.core.privacy.KeyClass#ofKeyCode} counts them as modifiers), and {@link #generic} brings them to
 * VK_SHIFT (0x10), VK_CONTROL (0x11) and VK_MENU (0x12) only to find their bit in the modifiers mask.
 */
final class VirtualKeys {
    /** VK_SHIFT. */
    static final int SHIFT = 0x10;
    /** VK_CONTROL. */
    static final int CONTROL = 0x11;
    /** VK_MENU (Alt). */
    static final int MENU = 0x12;
    private static final int LSHIFT = 0xA0;
    private static final int RSHIFT = 0xA1;
    private static final int LCONTROL = 0xA2;
    private static final int RCONTROL = 0xA3;
    private static final int LMENU = 0xA4;
    private static final int RMENU = 0xA5;

    private VirtualKeys() {
    }

    /**
     * @param vk a virtual-key code.
     * @return the generic code of a left or right Shift, Ctrl or Alt; any other code as it is.
     */
    static int generic(final int vk) {
        switch (vk) {
            case LSHIFT:
            case RSHIFT:
                return SHIFT;
            case LCONTROL:
            case RCONTROL:
                return CONTROL;
            case LMENU:
            case RMENU:
                return MENU;
            default:
                return vk;
        }
    }

    /**
     * @param genericVk a code from {@link #generic}, or any code that is none of the left and right ones.
     * @return its bit in the modifiers mask the journal stores with keys (as the Aalto reader does): shift 1,
     *     ctrl 2, alt 4; 0 for other keys.
     */
    static int modifierBit(final int genericVk) {
        switch (genericVk) {
            case SHIFT:
                return 1;
            case CONTROL:
                return 2;
            case MENU:
                return 4;
            default:
                return 0;
        }
    }
}

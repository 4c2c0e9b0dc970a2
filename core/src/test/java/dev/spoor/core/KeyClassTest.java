/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.privacy.KeyClass;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Key codes to classes, and class codes back. */
class KeyClassTest {
    @Test
    void classifiesCommonKeyCodes() {
        assertEquals(KeyClass.LETTER, KeyClass.ofKeyCode(65));
        assertEquals(KeyClass.LETTER, KeyClass.ofKeyCode(90));
        assertEquals(KeyClass.DIGIT, KeyClass.ofKeyCode(48));
        assertEquals(KeyClass.DIGIT, KeyClass.ofKeyCode(105));
        assertEquals(KeyClass.SPACE, KeyClass.ofKeyCode(32));
        assertEquals(KeyClass.ENTER, KeyClass.ofKeyCode(13));
        assertEquals(KeyClass.BACKSPACE, KeyClass.ofKeyCode(8));
        assertEquals(KeyClass.MODIFIER, KeyClass.ofKeyCode(16));
        assertEquals(KeyClass.NAVIGATION, KeyClass.ofKeyCode(37));
        assertEquals(KeyClass.FUNCTION, KeyClass.ofKeyCode(112));
        assertEquals(KeyClass.PUNCTUATION, KeyClass.ofKeyCode(188));
        assertEquals(KeyClass.OTHER, KeyClass.ofKeyCode(27));
        assertEquals(KeyClass.TAB, KeyClass.ofKeyCode(9));
        assertEquals(10, KeyClass.TAB.code(), "codes already stored keep their meaning");
        assertEquals(KeyClass.OTHER, KeyClass.ofKeyCode(-1));
        for (final KeyClass c : KeyClass.values()) {
            assertEquals(c, KeyClass.fromCode(c.code()));
            assertEquals(c, KeyClass.ofKeyCode(c.representativeKeyCode()), c + "'s representative");
            assertEquals(c, KeyClass.fromName(c.name().toLowerCase(Locale.ROOT)));
        }
    }
}

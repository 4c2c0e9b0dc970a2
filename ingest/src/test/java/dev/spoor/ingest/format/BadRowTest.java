/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BadRowTest {
    /** An integer too large is out of range, not "not an integer", in every reader that parses integers. */
    @Test
    void anIntegerTooLargeIsSaidToBeOutOfRange() {
        assertEquals("is outside the 32-bit range (-2147483648 to 2147483647)",
            BadRow.notAnInteger("x", "99999999999", Integer.SIZE).getMessage());
        assertEquals("is outside the 32-bit range (-2147483648 to 2147483647)",
            BadRow.notAnInteger("x", "-2147483649", Integer.SIZE).getMessage());
        assertEquals("is outside the 64-bit range (-9223372036854775808 to 9223372036854775807)",
            BadRow.notAnInteger("PRESS_TIME", "99999999999999999999", Long.SIZE).getMessage());
        for (final String text : new String[] {"1.5", "-", "", "1e3", "12L", " 1", "+1", "0x10"}) {
            assertEquals("is not an integer", BadRow.notAnInteger("x", text, Integer.SIZE).getMessage(), text);
        }
        assertEquals("99999999999", BadRow.notAnInteger("x", "99999999999", Integer.SIZE).value());
    }
}

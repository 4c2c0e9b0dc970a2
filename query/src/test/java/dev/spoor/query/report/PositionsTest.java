/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one "no real position" rule, on the values real recordings carry. */
class PositionsTest {
    @Test
    void screenPositionsAreRealIncludingMonitorsLeftOfAndAboveThePrimary() {
        assertTrue(Positions.isReal(0, 0));
        assertTrue(Positions.isReal(1919, 1079));
        assertTrue(Positions.isReal(-1920, -200));
        assertTrue(Positions.isReal(65_534, -65_534));
    }

    @Test
    void balabitSentinelAndAnythingAsFarOrFartherIsNot() {
        assertEquals(65_535, Positions.SENTINEL, "the value Balabit writes, 0xFFFF");
        assertFalse(Positions.isReal(65_535, 65_535), "Balabit's sentinel row");
        assertFalse(Positions.isReal(65_535, 10));
        assertFalse(Positions.isReal(10, 65_535));
        assertFalse(Positions.isReal(-65_535, 10));
        assertFalse(Positions.isReal(Integer.MIN_VALUE, 0), "no overflow in the magnitude");
        assertFalse(Positions.isReal(0, Integer.MAX_VALUE));
    }
}

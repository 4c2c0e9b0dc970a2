/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.report;

import dev.spoor.codec.EventType;
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

    @Test
    void onlyMovesAndButtonsGiveAPosition() {
        assertTrue(Positions.isReal(EventType.MOVE, 0, 0));
        assertTrue(Positions.isReal(EventType.BUTTON_DOWN, 10, 20));
        assertTrue(Positions.isReal(EventType.BUTTON_UP, 10, 20));
        assertFalse(Positions.isReal(EventType.WHEEL, 0, 0), "Balabit writes (0, 0) on every wheel row");
        assertFalse(Positions.isReal(EventType.WHEEL, 500, 400), "a wheel turn's position is the move's before it");
        assertFalse(Positions.isReal(EventType.KEY_DOWN, 0, 0));
        assertFalse(Positions.isReal(EventType.MOVE, 65_535, 65_535));
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decode loops read without an overrun test per read: they rely on {@link HotColumnLoops#paddingBytes(int)}
 * readable bytes after the column section. A damaged block behind a valid checksum may give every code the
 * longest length and the most extra bits; even then, a stream starting at the very end of the section must stay
 * inside the buffer for a whole block's events (and the decoder reports the block afterwards, by stream length).
 */
class ReadBoundTest {
    private static final int COUNT = BlockLayout.MAX_EVENTS;
    /** A 13-bit code with 31 extra bits: a value entry (BUTTONS, KEYS, MODIFIERS) at its widest. */
    private static final int WIDEST_VALUE = 13 | 31 << ColumnCoding.ENTRY_EXTRA_SHIFT;
    /** A 13-bit pair code with 31 extra bits for each component, classes 32 (POINTER, WHEEL). */
    private static final int WIDEST_PAIR = 13 | 31 << ColumnCoding.POINTER_ENTRY_EXTRA_X_SHIFT
        | 32 << ColumnCoding.POINTER_ENTRY_CLASS_X_SHIFT | 32 << ColumnCoding.POINTER_ENTRY_CLASS_Y_SHIFT
        | (13 + 62) << ColumnCoding.POINTER_ENTRY_CONSUMED_SHIFT;

    @Test
    void widestCodesOnEveryEventStayInsideThePadding() {
        final int sectionLength = 64;
        final byte[] raw = new byte[sectionLength + HotColumnLoops.paddingBytes(COUNT)];
        final int end = sectionLength * 8;
        final int[] others = new int[COUNT];
        final int[] keyEvents = new int[COUNT];
        final int[] wheelEvents = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            others[i] = i << HotColumnLoops.OTHER_KIND_BITS | EventType.BUTTON_DOWN.code();
            keyEvents[i] = i << HotColumnLoops.OTHER_KIND_BITS | EventType.KEY_DOWN.code();
            wheelEvents[i] = i << HotColumnLoops.OTHER_KIND_BITS | EventType.WHEEL.code();
        }
        final int[] positions = {0, 0, end, end, end};
        final int[] values = new int[COUNT];
        final int[] column = new int[COUNT];
        final int[] second = new int[COUNT];
        HotColumnLoops.decodeButtons(raw, positions, new int[] {WIDEST_VALUE}, 0, others, COUNT, values, column,
            COUNT);
        HotColumnLoops.decodeWheel(raw, positions, new int[] {WIDEST_PAIR}, 0, wheelEvents, COUNT, column, second);
        HotColumnLoops.decodeKeys(raw, positions, new int[] {WIDEST_VALUE}, 0, new int[] {WIDEST_VALUE}, 0, keyEvents,
            COUNT, column, second);
        assertTrue(positions[4] == end + COUNT * HotColumnLoops.MAX_BITS_PER_EVENT,
            "keys took the widest codes: position " + positions[4]);
        assertTrue(positions[2] < raw.length * 8L && positions[3] < raw.length * 8L,
            "buttons " + positions[2] + ", wheel " + positions[3]);
    }
}

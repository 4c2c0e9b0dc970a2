/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.ValueClasses;

/**
 * How the column streams turn fields into Huffman symbols (format version 1). Shared by
 * {@link BlockEncoder} and {@link BlockDecoder}; see {@code docs/format.md}.
 *
 * <p>TIME stream symbol = {@code kind * TIME_DELTA_SYMBOLS + deltaSymbol}: the event's kind and its time
 * delta in one code, so the dominant "move, 16 ms later" costs a couple of bits. Kinds are the type codes,
 * plus {@link #KIND_MOVE_BUTTONS_CHANGED} for a move whose held-buttons mask differs from the previous
 * move's (only then does the BUTTONS stream carry a mask).
 */
final class ColumnCoding {
    /** Kind of a MOVE whose buttons mask differs from the previous MOVE's (initially 0). */
    static final int KIND_MOVE_BUTTONS_CHANGED = EventType.COUNT;
    /** Number of kinds. */
    static final int KINDS = EventType.COUNT + 1;

    /** zigzag(delta / tick), exact symbols below 1024 ticks. */
    static final ValueClasses TIME_DELTA = new ValueClasses(10, 64);
    /** Symbols per kind in the TIME alphabet. */
    static final int TIME_DELTA_SYMBOLS = TIME_DELTA.alphabetSize();
    /** TIME alphabet. */
    static final int TIME_ALPHABET = KINDS * TIME_DELTA_SYMBOLS;

    /** zigzag of a coordinate delta or wheel amount: 0 and 1 exact, then by bit length. */
    static final ValueClasses SIGNED_SMALL = new ValueClasses(1, 32);
    /** Symbols per component of a pair. */
    static final int PAIR_SIDE = SIGNED_SMALL.alphabetSize();
    /** POINTER and WHEEL alphabet: (class of first) * PAIR_SIDE + class of second. */
    static final int PAIR_ALPHABET = PAIR_SIDE * PAIR_SIDE;

    /** Button numbers and masks, as unsigned ints. */
    static final ValueClasses BUTTON_VALUE = new ValueClasses(4, 32);
    /** Key values, as unsigned ints. */
    static final ValueClasses KEY_VALUE = new ValueClasses(8, 32);
    /** Modifier masks, as unsigned ints. */
    static final ValueClasses MODIFIER_VALUE = new ValueClasses(4, 32);

    private ColumnCoding() {
    }

    static long zigZag(final long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unZigZag(final long zigZag) {
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    /** Zigzag of an int as an unsigned 32-bit value in a long. */
    static long zigZag32(final int value) {
        return ((value << 1) ^ (value >> 31)) & 0xFFFF_FFFFL;
    }

    static int unZigZag32(final long zigZag) {
        final int z = (int)zigZag;
        return (z >>> 1) ^ -(z & 1);
    }

    static long unsigned32(final int value) {
        return value & 0xFFFF_FFFFL;
    }
}

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

    /** TIME symbol to kind, for decoding without a division. */
    static final byte[] TIME_SYMBOL_KIND = new byte[TIME_ALPHABET];
    /** TIME symbol to the delta's extra bits. */
    static final byte[] TIME_SYMBOL_EXTRA_BITS = new byte[TIME_ALPHABET];
    /** TIME symbol to the delta's base value. */
    static final long[] TIME_SYMBOL_BASE = new long[TIME_ALPHABET];
    /** Pair symbol to both components' extra bits. */
    static final byte[] PAIR_EXTRA_BITS = new byte[PAIR_ALPHABET];
    /** Pair symbol to the first component's extra bits. */
    static final byte[] PAIR_FIRST_EXTRA_BITS = new byte[PAIR_ALPHABET];
    /** Pair symbol to the second component's extra bits. */
    static final byte[] PAIR_SECOND_EXTRA_BITS = new byte[PAIR_ALPHABET];
    /** Pair symbol to the first component's base value. */
    static final long[] PAIR_FIRST_BASE = new long[PAIR_ALPHABET];
    /** Pair symbol to the second component's base value. */
    static final long[] PAIR_SECOND_BASE = new long[PAIR_ALPHABET];

    static {
        for (int symbol = 0; symbol < TIME_ALPHABET; symbol++) {
            final int kind = symbol / TIME_DELTA_SYMBOLS;
            final int deltaSymbol = symbol - kind * TIME_DELTA_SYMBOLS;
            TIME_SYMBOL_KIND[symbol] = (byte)kind;
            TIME_SYMBOL_EXTRA_BITS[symbol] = (byte)TIME_DELTA.extraBits(deltaSymbol);
            TIME_SYMBOL_BASE[symbol] = TIME_DELTA.base(deltaSymbol);
        }
        for (int symbol = 0; symbol < PAIR_ALPHABET; symbol++) {
            final int first = symbol / PAIR_SIDE;
            final int second = symbol - first * PAIR_SIDE;
            PAIR_FIRST_EXTRA_BITS[symbol] = (byte)SIGNED_SMALL.extraBits(first);
            PAIR_SECOND_EXTRA_BITS[symbol] = (byte)SIGNED_SMALL.extraBits(second);
            PAIR_FIRST_BASE[symbol] = SIGNED_SMALL.base(first);
            PAIR_SECOND_BASE[symbol] = SIGNED_SMALL.base(second);
            PAIR_EXTRA_BITS[symbol] = (byte)(PAIR_FIRST_EXTRA_BITS[symbol] + PAIR_SECOND_EXTRA_BITS[symbol]);
        }
    }

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

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.HuffmanCode;
import dev.spoor.codec.entropy.HuffmanDecoder;
import dev.spoor.codec.entropy.ValueClasses;

/**
 * How the column streams turn fields into Huffman symbols (format versions 1 to 3; what version 3 changes is
 * marked). Shared by {@link BlockEncoder} and {@link BlockDecoder}; see {@code docs/format.md}.
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

    /**
     * Symbols per component of a version 3 POINTER pair: 0 for no motion, else {@code 2 * class(|d|) - 1 + flip},
     * where class is the {@link #SIGNED_SMALL} class of the magnitude (1 to 32) and flip is 1 when the sign
     * differs from that of the component's previous non-zero delta (initially positive).
     */
    static final int RELATIVE_SIDE = 2 * (SIGNED_SMALL.alphabetSize() - 1) + 1;
    /** Version 3 POINTER alphabet: (symbol of dx) * RELATIVE_SIDE + symbol of dy. */
    static final int RELATIVE_PAIR_ALPHABET = RELATIVE_SIDE * RELATIVE_SIDE;

    /** Button numbers and masks, as unsigned ints. */
    static final ValueClasses BUTTON_VALUE = new ValueClasses(4, 32);
    /** Key values, as unsigned ints. */
    static final ValueClasses KEY_VALUE = new ValueClasses(8, 32);
    /** Modifier masks, as unsigned ints. */
    static final ValueClasses MODIFIER_VALUE = new ValueClasses(4, 32);

    /*
     * Decode-table entries: what the hot loop needs about a symbol, in one int. HuffmanDecoder adds the code
     * length to the fields marked "+ length" (lengthMultiplier), so the loop adds nothing up.
     *
     * TIME entry ("length + extra bits" alone in the low byte: the loop adds it to its bit position with one
     * zero-extending move, no shift and mask; measured 3-4% faster decoding than with it at bits 4-10):
     *   31                18  17  16  14 13  12  11    8 7                   0
     *  +--------------------+---+------+---+---+--------+---------------------+
     *  | delta in ticks, or 0|key| kind |prs|ext| length | length + extra bits |
     *  +--------------------+---+------+---+---+--------+---------------------+
     * "ext": the symbol has extra bits (|delta| >= 512 ticks) and stands for zigzag = 1 << extra | those bits;
     * "key": the kind is a key event (no POINTER value). Flags, so the loop tests a bit where it would compute.
     * "prs": the kind is a press (BUTTON_DOWN or KEY_DOWN), so in a version 3 block the next event's symbol is
     * read with the TIME table for events after a press, whose lookup starts at {@link #TIME_CONTEXT_OFFSET}: the
     * flag is at that offset's bit, so the loop finds the next lookup's offset with one AND.
     *
     * POINTER (and WHEEL) entry ("length + extra bits" at the top: one shift takes it out):
     *   31                  25 24  21 20     16 15     10 9       4 3      0
     *  +----------------------+------+---------+---------+---------+--------+
     *  | length + extra bits  |  0   | extra x | class y | class x | length |
     *  +----------------------+------+---------+---------+---------+--------+
     * The classes are SIGNED_SMALL symbols: zigzag(dx) = base(class x) | the extraX bits after the code,
     * zigzag(dy) = base(class y) | the bits after those ({@link #POINTER_CLASS_BASE}, {@link #POINTER_CLASS_MASK}).
     * Version 3 POINTER entries ({@link #RELATIVE_POINTER_ENTRY_PAYLOADS}) are the same but for two flags: the
     * classes are those of |dx| and |dy|, and bits 21 and 22 say that dx's and dy's sign flips from the previous
     * non-zero one's.
     *
     * BUTTONS, KEYS and MODIFIERS entries: value << 10 | extra bits << 4 | length; value 0 when the symbol has
     * extra bits (then the value is 1 << extra | the extra bits).
     */
    /** Shift of "extra bits" in BUTTONS, KEYS and MODIFIERS entries. */
    static final int ENTRY_EXTRA_SHIFT = HuffmanDecoder.LENGTH_BITS;
    /** Mask of "length + extra bits" in a TIME entry. */
    static final int TIME_ENTRY_CONSUMED_MASK = 0xFF;
    /** Shift of the code length in a TIME entry. */
    static final int TIME_ENTRY_LENGTH_SHIFT = 8;
    /** TIME entry flag: the symbol has extra bits. */
    static final int TIME_ENTRY_HAS_EXTRA = 1 << 12;
    /** TIME entry flag: the kind is KEY_DOWN or KEY_UP. */
    static final int TIME_ENTRY_IS_KEY = 1 << 17;
    /** Shift of the kind in a TIME entry. */
    static final int TIME_ENTRY_KIND_SHIFT = 14;
    /** TIME entry flag: the kind is a press, BUTTON_DOWN or KEY_DOWN. */
    static final int TIME_ENTRY_IS_PRESS = 1 << HuffmanCode.MAX_CODE_LENGTH;
    /** Shift of the signed delta in a TIME entry. */
    static final int TIME_ENTRY_DELTA_SHIFT = 18;
    /**
     * Where a version 3 decoder keeps the lookup of the TIME table for events after a press, after the one for
     * other events (past any index a {@link HuffmanCode#MAX_CODE_LENGTH}-bit mask gives): the press flag itself.
     */
    static final int TIME_CONTEXT_OFFSET = TIME_ENTRY_IS_PRESS;
    /** TIME entries: the length goes to bits 0-7 and 8-11. */
    static final int TIME_LENGTH_MULTIPLIER = 1 | 1 << TIME_ENTRY_LENGTH_SHIFT;
    /** Shift of the first component's class in a POINTER entry. */
    static final int POINTER_ENTRY_CLASS_X_SHIFT = 4;
    /** Shift of the second component's class in a POINTER entry. */
    static final int POINTER_ENTRY_CLASS_Y_SHIFT = 10;
    /** Shift of the first component's extra-bit count in a POINTER entry. */
    static final int POINTER_ENTRY_EXTRA_X_SHIFT = 16;
    /** Mask of that count after shifting. */
    static final int POINTER_ENTRY_EXTRA_X_MASK = 0x1F;
    /** Shift of "length + extra bits" in a POINTER entry (the top seven bits). */
    static final int POINTER_ENTRY_CONSUMED_SHIFT = 25;
    /** POINTER entries: the length goes to bits 0-3 and 25-31. */
    static final int POINTER_LENGTH_MULTIPLIER = 1 | 1 << POINTER_ENTRY_CONSUMED_SHIFT;
    /** Version 3 POINTER entry: dx's sign differs from the previous non-zero dx's. */
    static final int POINTER_ENTRY_FLIP_X_BIT = 21;
    /** Version 3 POINTER entry: dy's sign differs from the previous non-zero dy's. */
    static final int POINTER_ENTRY_FLIP_Y_BIT = 22;
    /** Mask of a class after shifting; also the index range of the class tables. */
    static final int POINTER_CLASS_MASK_BITS = 0x3F;
    /** SIGNED_SMALL class to its base value (unsigned 32-bit), 64 entries so a masked index needs no check. */
    static final int[] POINTER_CLASS_BASE = new int[POINTER_CLASS_MASK_BITS + 1];
    /** SIGNED_SMALL class to the mask of its extra bits. */
    static final int[] POINTER_CLASS_MASK = new int[POINTER_CLASS_MASK_BITS + 1];
    /** Shift of the value in a BUTTONS, KEYS or MODIFIERS entry. */
    static final int VALUE_ENTRY_VALUE_SHIFT = 10;
    /** BUTTONS decode-table payloads, by symbol: value, extra-bit count. */
    static final int[] BUTTON_ENTRY_PAYLOADS = valuePayloads(BUTTON_VALUE);
    /** KEYS (key) decode-table payloads. */
    static final int[] KEY_ENTRY_PAYLOADS = valuePayloads(KEY_VALUE);
    /** KEYS (modifier mask) decode-table payloads. */
    static final int[] MODIFIER_ENTRY_PAYLOADS = valuePayloads(MODIFIER_VALUE);
    /** TIME decode-table payloads, by symbol. */
    static final int[] TIME_ENTRY_PAYLOADS = new int[TIME_ALPHABET];
    /** POINTER decode-table payloads, by symbol. */
    static final int[] POINTER_ENTRY_PAYLOADS = new int[PAIR_ALPHABET];
    /** Version 3 POINTER decode-table payloads, by symbol. */
    static final int[] RELATIVE_POINTER_ENTRY_PAYLOADS = new int[RELATIVE_PAIR_ALPHABET];
    /** Extra bits after each TIME symbol (its delta's), for the encoder. */
    static final byte[] TIME_EXTRA_BITS = new byte[TIME_ALPHABET];
    /** Shift of the second component's extra-bit count in {@link #PAIR_EXTRA_BITS}; the first's is below it. */
    static final int PAIR_EXTRA_Y_SHIFT = 8;
    /** Extra bits after each POINTER or WHEEL symbol, for the encoder: dx's, and dy's at PAIR_EXTRA_Y_SHIFT. */
    static final int[] PAIR_EXTRA_BITS = new int[PAIR_ALPHABET];
    /** As {@link #PAIR_EXTRA_BITS} for version 3 POINTER symbols. */
    static final int[] RELATIVE_PAIR_EXTRA_BITS = new int[RELATIVE_PAIR_ALPHABET];

    static {
        for (int symbol = 0; symbol < TIME_ALPHABET; symbol++) {
            final int kind = symbol / TIME_DELTA_SYMBOLS;
            final int deltaSymbol = symbol - kind * TIME_DELTA_SYMBOLS;
            final int extra = TIME_DELTA.extraBits(deltaSymbol);
            final int delta = extra == 0 ? (int)unZigZag(TIME_DELTA.base(deltaSymbol)) : 0;
            final boolean isKey = kind == EventType.KEY_DOWN.code() || kind == EventType.KEY_UP.code();
            final int flags = (isKey ? TIME_ENTRY_IS_KEY : 0) | (extra != 0 ? TIME_ENTRY_HAS_EXTRA : 0)
                | (isPress(kind) ? TIME_ENTRY_IS_PRESS : 0);
            TIME_ENTRY_PAYLOADS[symbol] = delta << TIME_ENTRY_DELTA_SHIFT | kind << TIME_ENTRY_KIND_SHIFT | flags
                | extra;
            TIME_EXTRA_BITS[symbol] = (byte)extra;
        }
        for (int symbol = 0; symbol < PAIR_ALPHABET; symbol++) {
            final int first = symbol / PAIR_SIDE;
            final int second = symbol - first * PAIR_SIDE;
            final int extraX = SIGNED_SMALL.extraBits(first);
            final int extraY = SIGNED_SMALL.extraBits(second);
            PAIR_EXTRA_BITS[symbol] = extraX | extraY << PAIR_EXTRA_Y_SHIFT;
            POINTER_ENTRY_PAYLOADS[symbol] = (extraX + extraY) << POINTER_ENTRY_CONSUMED_SHIFT
                | extraX << POINTER_ENTRY_EXTRA_X_SHIFT | first << POINTER_ENTRY_CLASS_X_SHIFT
                | second << POINTER_ENTRY_CLASS_Y_SHIFT;
        }
        for (int symbol = 0; symbol < RELATIVE_PAIR_ALPHABET; symbol++) {
            final int first = symbol / RELATIVE_SIDE;
            final int second = symbol - first * RELATIVE_SIDE;
            final int classX = magnitudeClass(first);
            final int classY = magnitudeClass(second);
            final int extraX = SIGNED_SMALL.extraBits(classX);
            final int extraY = SIGNED_SMALL.extraBits(classY);
            RELATIVE_PAIR_EXTRA_BITS[symbol] = extraX | extraY << PAIR_EXTRA_Y_SHIFT;
            RELATIVE_POINTER_ENTRY_PAYLOADS[symbol] = (extraX + extraY) << POINTER_ENTRY_CONSUMED_SHIFT
                | flip(second) << POINTER_ENTRY_FLIP_Y_BIT | flip(first) << POINTER_ENTRY_FLIP_X_BIT
                | extraX << POINTER_ENTRY_EXTRA_X_SHIFT | classX << POINTER_ENTRY_CLASS_X_SHIFT
                | classY << POINTER_ENTRY_CLASS_Y_SHIFT;
        }
        for (int symbol = 0; symbol < PAIR_SIDE; symbol++) {
            POINTER_CLASS_BASE[symbol] = (int)SIGNED_SMALL.base(symbol);
            POINTER_CLASS_MASK[symbol] = (int)((1L << SIGNED_SMALL.extraBits(symbol)) - 1);
        }
    }

    /**
     * Decode-table payloads for values coded by {@code classes}: a value below 2^directBits in the entry, else
     * its extra-bit count.
     */
    static int[] valuePayloads(final ValueClasses classes) {
        final int[] payloads = new int[classes.alphabetSize()];
        for (int symbol = 0; symbol < payloads.length; symbol++) {
            final int extra = classes.extraBits(symbol);
            final int value = extra == 0 ? (int)classes.base(symbol) : 0;
            payloads[symbol] = value << VALUE_ENTRY_VALUE_SHIFT | extra << ENTRY_EXTRA_SHIFT;
        }
        return payloads;
    }

    private ColumnCoding() {
    }

    /**
     * @param kind an event kind.
     * @return true for BUTTON_DOWN and KEY_DOWN: in a version 3 block the next event's TIME symbol is coded with
     *     the table for events after a press (the time from a press to its release is a distribution of its own).
     */
    static boolean isPress(final int kind) {
        return kind == EventType.BUTTON_DOWN.code() || kind == EventType.KEY_DOWN.code();
    }

    /**
     * The version 3 symbol of one component of a pointer delta.
     *
     * @param delta        the delta.
     * @param previousSign 0 when the component's previous non-zero delta was positive (or there was none), -1
     *                     when it was negative.
     * @return 0 for no motion, else {@code 2 * class(|delta|) - 1 + flip} ({@link #RELATIVE_SIDE}).
     */
    static int relativeSide(final int delta, final int previousSign) {
        // Without a branch: the SIGNED_SMALL class of a magnitude is its bit length (0 for 0, 1 for 1), and for
        // no motion (class 0) the flip is masked off and the -1 lifted back to 0.
        final int magnitudeClass = Long.SIZE - Long.numberOfLeadingZeros(magnitude(delta));
        final int flip = ((delta >> 31) ^ previousSign) & -magnitudeClass >>> 31;
        return Math.max(0, 2 * magnitudeClass - 1 + flip);
    }

    /** |delta| as an unsigned 32-bit value (2^31 for Integer.MIN_VALUE). */
    static long magnitude(final int delta) {
        final int sign = delta >> 31;
        return ((delta ^ sign) - sign) & 0xFFFF_FFFFL;
    }

    /** Magnitude class of a version 3 side symbol. */
    static int magnitudeClass(final int side) {
        return (side + 1) >>> 1;
    }

    /** Sign flip of a version 3 side symbol (0 for no motion). */
    static int flip(final int side) {
        return side == 0 ? 0 : 1 - (side & 1);
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

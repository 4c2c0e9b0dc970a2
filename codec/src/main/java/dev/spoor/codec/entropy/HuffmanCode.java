/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

import java.util.Arrays;

/**
 * Shared constants and the canonical-code rule for {@link HuffmanEncoder} and {@link HuffmanDecoder}.
 *
 * <p>A table is written in its stream as:
 * <pre>
 *   usedCount : 14 bits
 *   usedCount == 1 : symbol (14 bits); the symbol then takes 0 bits per occurrence
 *   usedCount &gt;= 2 : per used symbol, ascending: gamma(gap + 1), (codeLength - 1) in 4 bits
 *                     where gap is the number of unused symbols since the previous used one
 * </pre>
 * Block format version 3 writes the same table more compactly ({@link HuffmanEncoder#writeCompactTable}):
 * <pre>
 *   usedCount : 14 bits
 *   usedCount == 1 : symbol (14 bits)
 *   usedCount &gt;= 2 : order k : 3 bits, then per used symbol, ascending:
 *                     gap as an order-k Exp-Golomb code: gamma((gap &gt;&gt; k) + 1), then the k low bits of gap
 *                     the first symbol's (codeLength - 1) in 4 bits; every later one's relative to the one before:
 *                       bits in the order read: 0 same length | 1,0,0 one longer | 1,0,1 one shorter |
 *                       1,1 then (codeLength - 1) in 4 bits
 * </pre>
 * Codes are canonical (DEFLATE's rule: shorter codes first, ties by symbol) and stored bit-reversed so the
 * least-significant-first reader can decode with one lookup of {@link #MAX_CODE_LENGTH} bits.
 */
public final class HuffmanCode {
    /** Longest code; alphabets must have at most 2^this symbols so a complete code always exists. */
    public static final int MAX_CODE_LENGTH = 13;
    /** Largest alphabet a table may describe. */
    public static final int MAX_ALPHABET = 1 << MAX_CODE_LENGTH;
    /** Bits of the used-symbol count and of a lone symbol. */
    static final int COUNT_BITS = 14;
    /** Bits of one code length. */
    static final int LENGTH_BITS = 4;
    /** Bits of the Exp-Golomb order of a compact table's gaps. */
    static final int GAP_ORDER_BITS = 3;
    /** Largest Exp-Golomb order of a compact table's gaps. */
    static final int MAX_GAP_ORDER = (1 << GAP_ORDER_BITS) - 1;

    /** Each {@link #MAX_CODE_LENGTH}-bit value with its bits reversed. */
    private static final short[] REVERSED = new short[1 << MAX_CODE_LENGTH];

    static {
        for (int value = 0; value < REVERSED.length; value++) {
            REVERSED[value] = (short)(Integer.reverse(value) >>> (32 - MAX_CODE_LENGTH));
        }
    }

    private HuffmanCode() {
    }

    /**
     * @param code   a code of {@code length} bits.
     * @param length 1 to {@link #MAX_CODE_LENGTH}.
     * @return the code with its {@code length} bits in reverse order.
     */
    static int reversed(final int code, final int length) {
        return REVERSED[code << (MAX_CODE_LENGTH - length)];
    }

    /**
     * Assigns canonical codes (RFC 1951, 3.2.2), bit-reversed for LSB-first writing.
     *
     * @param symbols  used symbols, ascending.
     * @param lengths  code length per symbol (indexed by symbol).
     * @param count    number of used symbols.
     * @param codes    output: reversed code per symbol (indexed by symbol).
     * @param scratch  at least {@code 2 * (MAX_CODE_LENGTH + 1)} ints.
     */
    static void assignCanonicalCodes(
        final int[] symbols, final byte[] lengths, final int count, final int[] codes, final int[] scratch) {
        final int nextCodeBase = MAX_CODE_LENGTH + 1;
        Arrays.fill(scratch, 0, 2 * nextCodeBase, 0);
        for (int i = 0; i < count; i++) {
            scratch[lengths[symbols[i]]]++;
        }
        int code = 0;
        for (int len = 1; len <= MAX_CODE_LENGTH; len++) {
            code = (code + scratch[len - 1]) << 1;
            scratch[nextCodeBase + len] = code;
        }
        for (int i = 0; i < count; i++) {
            final int symbol = symbols[i];
            final int len = lengths[symbol];
            final int canonical = scratch[nextCodeBase + len]++;
            codes[symbol] = reversed(canonical, len);
        }
    }
}

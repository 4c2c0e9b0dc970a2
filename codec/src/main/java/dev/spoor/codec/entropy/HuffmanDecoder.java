/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

import java.util.Arrays;

/**
 * Reads a table written by {@link HuffmanEncoder#writeTable(BitWriter)} and decodes symbols with one
 * lookup of a table of {@code 2^maxLength} entries. An entry is the symbol's <em>payload</em> with the code
 * length added in its low {@link #LENGTH_BITS} bits: by default {@code symbol << SYMBOL_SHIFT | codeLength}; a caller
 * may give every symbol a payload of its own (its low bits 0), so that a hot loop finds all it needs about a
 * symbol (its extra-bit count, a decoded value) in the one entry, without a second dependent load.
 * Every table read is checked: symbols inside the alphabet, lengths 1 to
 * {@link HuffmanCode#MAX_CODE_LENGTH}, and a complete prefix code
 * (Kraft sum exactly 1), so a decoded symbol is always one the alphabet has.
 */
public final class HuffmanDecoder {
    /** Where the symbol starts in a table entry. */
    public static final int SYMBOL_SHIFT = 10;
    /** Low bits of a table entry holding the code length. */
    public static final int LENGTH_BITS = 4;
    /** Mask of the code length in a table entry. */
    public static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;

    private final int alphabetSize;
    private final int[] payloads;
    private final int lengthMultiplier;
    private final int[] table = new int[1 << HuffmanCode.MAX_CODE_LENGTH];
    private final int[] symbols;
    private final byte[] lengths;
    private final int[] bySymbolLength;
    private final int[] lengthCounts = new int[HuffmanCode.MAX_CODE_LENGTH + 1];
    private final int[] lengthEnds = new int[HuffmanCode.MAX_CODE_LENGTH + 1];
    private int tableMask;
    private int usedCount;

    /**
     * @param alphabetSize number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     */
    public HuffmanDecoder(final int alphabetSize) {
        this(alphabetSize, symbolPayloads(alphabetSize));
    }

    /**
     * @param alphabetSize number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     * @param payloads     per symbol, the table entry without its code length (low {@link #LENGTH_BITS} bits 0).
     *                     {@link #decode(BitReader)} then returns {@code payload >>> SYMBOL_SHIFT}.
     */
    public HuffmanDecoder(final int alphabetSize, final int[] payloads) {
        this(alphabetSize, payloads, 1);
        for (int symbol = 0; symbol < alphabetSize; symbol++) {
            if ((payloads[symbol] & LENGTH_MASK) != 0) {
                throw new IllegalArgumentException("payload of symbol " + symbol + " uses the length bits: 0x"
                    + Integer.toHexString(payloads[symbol]));
            }
        }
    }

    /**
     * @param alphabetSize     number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     * @param payloads         per symbol, the table entry without its code length. The caller draws the entry:
     *                         each field the length is added to must have room for it, and {@link #decode} (which
     *                         takes the length from the low {@link #LENGTH_BITS} bits) is then not for use.
     * @param lengthMultiplier an entry is {@code payload + codeLength * lengthMultiplier}, with the low
     *                         {@link #LENGTH_BITS} bits of the multiplier 0001: {@code 1 | 1 << k} adds the length to
     *                         the lowest field and to a field at bit k (say, bits to consume = length + extra bits),
     *                         saving the hot loop that addition per symbol.
     */
    public HuffmanDecoder(final int alphabetSize, final int[] payloads, final int lengthMultiplier) {
        if (alphabetSize < 1 || alphabetSize > HuffmanCode.MAX_ALPHABET) {
            throw new IllegalArgumentException("alphabetSize=" + alphabetSize + " must be in 1.."
                + HuffmanCode.MAX_ALPHABET);
        }
        if (payloads.length != alphabetSize) {
            throw new IllegalArgumentException(
                "payloads.length=" + payloads.length + " alphabetSize=" + alphabetSize);
        }
        if ((lengthMultiplier & LENGTH_MASK) != 1) {
            throw new IllegalArgumentException("lengthMultiplier=" + lengthMultiplier + " must have low bits 0001");
        }
        this.alphabetSize = alphabetSize;
        this.payloads = payloads.clone();
        this.lengthMultiplier = lengthMultiplier;
        symbols = new int[alphabetSize];
        lengths = new byte[alphabetSize];
        bySymbolLength = new int[alphabetSize];
    }

    /**
     * Reads and checks a table, then builds the lookup.
     *
     * @param reader the stream, positioned at the table.
     * @param name   what the table codes, for error messages.
     */
    public void readTable(final BitReader reader, final String name) {
        usedCount = (int)reader.read(HuffmanCode.COUNT_BITS);
        if (usedCount > alphabetSize) {
            throw reader.corrupt(name + " table: usedCount=" + usedCount + " exceeds alphabet size " + alphabetSize);
        }
        if (usedCount == 0) {
            tableMask = -1;
            return;
        }
        if (usedCount == 1) {
            final int symbol = (int)reader.read(HuffmanCode.COUNT_BITS);
            checkSymbol(reader, name, symbol);
            table[0] = entry(symbol, 0);
            tableMask = 0;
            return;
        }
        readLengths(reader, name);
        fillTable();
    }

    private static int[] symbolPayloads(final int alphabetSize) {
        final int[] payloads = new int[Math.max(0, alphabetSize)];
        for (int symbol = 0; symbol < payloads.length; symbol++) {
            payloads[symbol] = symbol << SYMBOL_SHIFT;
        }
        return payloads;
    }

    /**
     * @return the lookup table, entries as in the class comment, indexed by the {@link #tableMask()}-masked window.
     */
    public int[] table() {
        return table;
    }

    /**
     * @return the mask to apply to the bit window before a lookup (0 for a lone symbol).
     */
    public int tableMask() {
        return tableMask;
    }

    /**
     * @return true when the table codes no symbol at all (nothing may be decoded with it).
     */
    public boolean isEmpty() {
        return usedCount == 0;
    }

    /**
     * Decodes one symbol (for a decoder built with the default payloads).
     *
     * @param reader the stream.
     * @return the symbol.
     */
    public int decode(final BitReader reader) {
        if (reader.available() < HuffmanCode.MAX_CODE_LENGTH) {
            reader.refill();
        }
        final int entry = table[(int)reader.peek() & tableMask];
        reader.consume(entry & LENGTH_MASK);
        return entry >>> SYMBOL_SHIFT;
    }

    private void readLengths(final BitReader reader, final String name) {
        // Per used symbol: gamma(gap + 1) of at most 2 * COUNT_BITS - 1 bits, then LENGTH_BITS bits; one refill
        // leaves room for both, so the loop refills once per symbol.
        final int mostBits = 2 * HuffmanCode.COUNT_BITS - 1 + HuffmanCode.LENGTH_BITS;
        int symbol = -1;
        long kraft = 0;
        int maxLength = 0;
        Arrays.fill(lengthCounts, 0);
        for (int i = 0; i < usedCount; i++) {
            if (reader.available() < mostBits) {
                reader.refill();
            }
            final long window = reader.peek();
            final int zeros = Long.numberOfTrailingZeros(window);
            if (zeros >= HuffmanCode.COUNT_BITS) {
                throw reader.corrupt(name + " table: gamma code longer than " + HuffmanCode.COUNT_BITS + " bits");
            }
            final int gapPlusOne = 1 << zeros | (int)(window >>> (zeros + 1)) & (1 << zeros) - 1;
            final int length = ((int)(window >>> (2 * zeros + 1)) & (1 << HuffmanCode.LENGTH_BITS) - 1) + 1;
            reader.consume(2 * zeros + 1 + HuffmanCode.LENGTH_BITS);
            symbol += gapPlusOne;
            checkSymbol(reader, name, symbol);
            if (length > HuffmanCode.MAX_CODE_LENGTH) {
                throw reader.corrupt(name + " table: code length " + length + " for symbol " + symbol
                    + " exceeds " + HuffmanCode.MAX_CODE_LENGTH);
            }
            symbols[i] = symbol;
            lengths[symbol] = (byte)length;
            lengthCounts[length]++;
            kraft += 1L << (HuffmanCode.MAX_CODE_LENGTH - length);
            maxLength = Math.max(maxLength, length);
        }
        if (kraft != 1L << HuffmanCode.MAX_CODE_LENGTH) {
            throw reader.corrupt(name + " table: code lengths are not a complete prefix code (Kraft sum "
                + kraft + "/" + (1L << HuffmanCode.MAX_CODE_LENGTH) + ")");
        }
        tableMask = (1 << maxLength) - 1;
    }

    /**
     * Builds the lookup table without a write per entry: with codes bit-reversed, a code of length L fills every
     * index equal to it modulo 2^L. So the table grows by doubling (copying its first half onto its second) from
     * 2 entries to 2^maxLength, and before each doubling every code of the current length is written once, in
     * canonical order (by length, then symbol: RFC 1951 3.2.2). A complete code leaves no entry unwritten.
     */
    private void fillTable() {
        final int maxLength = Integer.numberOfTrailingZeros(tableMask + 1);
        int end = 0;
        for (int length = 1; length <= maxLength; length++) {
            end += lengthCounts[length];
            lengthEnds[length] = end - lengthCounts[length];
        }
        for (int i = 0; i < usedCount; i++) {
            final int symbol = symbols[i];
            bySymbolLength[lengthEnds[lengths[symbol]]++] = symbol;
        }
        int code = 0;
        int size = 1;
        int next = 0;
        for (int length = 1; length <= maxLength; length++) {
            System.arraycopy(table, 0, table, size, size);
            size <<= 1;
            for (final int last = next + lengthCounts[length]; next < last; next++) {
                table[HuffmanCode.reversed(code++, length)] = entry(bySymbolLength[next], length);
            }
            code <<= 1;
        }
    }

    private int entry(final int symbol, final int length) {
        return payloads[symbol] + length * lengthMultiplier;
    }

    private void checkSymbol(final BitReader reader, final String name, final int symbol) {
        if (symbol < 0 || symbol >= alphabetSize) {
            throw reader.corrupt(name + " table: symbol " + symbol + " outside alphabet of " + alphabetSize);
        }
    }
}

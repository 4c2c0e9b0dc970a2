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

    /*
     * A compact table's code lengths ({@link HuffmanCode}), decoded by lookup of the next six bits (the longest
     * length code). Entry: bits consumed (bits 0-2), "keep the previous length" (bit 3), a signed amount added
     * (bits 8 up): new length = (keep ? previous : 0) + amount.
     */
    private static final int CHANGE_BITS_MASK = 0x7;
    /** Entries per bank of {@link #lengthCountBanks}. */
    private static final int LENGTH_BANK = 16;
    private static final int CHANGE_KEEP_BIT = 3;
    private static final int CHANGE_ADD_SHIFT = 8;
    private static final int LENGTH_CHANGE_INDEX_MASK = 0x3F;
    /** Length codes after the first, by their next six bits. */
    private static final int[] LENGTH_CHANGES = new int[LENGTH_CHANGE_INDEX_MASK + 1];
    /** The first length, (codeLength - 1) in four bits. */
    private static final int[] FIRST_LENGTHS = new int[1 << HuffmanCode.LENGTH_BITS];

    static {
        for (int bits = 0; bits < LENGTH_CHANGES.length; bits++) {
            final int entry;
            if ((bits & 1) == 0) {
                entry = 1 | 1 << CHANGE_KEEP_BIT;
            } else if ((bits & 2) == 0) {
                entry = 3 | 1 << CHANGE_KEEP_BIT | ((bits & 4) == 0 ? 1 : -1) << CHANGE_ADD_SHIFT;
            } else {
                entry = 2 + HuffmanCode.LENGTH_BITS | ((bits >>> 2) + 1) << CHANGE_ADD_SHIFT;
            }
            LENGTH_CHANGES[bits] = entry;
        }
        for (int bits = 0; bits < FIRST_LENGTHS.length; bits++) {
            FIRST_LENGTHS[bits] = HuffmanCode.LENGTH_BITS | (bits + 1) << CHANGE_ADD_SHIFT;
        }
    }

    private final int alphabetSize;
    private final int[] payloads;
    private final int lengthMultiplier;
    private final int[] table = new int[1 << HuffmanCode.MAX_CODE_LENGTH];
    private final int[] symbols;
    private final byte[] lengths;
    private final int[] bySymbolLength;
    private final int[] lengthCounts = new int[HuffmanCode.MAX_CODE_LENGTH + 1];
    /**
     * Symbols per code length while a table is read, in two banks (even and odd symbols: consecutive symbols
     * mostly share a length, and one counter would make each count wait for the one before).
     */
    private final int[] lengthCountBanks = new int[2 * LENGTH_BANK];
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
        readTable(reader, name, false);
    }

    /**
     * Reads and checks a table, in either form, then builds the lookup.
     *
     * @param reader    the stream, positioned at the table.
     * @param name      what the table codes, for error messages.
     * @param isCompact true for the form of {@link HuffmanEncoder#writeCompactTable} (block format version 3),
     *                  false for that of {@link HuffmanEncoder#writeTable}.
     * @throws dev.spoor.codec.CorruptBlockException when the table is damaged: a symbol outside the alphabet, a
     *     code length outside 1 to {@link HuffmanCode#MAX_CODE_LENGTH}, an incomplete code.
     */
    public void readTable(final BitReader reader, final String name, final boolean isCompact) {
        readCodeLengths(reader, name, isCompact);
        if (usedCount > 0) {
            fill(table, 0, tableMask + 1);
        }
    }

    /**
     * Reads and checks a table without building this decoder's lookup: for a caller that lays out the lookups of
     * several tables side by side with {@link #fill}. {@link #tableMask()} then tells the size this one needs.
     *
     * @param reader    the stream, positioned at the table.
     * @param name      what the table codes, for error messages.
     * @param isCompact as for {@link #readTable(BitReader, String, boolean)}.
     * @throws dev.spoor.codec.CorruptBlockException when the table is damaged.
     */
    public void readCodeLengths(final BitReader reader, final String name, final boolean isCompact) {
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
            symbols[0] = symbol;
            tableMask = 0;
            return;
        }
        if (isCompact) {
            readCompactLengths(reader, name);
        } else {
            readLengths(reader, name);
        }
    }

    /**
     * Writes the lookup of the table last read into {@code dst[offset, offset + size)}: the
     * {@code tableMask() + 1} entries, repeated to fill {@code size} (a lookup with a wider mask then finds the same
     * entries).
     *
     * @param dst    destination.
     * @param offset first entry.
     * @param size   a power of two, at least {@code tableMask() + 1}.
     * @throws IllegalStateException when the table is empty.
     * @throws IllegalArgumentException when {@code size} is too small or not a power of two.
     */
    public void fill(final int[] dst, final int offset, final int size) {
        if (usedCount == 0) {
            throw new IllegalStateException("an empty table has no lookup");
        }
        if (size < tableMask + 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size=" + size + " must be a power of two of at least "
                + (tableMask + 1));
        }
        if (usedCount == 1) {
            Arrays.fill(dst, offset, offset + size, entry(symbols[0], 0));
            return;
        }
        int filled = fillTable(dst, offset);
        while (filled < size) {
            System.arraycopy(dst, offset, dst, offset + filled, filled);
            filled <<= 1;
        }
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
        Arrays.fill(lengthCountBanks, 0);
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
            addLength(reader, name, i, symbol, length);
        }
        sumLengthCountBanks();
        checkComplete(reader, name);
    }

    /** Checks and records the code length of the {@code index}-th used symbol. */
    private void addLength(final BitReader reader, final String name, final int index, final int symbol,
        final int length) {
        // One test for both: symbols and lengths - 1 compared as unsigned catch negatives too.
        if (Integer.compareUnsigned(symbol, alphabetSize) >= 0
            | Integer.compareUnsigned(length - 1, HuffmanCode.MAX_CODE_LENGTH) >= 0) {
            checkSymbol(reader, name, symbol);
            throw reader.corrupt(name + " table: code length " + length + " for symbol " + symbol
                + " outside 1.." + HuffmanCode.MAX_CODE_LENGTH);
        }
        symbols[index] = symbol;
        lengths[symbol] = (byte)length;
        lengthCountBanks[(index & 1) * LENGTH_BANK + length]++;
    }

    /** Checks that the lengths read make a complete prefix code (Kraft sum 1) and sizes the lookup. */
    private void checkComplete(final BitReader reader, final String name) {
        long kraft = 0;
        int maxLength = 0;
        for (int length = 1; length <= HuffmanCode.MAX_CODE_LENGTH; length++) {
            kraft += (long)lengthCounts[length] << (HuffmanCode.MAX_CODE_LENGTH - length);
            maxLength = lengthCounts[length] != 0 ? length : maxLength;
        }
        if (kraft != 1L << HuffmanCode.MAX_CODE_LENGTH) {
            throw reader.corrupt(name + " table: code lengths are not a complete prefix code (Kraft sum "
                + kraft + "/" + (1L << HuffmanCode.MAX_CODE_LENGTH) + ")");
        }
        tableMask = (1 << maxLength) - 1;
    }

    private void readCompactLengths(final BitReader reader, final String name) {
        // Per used symbol at most: gamma of 2 * COUNT_BITS - 1 bits, MAX_GAP_ORDER bits, 2 + LENGTH_BITS bits.
        final int mostBits = 2 * HuffmanCode.COUNT_BITS - 1 + HuffmanCode.MAX_GAP_ORDER + 2 + HuffmanCode.LENGTH_BITS;
        final int order = (int)reader.read(HuffmanCode.GAP_ORDER_BITS);
        final int orderMask = (1 << order) - 1;
        int symbol = -1;
        int length = 0;
        Arrays.fill(lengthCountBanks, 0);
        // The reader's window in locals, handed back before each refill: one symbol takes a few bits, so most
        // symbols are read without touching the reader's fields.
        long window = reader.peek();
        int available = reader.available();
        for (int i = 0; i < usedCount; i++) {
            if (available < mostBits) {
                reader.consume(reader.available() - available);
                reader.refill();
                window = reader.peek();
                available = reader.available();
            }
            final int zeros = Long.numberOfTrailingZeros(window);
            if (zeros >= HuffmanCode.COUNT_BITS) {
                throw reader.corrupt(name + " table: gamma code longer than " + HuffmanCode.COUNT_BITS + " bits");
            }
            final int high = (1 << zeros | (int)(window >>> (zeros + 1)) & (1 << zeros) - 1) - 1;
            final long afterGap = window >>> (2 * zeros + 1);
            symbol += (high << order | (int)afterGap & orderMask) + 1;
            final long lengthBits = afterGap >>> order;
            // The first length is 4 bits, the others a change: one lookup, no branch on which kind of change.
            final int change = i == 0
                ? FIRST_LENGTHS[(int)lengthBits & (1 << HuffmanCode.LENGTH_BITS) - 1]
                : LENGTH_CHANGES[(int)lengthBits & LENGTH_CHANGE_INDEX_MASK];
            length = (length & change << (Integer.SIZE - 1 - CHANGE_KEEP_BIT) >> (Integer.SIZE - 1))
                + (change >> CHANGE_ADD_SHIFT);
            final int consumed = 2 * zeros + 1 + order + (change & CHANGE_BITS_MASK);
            window >>>= consumed;
            available -= consumed;
            addLength(reader, name, i, symbol, length);
        }
        reader.consume(reader.available() - available);
        sumLengthCountBanks();
        checkComplete(reader, name);
    }

    private void sumLengthCountBanks() {
        for (int length = 0; length <= HuffmanCode.MAX_CODE_LENGTH; length++) {
            lengthCounts[length] = lengthCountBanks[length] + lengthCountBanks[LENGTH_BANK + length];
        }
    }

    /**
     * Builds the lookup table without a write per entry: with codes bit-reversed, a code of length L fills every
     * index equal to it modulo 2^L. So the table grows by doubling (copying its first half onto its second) from
     * 2 entries to 2^maxLength, and before each doubling every code of the current length is written once, in
     * canonical order (by length, then symbol: RFC 1951 3.2.2). A complete code leaves no entry unwritten.
     */
    private int fillTable(final int[] dst, final int offset) {
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
            System.arraycopy(dst, offset, dst, offset + size, size);
            size <<= 1;
            for (final int last = next + lengthCounts[length]; next < last; next++) {
                dst[offset + HuffmanCode.reversed(code++, length)] = entry(bySymbolLength[next], length);
            }
            code <<= 1;
        }
        return size;
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

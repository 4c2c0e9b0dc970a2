/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

/**
 * Reads a table written by {@link HuffmanEncoder#writeTable(BitWriter)} and decodes symbols with one
 * lookup of a table of {@code 2^maxLength} entries. An entry packs what a hot loop needs without a second
 * dependent load: {@code symbol << SYMBOL_SHIFT | extraBits << 4 | codeLength}, where extraBits is the
 * number of raw bits that follow the symbol (given per symbol at construction, 0 when not).
 * Every table read is checked: symbols inside the alphabet, lengths 1 to
 * {@link HuffmanCode#MAX_CODE_LENGTH}, and a complete prefix code
 * (Kraft sum exactly 1), so a decoded symbol is always one the alphabet has.
 */
public final class HuffmanDecoder {
    /** Where the symbol starts in a table entry. */
    public static final int SYMBOL_SHIFT = 10;
    /** Mask of the code length in a table entry. */
    public static final int LENGTH_MASK = 0xF;
    /** Shift of the extra-bit count in a table entry. */
    public static final int EXTRA_SHIFT = 4;
    /** Mask of the extra-bit count after shifting. */
    public static final int EXTRA_MASK = 0x3F;

    private final int alphabetSize;
    private final byte[] extraBits;
    private final int[] table = new int[1 << HuffmanCode.MAX_CODE_LENGTH];
    private final int[] symbols;
    private final byte[] lengths;
    private final int[] codes;
    private final int[] scratch = new int[2 * (HuffmanCode.MAX_CODE_LENGTH + 1)];
    private int tableMask;
    private int usedCount;

    /**
     * @param alphabetSize number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     */
    public HuffmanDecoder(final int alphabetSize) {
        this(alphabetSize, new byte[alphabetSize]);
    }

    /**
     * @param alphabetSize number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     * @param extraBits    raw bits following each symbol (0 to 63), packed into the table entries.
     */
    public HuffmanDecoder(final int alphabetSize, final byte[] extraBits) {
        if (alphabetSize < 1 || alphabetSize > HuffmanCode.MAX_ALPHABET) {
            throw new IllegalArgumentException("alphabetSize=" + alphabetSize + " must be in 1.."
                + HuffmanCode.MAX_ALPHABET);
        }
        if (extraBits.length != alphabetSize) {
            throw new IllegalArgumentException(
                "extraBits.length=" + extraBits.length + " alphabetSize=" + alphabetSize);
        }
        this.alphabetSize = alphabetSize;
        this.extraBits = extraBits.clone();
        symbols = new int[alphabetSize];
        lengths = new byte[alphabetSize];
        codes = new int[alphabetSize];
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
        HuffmanCode.assignCanonicalCodes(symbols, lengths, usedCount, codes, scratch);
        fillTable();
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
     * Decodes one symbol.
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
        int symbol = -1;
        long kraft = 0;
        int maxLength = 0;
        for (int i = 0; i < usedCount; i++) {
            symbol += reader.readGamma(HuffmanCode.COUNT_BITS);
            checkSymbol(reader, name, symbol);
            final int length = (int)reader.read(HuffmanCode.LENGTH_BITS) + 1;
            if (length > HuffmanCode.MAX_CODE_LENGTH) {
                throw reader.corrupt(name + " table: code length " + length + " for symbol " + symbol
                    + " exceeds " + HuffmanCode.MAX_CODE_LENGTH);
            }
            symbols[i] = symbol;
            lengths[symbol] = (byte)length;
            kraft += 1L << (HuffmanCode.MAX_CODE_LENGTH - length);
            maxLength = Math.max(maxLength, length);
        }
        if (kraft != 1L << HuffmanCode.MAX_CODE_LENGTH) {
            throw reader.corrupt(name + " table: code lengths are not a complete prefix code (Kraft sum "
                + kraft + "/" + (1L << HuffmanCode.MAX_CODE_LENGTH) + ")");
        }
        tableMask = (1 << maxLength) - 1;
    }

    private void fillTable() {
        final int tableSize = tableMask + 1;
        for (int i = 0; i < usedCount; i++) {
            final int symbol = symbols[i];
            final int length = lengths[symbol];
            final int entry = entry(symbol, length);
            for (int index = codes[symbol]; index < tableSize; index += 1 << length) {
                table[index] = entry;
            }
        }
    }

    private int entry(final int symbol, final int length) {
        return (symbol << SYMBOL_SHIFT) | (extraBits[symbol] << EXTRA_SHIFT) | length;
    }

    private void checkSymbol(final BitReader reader, final String name, final int symbol) {
        if (symbol < 0 || symbol >= alphabetSize) {
            throw reader.corrupt(name + " table: symbol " + symbol + " outside alphabet of " + alphabetSize);
        }
    }
}

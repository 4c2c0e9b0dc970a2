/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

/**
 * Maps unsigned values to Huffman symbols plus raw "extra" bits, as DEFLATE does for lengths and distances.
 * Values below {@code 2^directBits} are their own symbol; a larger value of bit length n is symbol
 * {@code 2^directBits + n - directBits - 1}, followed by its n - 1 bits below the leading one.
 * Small values (the common case: pixel deltas, millisecond gaps) get exact symbols, rare large ones cost
 * a symbol and their own bits, and every 64-bit value is representable.
 */
public final class ValueClasses {
    private final int directBits;
    private final long directLimit;
    private final int alphabetSize;
    private final byte[] extraBits;
    private final long[] base;

    /**
     * @param directBits values below 2^directBits get a symbol of their own.
     * @param valueBits  the widest value: 32 or 64.
     */
    public ValueClasses(final int directBits, final int valueBits) {
        if (directBits < 1 || directBits >= valueBits || (valueBits != 32 && valueBits != 64)) {
            throw new IllegalArgumentException("directBits=" + directBits + " valueBits=" + valueBits);
        }
        this.directBits = directBits;
        this.directLimit = 1L << directBits;
        this.alphabetSize = (1 << directBits) + valueBits - directBits;
        this.extraBits = new byte[alphabetSize];
        this.base = new long[alphabetSize];
        for (int symbol = 0; symbol < alphabetSize; symbol++) {
            if (symbol < directLimit) {
                base[symbol] = symbol;
            } else {
                final int extra = symbol - (1 << directBits) + directBits;
                extraBits[symbol] = (byte)extra;
                base[symbol] = 1L << extra;
            }
        }
    }

    /**
     * @return the number of symbols.
     */
    public int alphabetSize() {
        return alphabetSize;
    }

    /**
     * @param value unsigned value.
     * @return its symbol.
     */
    public int symbol(final long value) {
        final int bitLength = Long.SIZE - Long.numberOfLeadingZeros(value);
        if (directBits == 1) {
            // 0 and 1 are their own symbols and every other class is a bit length, so the symbol is the bit length:
            // no branch on the value (coordinate deltas of 0 and -1 are common, and such a branch mispredicted).
            return bitLength;
        }
        if (Long.compareUnsigned(value, directLimit) < 0) {
            return (int)value;
        }
        return (int)directLimit + bitLength - directBits - 1;
    }

    /**
     * @param symbol a symbol.
     * @return how many raw bits follow it.
     */
    public int extraBits(final int symbol) {
        return extraBits[symbol];
    }

    /**
     * @param symbol a symbol.
     * @return the value the symbol stands for with all extra bits zero.
     */
    public long base(final int symbol) {
        return base[symbol];
    }

    /**
     * Writes the bits of {@code value} that its symbol does not imply.
     *
     * @param writer destination.
     * @param symbol {@code symbol(value)}.
     * @param value  the value.
     */
    public void writeExtra(final BitWriter writer, final int symbol, final long value) {
        writer.writeLong(value, extraBits[symbol]);
    }

    /**
     * Reads a value's extra bits and rebuilds it.
     *
     * @param reader source.
     * @param symbol the decoded symbol.
     * @return the value.
     */
    public long readValue(final BitReader reader, final int symbol) {
        return base[symbol] | reader.readLong(extraBits[symbol]);
    }
}

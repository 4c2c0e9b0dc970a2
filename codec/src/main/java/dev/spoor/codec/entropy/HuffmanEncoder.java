/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec.entropy;

import java.util.Arrays;

/**
 * Builds a length-limited canonical Huffman code for one block's symbol counts and writes symbols with it.
 * Use: {@link #reset()}, {@link #count(int)} every symbol, {@link #build()}, {@link #writeTable(BitWriter)},
 * then {@link #encode(BitWriter, int)} every symbol again. Reusable; allocates nothing after construction.
 *
 * <p>Code lengths come from Moffat and Katajainen's in-place algorithm over the counts sorted ascending;
 * when the longest code exceeds {@link HuffmanCode#MAX_CODE_LENGTH} the counts are halved (never to zero)
 * and the lengths recomputed, which costs a fraction of a percent on real blocks.
 */
public final class HuffmanEncoder {
    private static final int SYMBOL_BITS = 14;
    private static final long SYMBOL_MASK = (1L << SYMBOL_BITS) - 1;
    private static final int RADIX_BITS = 9;
    private static final int RADIX_BUCKETS = 1 << RADIX_BITS;
    /** Tables of at most this many used symbols are sorted by insertion, larger ones by radix. */
    private static final int INSERTION_SORT_LIMIT = 32;

    /**
     * Preferred limit on code lengths: the decoder fills 2^longest table entries per table per block. Measured
     * on the Balabit data (CodecSizeReport, CodecBenchmark.decode): 12 bits 2.152 B/event at 62 M events/s,
     * 11 bits 2.152 at 67 M, 10 bits 2.156 at 69 M, 9 bits 2.169. Override with -Dspoor.codec.maxCodeLength.
     */
    static final int PREFERRED_MAX_LENGTH = Integer.getInteger("spoor.codec.maxCodeLength", 10);

    private final int alphabetSize;
    private final int[] counts;
    /** Bit {@code s & 63} of word {@code s >>> 6} set when symbol s was counted: build and reset visit only those. */
    private final long[] countedWords;
    private final byte[] lengths;
    private final int[] codes;
    private final int[] usedSymbols;
    private final long[] byCount;
    private final int[] work;
    private final long[] sortScratch;
    private final int[] buckets = new int[RADIX_BUCKETS];
    private final int[] scratch = new int[2 * (HuffmanCode.MAX_CODE_LENGTH + 1)];
    private int usedCount;

    /**
     * @param alphabetSize number of symbols, at most {@link HuffmanCode#MAX_ALPHABET}.
     */
    public HuffmanEncoder(final int alphabetSize) {
        if (alphabetSize < 1 || alphabetSize > HuffmanCode.MAX_ALPHABET) {
            throw new IllegalArgumentException("alphabetSize=" + alphabetSize + " must be in 1.."
                + HuffmanCode.MAX_ALPHABET);
        }
        this.alphabetSize = alphabetSize;
        counts = new int[alphabetSize];
        countedWords = new long[(alphabetSize + Long.SIZE - 1) / Long.SIZE];
        lengths = new byte[alphabetSize];
        codes = new int[alphabetSize];
        usedSymbols = new int[alphabetSize];
        byCount = new long[alphabetSize];
        work = new int[alphabetSize];
        sortScratch = new long[alphabetSize];
    }

    /** Forgets all counts. */
    public void reset() {
        for (int word = 0; word < countedWords.length; word++) {
            for (long bits = countedWords[word]; bits != 0; bits &= bits - 1) {
                counts[word << 6 | Long.numberOfTrailingZeros(bits)] = 0;
            }
            countedWords[word] = 0;
        }
        usedCount = 0;
    }

    /**
     * Counts one occurrence of {@code symbol}.
     *
     * @param symbol 0 to alphabetSize - 1.
     */
    public void count(final int symbol) {
        counts[symbol]++;
        countedWords[symbol >>> 6] |= 1L << symbol;
    }

    /**
     * @return the number of distinct symbols counted.
     */
    public int usedCount() {
        return usedCount;
    }

    /** Computes code lengths and codes from the counts. */
    public void build() {
        usedCount = 0;
        for (int word = 0; word < countedWords.length; word++) {
            for (long bits = countedWords[word]; bits != 0; bits &= bits - 1) {
                usedSymbols[usedCount++] = word << 6 | Long.numberOfTrailingZeros(bits);
            }
        }
        if (usedCount == 1) {
            lengths[usedSymbols[0]] = 0;
            codes[usedSymbols[0]] = 0;
        } else if (usedCount > 1) {
            computeLengths(0);
            HuffmanCode.assignCanonicalCodes(usedSymbols, lengths, usedCount, codes, scratch);
        }
    }

    /**
     * Writes the table (see {@link HuffmanCode}).
     *
     * @param writer destination.
     */
    public void writeTable(final BitWriter writer) {
        writer.write(usedCount, HuffmanCode.COUNT_BITS);
        if (usedCount == 1) {
            writer.write(usedSymbols[0], HuffmanCode.COUNT_BITS);
            return;
        }
        int previous = -1;
        for (int i = 0; i < usedCount; i++) {
            final int symbol = usedSymbols[i];
            writer.writeGamma(symbol - previous);
            writer.write(lengths[symbol] - 1, HuffmanCode.LENGTH_BITS);
            previous = symbol;
        }
    }

    /**
     * Writes the table in the compact form of block format version 3 ({@link HuffmanCode}: gaps as Exp-Golomb
     * codes of the order that makes them shortest, lengths as changes from the previous symbol's).
     *
     * @param writer destination.
     */
    public void writeCompactTable(final BitWriter writer) {
        writer.write(usedCount, HuffmanCode.COUNT_BITS);
        if (usedCount == 1) {
            writer.write(usedSymbols[0], HuffmanCode.COUNT_BITS);
            return;
        }
        if (usedCount == 0) {
            return;
        }
        final int order = cheapestGapOrder();
        writer.write(order, HuffmanCode.GAP_ORDER_BITS);
        int previous = -1;
        int previousLength = 0;
        for (int i = 0; i < usedCount; i++) {
            final int symbol = usedSymbols[i];
            final int gap = symbol - previous - 1;
            writer.writeGamma((gap >>> order) + 1);
            writer.write(gap, order);
            final int length = lengths[symbol];
            if (i == 0) {
                writer.write(length - 1, HuffmanCode.LENGTH_BITS);
            } else {
                writeLengthChange(writer, length - previousLength, length);
            }
            previous = symbol;
            previousLength = length;
        }
    }

    /** Bits in the order read: 0 same length; 1, 0, s one longer (s = 0) or shorter (s = 1); 1, 1, 4 bits: any. */
    private static void writeLengthChange(final BitWriter writer, final int change, final int length) {
        if (change == 0) {
            writer.write(0, 1);
        } else if (change == 1 || change == -1) {
            writer.write(change == 1 ? 0b001 : 0b101, 3);
        } else {
            writer.write(0b11 | (length - 1) << 2, 2 + HuffmanCode.LENGTH_BITS);
        }
    }

    /** The Exp-Golomb order (0 to 7) that codes this table's gaps in the fewest bits. */
    private int cheapestGapOrder() {
        int bestOrder = 0;
        long bestBits = Long.MAX_VALUE;
        for (int order = 0; order <= HuffmanCode.MAX_GAP_ORDER; order++) {
            long bits = 0;
            int previous = -1;
            for (int i = 0; i < usedCount; i++) {
                final int gap = usedSymbols[i] - previous - 1;
                bits += 2L * (32 - Integer.numberOfLeadingZeros((gap >>> order) + 1)) - 1 + order;
                previous = usedSymbols[i];
            }
            if (bits < bestBits) {
                bestBits = bits;
                bestOrder = order;
            }
        }
        return bestOrder;
    }

    /**
     * Writes one symbol's code.
     *
     * @param writer destination.
     * @param symbol a symbol that was counted before {@link #build()}.
     */
    public void encode(final BitWriter writer, final int symbol) {
        writer.write(codes[symbol], lengths[symbol]);
    }

    /**
     * For a caller's hot loop: the codes by symbol, bit-reversed so that they are written lowest bit first
     * ({@link #encode}); valid for the symbols counted, until the next {@link #build()}. Not to be modified.
     *
     * @return the array of codes, indexed by symbol.
     */
    public int[] codeTable() {
        return codes;
    }

    /**
     * For a caller's hot loop: the code lengths by symbol, in bits (0 for a lone symbol), as {@link #codeTable()}.
     *
     * @return the array of lengths, indexed by symbol.
     */
    public byte[] lengthTable() {
        return lengths;
    }

    /**
     * @param symbol a counted symbol.
     * @return its code length in bits.
     */
    public int codeLength(final int symbol) {
        return lengths[symbol];
    }

    private void computeLengths(final int halvings) {
        final int n = usedCount;
        for (int i = 0; i < n; i++) {
            final int symbol = usedSymbols[i];
            final long count = Math.max(1, counts[symbol] >>> halvings);
            byCount[i] = (count << SYMBOL_BITS) | symbol;
        }
        sortByCount(n);
        for (int i = 0; i < n; i++) {
            work[i] = (int)(byCount[i] >>> SYMBOL_BITS);
        }
        minimumRedundancyLengths(work, n);
        // work[i] is now the length of the i-th least frequent symbol; lengths never exceed n - 1.
        if (work[0] > lengthLimit()) {
            computeLengths(halvings + 1);
            return;
        }
        for (int i = 0; i < n; i++) {
            lengths[(int)(byCount[i] & SYMBOL_MASK)] = (byte)work[i];
        }
    }

    /**
     * The longest code this block may use: {@link #PREFERRED_MAX_LENGTH} when the used symbols fit, so the
     * decoder's lookup table stays small (it fills 2^longest entries per block), else just enough for them.
     */
    private int lengthLimit() {
        final int needed = 32 - Integer.numberOfLeadingZeros(usedCount - 1);
        return Math.min(HuffmanCode.MAX_CODE_LENGTH, Math.max(PREFERRED_MAX_LENGTH, needed));
    }

    /**
     * Sorts {@code byCount[0..n)} ascending by count (ties stay in symbol order) with a two-pass LSD radix
     * sort over 18 bits: counts never exceed {@link dev.spoor.codec.BlockLayout#MAX_EVENTS}. Unlike
     * {@code Arrays.sort}, which may allocate a merge buffer for longer inputs, it allocates nothing.
     */
    private void sortByCount(final int n) {
        if (n <= INSERTION_SORT_LIMIT) {
            insertionSort(byCount, n);
            return;
        }
        long[] from = byCount;
        long[] to = sortScratch;
        for (int shift = SYMBOL_BITS; shift < SYMBOL_BITS + 2 * RADIX_BITS; shift += RADIX_BITS) {
            Arrays.fill(buckets, 0);
            for (int i = 0; i < n; i++) {
                buckets[(int)(from[i] >>> shift) & (RADIX_BUCKETS - 1)]++;
            }
            int start = 0;
            for (int b = 0; b < RADIX_BUCKETS; b++) {
                final int size = buckets[b];
                buckets[b] = start;
                start += size;
            }
            for (int i = 0; i < n; i++) {
                final long value = from[i];
                to[buckets[(int)(value >>> shift) & (RADIX_BUCKETS - 1)]++] = value;
            }
            final long[] swap = from;
            from = to;
            to = swap;
        }
        // Two passes: the sorted data is back in byCount.
    }

    /** Sorts {@code values[0..n)} ascending; for the short tables, where the radix sort's bucket passes dominate. */
    private static void insertionSort(final long[] values, final int n) {
        for (int i = 1; i < n; i++) {
            final long value = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }

    /**
     * Moffat and Katajainen, "In-place calculation of minimum-redundancy codes" (1995): replaces the
     * ascending counts in {@code a[0..n)} with code lengths (longest first).
     */
    private static void minimumRedundancyLengths(final int[] a, final int n) {
        a[0] += a[1];
        int root = 0;
        int leaf = 2;
        for (int next = 1; next < n - 1; next++) {
            if (leaf >= n || a[root] < a[leaf]) {
                a[next] = a[root];
                a[root++] = next;
            } else {
                a[next] = a[leaf++];
            }
            if (leaf >= n || (root < next && a[root] < a[leaf])) {
                a[next] += a[root];
                a[root++] = next;
            } else {
                a[next] += a[leaf++];
            }
        }
        a[n - 2] = 0;
        for (int next = n - 3; next >= 0; next--) {
            a[next] = a[a[next]] + 1;
        }
        int available = 1;
        int used = 0;
        int depth = 0;
        int root2 = n - 2;
        int next = n - 1;
        while (available > 0) {
            while (root2 >= 0 && a[root2] == depth) {
                used++;
                root2--;
            }
            while (available > used) {
                a[next--] = depth;
                available--;
            }
            available = 2 * used;
            depth++;
            used = 0;
        }
    }
}

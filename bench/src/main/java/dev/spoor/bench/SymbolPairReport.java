/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.codec.entropy.BitWriter;
import dev.spoor.codec.entropy.HuffmanCode;
import dev.spoor.codec.entropy.HuffmanEncoder;
import dev.spoor.testkit.SharedData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * What two ideas for smaller blocks would save on the shared Balabit set before anyone builds them: Huffman codes
 * over <em>pairs</em> of symbols ("multi-symbol tables") and codes chosen by the <em>previous symbol</em> ("better
 * context for deltas"), for the TIME and POINTER streams of block format version 2 (the default), the symbols taken
 * from {@link BlockEncoder} as it encodes each block. Extra bits are left out: every variant writes the same. Every
 * variant pays for its tables, since each block carries its own codes:
 *
 * <ul>
 *   <li><b>as stored</b>: one code per stream, its bits and its table exactly as the encoder writes them;</li>
 *   <li><b>pairs</b>: each two consecutive symbols one symbol (an odd last one alone), coded with minimum-redundancy
 *       lengths without a length limit (fewer bits than any real code); table estimated at
 *       {@code 2 * ceil(log2(used singles + 1)) + 4} bits a used pair (both halves named by rank among the block's
 *       used symbols, a 4-bit length), lower than a real table would be;</li>
 *   <li><b>pairs seen T times</b>: only the pairs seen at least T times in the block get a code of their own; every
 *       other pair is an escape symbol and its two symbols in a code of single symbols (written as the encoder
 *       writes tables);</li>
 *   <li><b>C contexts</b>: each symbol coded with one of C codes, chosen by the previous symbol of the stream:
 *       its rank among the block's C - 1 most frequent symbols, else the last code; C tables as the encoder writes
 *       them, and those C - 1 symbols named by rank.</li>
 * </ul>
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.spoor.bench.SymbolPairReport
 * </pre>
 * Figures are bytes per event of the whole set (every event, so the streams' figures add up).
 */
public final class SymbolPairReport {
    private static final int[] PAIR_THRESHOLDS = {2, 4, 8, 16};
    private static final int[] CONTEXTS = {2, 3, 4};
    private static final int[] RARE_LIMITS = {2, 3, 4};
    private static final int ESCAPE = HuffmanCode.MAX_ALPHABET - 1;
    /** Format version 2's TIME alphabet: 7 kinds of 1,078 delta classes. */
    private static final int TIME_ALPHABET = 7 * 1078;
    /** Format version 2's POINTER alphabet: 33 x 33 classes. */
    private static final int POINTER_ALPHABET = 33 * 33;
    private static final int LENGTH_BITS = 4;
    private static final int COUNT_BITS = 14;

    private final HuffmanEncoder[] codes = new HuffmanEncoder[CONTEXTS[CONTEXTS.length - 1]];
    private final BitWriter tableWriter = new BitWriter();
    private final byte[] tableBuffer = new byte[1 << 20];

    private SymbolPairReport() {
        for (int i = 0; i < codes.length; i++) {
            codes[i] = new HuffmanEncoder(HuffmanCode.MAX_ALPHABET);
        }
    }

    /** One stream's totals over the set, bits. */
    private static final class Totals {
        final String name;
        long storedCodeBits;
        long storedTableBits;
        long pairCodeBits;
        long pairTableBits;
        final long[] frequentPairBits = new long[PAIR_THRESHOLDS.length];
        final long[] contextBits = new long[CONTEXTS.length];
        final long[] escapedBits = new long[RARE_LIMITS.length];
        final int rawSymbolBits;
        long compactTableBits;

        Totals(final String name, final int alphabetSize) {
            this.name = name;
            this.rawSymbolBits = 32 - Integer.numberOfLeadingZeros(alphabetSize - 1);
        }
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args) {
        final List<SharedRecordings.Device> devices = SharedRecordings.balabit(BlockLayout.DEFAULT_EVENTS);
        if (devices.isEmpty()) {
            System.err.println("SymbolPairReport: " + SharedData.absentMessage(SharedData.BALABIT));
            System.exit(2);
        }
        new SymbolPairReport().run(devices, BlockLayout.VERSION_SUBPIXEL);
    }

    private void run(final List<SharedRecordings.Device> devices, final int formatVersion) {
        final BlockEncoder encoder = new BlockEncoder().lz4(false).formatVersion(formatVersion);
        long tableBits = 0;
        final Totals time = new Totals("TIME", TIME_ALPHABET);
        final Totals pointer = new Totals("POINTER", POINTER_ALPHABET);
        final int[] symbols = new int[BlockLayout.DEFAULT_EVENTS];
        long events = 0;
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                encoder.encode(1L, batch);
                tableBits += encoder.tableBits();
                final int n = batch.size();
                for (int i = 0; i < n; i++) {
                    symbols[i] = encoder.timeSymbol(i);
                }
                measure(time, symbols, n);
                final int m = encoder.pointerSymbolCount();
                for (int i = 0; i < m; i++) {
                    symbols[i] = encoder.pointerSymbol(i);
                }
                measure(pointer, symbols, m);
                events += n;
            }
        }
        System.out.printf(Locale.ROOT, "Balabit, %d events, block format version %d, bytes/event (codes + tables):%n",
            events, formatVersion);
        print(time, events);
        print(pointer, events);
        System.out.printf(Locale.ROOT, "every table the encoder wrote, all streams: %.4f%n",
            tableBits / (double)Byte.SIZE / events);
    }

    private void measure(final Totals totals, final int[] symbols, final int n) {
        if (n == 0) {
            return;
        }
        final long[] stored = singlesBits(symbols, n, codes[0]);
        totals.storedCodeBits += stored[0];
        totals.storedTableBits += stored[1];
        totals.compactTableBits += compactTableBits(codes[0]);
        final Map<Long, Integer> pairs = pairCounts(symbols, n);
        final int rankBits = rankBits(usedSymbols(symbols, n));
        totals.pairCodeBits += minimumRedundancyBits(pairs.values());
        totals.pairTableBits += COUNT_BITS + (long)pairs.size() * (2 * rankBits + LENGTH_BITS);
        for (int t = 0; t < PAIR_THRESHOLDS.length; t++) {
            totals.frequentPairBits[t] += frequentPairBits(symbols, n, pairs, PAIR_THRESHOLDS[t], rankBits);
        }
        for (int c = 0; c < CONTEXTS.length; c++) {
            totals.contextBits[c] += contextBits(symbols, n, CONTEXTS[c], rankBits);
        }
        for (int r = 0; r < RARE_LIMITS.length; r++) {
            totals.escapedBits[r] += escapedBits(symbols, n, RARE_LIMITS[r], totals.rawSymbolBits);
        }
    }

    /**
     * Symbols seen fewer than {@code limit} times in the block left out of the table: each is an escape symbol and
     * then the symbol raw.
     */
    private long escapedBits(final int[] symbols, final int n, final int limit, final int rawSymbolBits) {
        final HuffmanEncoder all = codes[0];
        all.reset();
        for (int i = 0; i < n; i++) {
            all.count(symbols[i]);
        }
        final Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(symbols[i], 1, Integer::sum);
        }
        final HuffmanEncoder code = codes[1];
        code.reset();
        long rawBits = 0;
        for (int i = 0; i < n; i++) {
            if (counts.get(symbols[i]) < limit) {
                code.count(ESCAPE);
                rawBits += rawSymbolBits;
            } else {
                code.count(symbols[i]);
            }
        }
        code.build();
        long bits = rawBits + tableBits(code);
        for (int i = 0; i < n; i++) {
            bits += code.codeLength(counts.get(symbols[i]) < limit ? ESCAPE : symbols[i]);
        }
        return bits;
    }

    /** Bits of a built code's table in format version 3's compact form. */
    private long compactTableBits(final HuffmanEncoder code) {
        tableWriter.wrap(tableBuffer, 0, tableBuffer.length);
        code.writeCompactTable(tableWriter);
        return tableWriter.position() * (long)Byte.SIZE + tableWriter.pendingCount();
    }

    /** @return {code bits, table bits} of the symbols in one code written as the encoder writes it. */
    private long[] singlesBits(final int[] symbols, final int n, final HuffmanEncoder code) {
        code.reset();
        for (int i = 0; i < n; i++) {
            code.count(symbols[i]);
        }
        code.build();
        return new long[] {codeBits(code, symbols, n, null, -1), tableBits(code)};
    }

    /** Bits of a built code's table as block format version 2 writes it. */
    private long tableBits(final HuffmanEncoder code) {
        tableWriter.wrap(tableBuffer, 0, tableBuffer.length);
        code.writeTable(tableWriter);
        return tableWriter.position() * (long)Byte.SIZE + tableWriter.pendingCount();
    }

    /** Code bits of the symbols whose context is {@code context} ({@code contexts} null: every symbol). */
    private static long codeBits(
        final HuffmanEncoder code, final int[] symbols, final int n, final int[] contexts, final int context) {
        long bits = 0;
        for (int i = 0; i < n; i++) {
            if (contexts == null || contexts[i] == context) {
                bits += code.codeLength(symbols[i]);
            }
        }
        return bits;
    }

    private long frequentPairBits(
        final int[] symbols, final int n, final Map<Long, Integer> pairs, final int threshold, final int rankBits) {
        final List<Integer> kept = new ArrayList<>();
        final HuffmanEncoder escaped = codes[0];
        escaped.reset();
        int escapes = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            if (pairs.get(pair(symbols[i], symbols[i + 1])) < threshold) {
                escapes++;
                escaped.count(symbols[i]);
                escaped.count(symbols[i + 1]);
            }
        }
        if (n % 2 == 1) {
            escaped.count(symbols[n - 1]);
        }
        escaped.build();
        long tableBits = tableBits(escaped) + COUNT_BITS;
        long bits = 0;
        for (int i = 0; i + 1 < n; i += 2) {
            if (pairs.get(pair(symbols[i], symbols[i + 1])) < threshold) {
                bits += escaped.codeLength(symbols[i]) + escaped.codeLength(symbols[i + 1]);
            }
        }
        if (n % 2 == 1) {
            bits += escaped.codeLength(symbols[n - 1]);
        }
        for (final int count : pairs.values()) {
            if (count >= threshold) {
                kept.add(count);
                tableBits += 2 * rankBits + LENGTH_BITS;
            }
        }
        if (escapes > 0) {
            kept.add(escapes);
        }
        return bits + minimumRedundancyBits(kept) + tableBits;
    }

    private long contextBits(final int[] symbols, final int n, final int contextCount, final int rankBits) {
        final int[] top = mostFrequent(symbols, n, contextCount - 1);
        final int[] contexts = new int[n];
        int context = contextCount - 1;
        for (int i = 0; i < n; i++) {
            contexts[i] = context;
            context = contextCount - 1;
            for (int r = 0; r < top.length; r++) {
                if (top[r] == symbols[i]) {
                    context = r;
                }
            }
        }
        long bits = (long)(contextCount - 1) * rankBits;
        for (int c = 0; c < contextCount; c++) {
            final HuffmanEncoder code = codes[c];
            code.reset();
            for (int i = 0; i < n; i++) {
                if (contexts[i] == c) {
                    code.count(symbols[i]);
                }
            }
            code.build();
            bits += tableBits(code) + codeBits(code, symbols, n, contexts, c);
        }
        return bits;
    }

    private static int[] mostFrequent(final int[] symbols, final int n, final int k) {
        final Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(symbols[i], 1, Integer::sum);
        }
        return counts.entrySet().stream()
            .sorted((a, b) -> b.getValue().equals(a.getValue())
                ? Integer.compare(a.getKey(), b.getKey()) : Integer.compare(b.getValue(), a.getValue()))
            .limit(k).mapToInt(Map.Entry::getKey).toArray();
    }

    private static Map<Long, Integer> pairCounts(final int[] symbols, final int n) {
        final Map<Long, Integer> pairs = new HashMap<>();
        for (int i = 0; i + 1 < n; i += 2) {
            pairs.merge(pair(symbols[i], symbols[i + 1]), 1, Integer::sum);
        }
        if (n % 2 == 1) {
            pairs.merge(pair(symbols[n - 1], -1), 1, Integer::sum);
        }
        return pairs;
    }

    private static long pair(final int first, final int second) {
        return (long)first << 32 | second & 0xFFFF_FFFFL;
    }

    private static int usedSymbols(final int[] symbols, final int n) {
        final Map<Integer, Boolean> used = new HashMap<>();
        for (int i = 0; i < n; i++) {
            used.put(symbols[i], Boolean.TRUE);
        }
        return used.size();
    }

    private static int rankBits(final int used) {
        return 32 - Integer.numberOfLeadingZeros(used);
    }

    /** Bits of a minimum-redundancy (Huffman) code without a length limit over these counts: the sum of merges. */
    private static long minimumRedundancyBits(final Iterable<Integer> counts) {
        final PriorityQueue<Long> queue = new PriorityQueue<>();
        for (final int count : counts) {
            queue.add((long)count);
        }
        long bits = 0;
        while (queue.size() > 1) {
            final long merged = queue.poll() + queue.poll();
            bits += merged;
            queue.add(merged);
        }
        return bits;
    }

    private static void print(final Totals totals, final long events) {
        final double stored = (totals.storedCodeBits + totals.storedTableBits) / (double)Byte.SIZE / events;
        System.out.printf(Locale.ROOT, "%s as stored: %.4f (%.4f + %.4f)%n", totals.name, stored,
            totals.storedCodeBits / (double)Byte.SIZE / events, totals.storedTableBits / (double)Byte.SIZE / events);
        printVariant(totals.name + " pairs", (totals.pairCodeBits + totals.pairTableBits) / (double)Byte.SIZE / events,
            stored, String.format(Locale.ROOT, " (%.4f + %.4f)", totals.pairCodeBits / (double)Byte.SIZE / events,
                totals.pairTableBits / (double)Byte.SIZE / events));
        for (int t = 0; t < PAIR_THRESHOLDS.length; t++) {
            printVariant(totals.name + " pairs seen " + PAIR_THRESHOLDS[t] + "+ times",
                totals.frequentPairBits[t] / (double)Byte.SIZE / events, stored, "");
        }
        printVariant(totals.name + " tables in version 3's compact form", (totals.storedCodeBits
            + totals.compactTableBits) / (double)Byte.SIZE / events, stored, "");
        for (int r = 0; r < RARE_LIMITS.length; r++) {
            printVariant(totals.name + " symbols seen fewer than " + RARE_LIMITS[r] + " times escaped",
                totals.escapedBits[r] / (double)Byte.SIZE / events, stored, "");
        }
        for (int c = 0; c < CONTEXTS.length; c++) {
            printVariant(totals.name + " " + CONTEXTS[c] + " contexts",
                totals.contextBits[c] / (double)Byte.SIZE / events, stored, "");
        }
    }

    private static void printVariant(
        final String name, final double perEvent, final double stored, final String parts) {
        System.out.printf(Locale.ROOT, "%s: %.4f%s, %+.4f%n", name, perEvent, parts, perEvent - stored);
    }
}

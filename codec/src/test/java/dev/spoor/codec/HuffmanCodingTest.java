/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import dev.spoor.codec.entropy.BitReader;
import dev.spoor.codec.entropy.BitWriter;
import dev.spoor.codec.entropy.HuffmanCode;
import dev.spoor.codec.entropy.HuffmanDecoder;
import dev.spoor.codec.entropy.HuffmanEncoder;
import dev.spoor.codec.entropy.ValueClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuffmanCodingTest {
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldRoundTripSkewedAlphabetsWithinTheLengthLimit(final long seed) {
        final Random random = new Random(seed);
        final int alphabet = 1 + random.nextInt(HuffmanCode.MAX_ALPHABET);
        final int[] symbols = new int[20_000];
        // Fibonacci-like counts force code lengths past the limit unless it is enforced.
        int next = 0;
        for (int rank = 0; rank < 40 && next < symbols.length; rank++) {
            final int count = (int)Math.min(symbols.length - next, Math.round(Math.pow(1.6, rank)));
            final int symbol = random.nextInt(alphabet);
            for (int i = 0; i < count; i++) {
                symbols[next++] = symbol;
            }
        }
        while (next < symbols.length) {
            symbols[next++] = random.nextInt(alphabet);
        }
        roundTrip(alphabet, symbols, "seed=" + seed + " alphabet=" + alphabet);
        roundTrip(alphabet, symbols, "seed=" + seed + " alphabet=" + alphabet + " compact", true);
    }

    @Test
    void shouldCodeALoneSymbolInZeroBits() {
        final int[] symbols = new int[1000];
        Arrays.fill(symbols, 77);
        final int bytes = roundTrip(100, symbols, "lone symbol");
        assertTrue(bytes <= 4, "1000 copies of one symbol took " + bytes + " bytes");
        assertEquals(bytes, roundTrip(100, symbols, "lone symbol, compact", true));
    }

    @Test
    void shouldCodeEverySymbolOfTheLargestAlphabet() {
        final int[] symbols = new int[HuffmanCode.MAX_ALPHABET];
        for (int i = 0; i < symbols.length; i++) {
            symbols[i] = i;
        }
        roundTrip(HuffmanCode.MAX_ALPHABET, symbols, "full alphabet");
        roundTrip(HuffmanCode.MAX_ALPHABET, symbols, "full alphabet, compact", true);
    }

    /**
     * A table like a mouse block's TIME table (sparse symbols, lengths that change by one from symbol to symbol)
     * takes fewer bits in the compact form; and a compact table whose lengths step outside 1..13 is rejected.
     */
    @Test
    void shouldWriteSparseTablesCompactlyAndRejectLengthsThatStepOutOfRange() {
        final int[] symbols = new int[4000];
        for (int i = 0; i < symbols.length; i++) {
            // Symbols 30 apart, counts falling off geometrically: about 12 symbols in use.
            symbols[i] = 30 * Integer.numberOfTrailingZeros(i + 1);
        }
        final int classic = roundTrip(400, symbols, "sparse");
        final int compact = roundTrip(400, symbols, "sparse, compact", true);
        assertTrue(compact < classic, "compact table " + compact + " bytes, classic " + classic);

        // usedCount 2, order 0; symbol 0 with length 1 (4 bits 0000); symbol 1 one shorter (bits 1, 0, 1): 0.
        final byte[] buffer = new byte[64];
        final BitWriter writer = new BitWriter().wrap(buffer, 0, buffer.length - BitReader.PADDING_BYTES);
        writer.write(2, 14);
        writer.write(0, 3);
        writer.writeGamma(1);
        writer.write(0, 4);
        writer.writeGamma(1);
        writer.write(0b101, 3);
        final BitReader reader = new BitReader().wrap(buffer, 0, writer.finish(), "test");
        final CorruptBlockException e =
            assertThrows(CorruptBlockException.class, () -> new HuffmanDecoder(400).readTable(reader, "T", true));
        assertTrue(e.getMessage().contains("T table: code length 0 for symbol 1 outside 1..13"), e.getMessage());
    }

    @Test
    void valueClassesRoundTripEdgeValues() {
        final long[] values = {0, 1, 2, 3, 1023, 1024, 1025, 65535, 1L << 31, (1L << 32) - 1, Long.MAX_VALUE, -1,
            Long.MIN_VALUE};
        for (final ValueClasses classes : new ValueClasses[] {new ValueClasses(10, 64), new ValueClasses(1, 64)}) {
            final byte[] buffer = new byte[4096];
            final BitWriter writer = new BitWriter().wrap(buffer, 0, buffer.length - BitReader.PADDING_BYTES);
            for (final long v : values) {
                final int symbol = classes.symbol(v);
                writer.write(symbol, 16);
                classes.writeExtra(writer, symbol, v);
            }
            final int end = writer.finish();
            final BitReader reader = new BitReader().wrap(buffer, 0, end, "test");
            for (final long v : values) {
                final int symbol = (int)reader.read(16);
                assertTrue(symbol < classes.alphabetSize(), "symbol " + symbol + " for " + v);
                assertEquals(v, classes.readValue(reader, symbol), "value " + Long.toUnsignedString(v));
            }
            reader.checkFullyConsumed();
        }
    }

    @Test
    void valueClassesGiveEachValueTheClassThatHoldsIt() {
        final long seed = Long.getLong("spoor.test.seed", 0xc1a55L);
        System.out.println("valueClassesGiveEachValueTheClassThatHoldsIt seed=" + seed);
        final Random random = new Random(seed);
        for (final int valueBits : new int[] {32, 64}) {
            for (int directBits = 1; directBits <= 12; directBits++) {
                final ValueClasses classes = new ValueClasses(directBits, valueBits);
                for (int i = 0; i < 20_000; i++) {
                    final int bits = random.nextInt(valueBits + 1);
                    final long value = bits == 0 ? 0 : random.nextLong() >>> (Long.SIZE - bits);
                    final int symbol = classes.symbol(value);
                    final long offset = value - classes.base(symbol);
                    final int direct = directBits;
                    assertTrue(symbol >= 0 && symbol < classes.alphabetSize()
                        && Long.compareUnsigned(offset, (1L << classes.extraBits(symbol)) - 1) <= 0
                        && Long.compareUnsigned(value, classes.base(symbol)) >= 0,
                        () -> "value " + Long.toUnsignedString(value) + " got symbol " + symbol + " (directBits="
                            + direct + ", valueBits=" + valueBits + ")");
                }
            }
        }
    }

    private static int roundTrip(final int alphabet, final int[] symbols, final String context) {
        return roundTrip(alphabet, symbols, context, false);
    }

    private static int roundTrip(final int alphabet, final int[] symbols, final String context,
        final boolean isCompact) {
        final HuffmanEncoder encoder = new HuffmanEncoder(alphabet);
        encoder.reset();
        for (final int s : symbols) {
            encoder.count(s);
        }
        encoder.build();
        final byte[] buffer = new byte[symbols.length * 4 + 65_536];
        final BitWriter writer = new BitWriter().wrap(buffer, 0, buffer.length - BitReader.PADDING_BYTES);
        if (isCompact) {
            encoder.writeCompactTable(writer);
        } else {
            encoder.writeTable(writer);
        }
        for (final int s : symbols) {
            assertTrue(encoder.codeLength(s) <= HuffmanCode.MAX_CODE_LENGTH, context + ": code too long");
            encoder.encode(writer, s);
        }
        final int end = writer.finish();
        final BitReader reader = new BitReader().wrap(buffer, 0, end, "test");
        final HuffmanDecoder decoder = new HuffmanDecoder(alphabet);
        decoder.readTable(reader, "test", isCompact);
        for (int i = 0; i < symbols.length; i++) {
            assertEquals(symbols[i], decoder.decode(reader), context + ": symbol " + i);
        }
        reader.checkFullyConsumed();
        return end;
    }
}

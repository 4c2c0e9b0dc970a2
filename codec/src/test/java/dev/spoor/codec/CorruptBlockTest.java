/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damages valid blocks in seeded ways (bit flips, byte runs, truncation, lying length fields) and checks
 * the decoder's contract: a {@link CorruptBlockException}, or exactly the original events when the damage
 * hit nothing that matters; never another exception, never different events, never a hang.
 */
class CorruptBlockTest {
    private static final long BASE_SEED = Long.getLong("spoor.test.seed", 0xC0FFEEL);
    private static final int CORRUPTIONS = 10_000;
    private static final int[] LENGTH_FIELDS = {
        BlockLayout.COUNT_OFFSET, BlockLayout.STORED_LENGTH_OFFSET, BlockLayout.RAW_LENGTH_OFFSET,
    };

    private static final List<EventBatch> ORIGINALS = new ArrayList<>();
    private static final List<byte[]> BLOCKS = new ArrayList<>();

    @BeforeAll
    static void encodeSamples() {
        final Random random = new Random(BASE_SEED);
        final BlockEncoder encoder = new BlockEncoder(BlockLayout.DEFAULT_EVENTS);
        for (int i = 0; i < 24; i++) {
            final EventBatch batch = new EventBatch(BlockLayout.DEFAULT_EVENTS);
            RandomEvents.fill(random, batch, 1 + random.nextInt(i < 12 ? 40 : 3000));
            encoder.lz4(i % 2 == 0);
            // Every fourth sample in the format before version 3, so damage to both readers is tried.
            encoder.formatVersion(i % 4 == 3 ? BlockLayout.VERSION_SUBPIXEL : BlockLayout.VERSION);
            final int length = encoder.encode(random.nextLong(), batch);
            ORIGINALS.add(batch);
            BLOCKS.add(Arrays.copyOf(encoder.blockBuffer(), length));
        }
        // A block LZ4 shrinks: one repeated pattern, so the compressed branch is damaged too.
        final EventBatch repetitive = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        for (int i = 0; i < 4000; i++) {
            repetitive.addMove(i * 1000L * (i % 7), (i % 5) * 100_000, (i % 3) * 7, 0);
        }
        final int length = encoder.lz4(true).formatVersion(BlockLayout.VERSION).encode(7, repetitive);
        assertTrue((encoder.blockBuffer()[BlockLayout.FLAGS_OFFSET] & BlockLayout.FLAG_LZ4) != 0,
            "sample meant to exercise the LZ4 branch was stored uncompressed");
        ORIGINALS.add(repetitive);
        BLOCKS.add(Arrays.copyOf(encoder.blockBuffer(), length));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyCorruptionIsDetectedOrHarmless() {
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch decoded = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        int detected = 0;
        for (int i = 0; i < CORRUPTIONS; i++) {
            final long seed = BASE_SEED + i;
            final Random random = new Random(seed);
            final int sample = random.nextInt(BLOCKS.size());
            final byte[] damaged = BLOCKS.get(sample).clone();
            final String what = damage(random, damaged);
            final int length = truncatedLength(random, damaged.length, what);
            detected += decodeExpectingCorruptionOrOriginal(decoder, decoded, damaged, length, sample,
                "seed=" + seed + " sample=" + sample + " damage=" + what);
        }
        System.out.println("CorruptBlockTest: " + detected + " of " + CORRUPTIONS + " corruptions detected, the rest"
            + " decoded exactly (base seed " + BASE_SEED + ")");
        assertTrue(detected > CORRUPTIONS * 9 / 10, "detected only " + detected);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damageBehindAValidChecksumNeverThrowsAnythingElse() {
        // An adversary (or a bug upstream) can write a block whose CRC matches its damage: the stream checks
        // must still end in CorruptBlockException or a full decode, never another exception or a hang.
        final BlockDecoder decoder = new BlockDecoder();
        // With a valid checksum a lying count is a valid header: give the decoder room for any count.
        final EventBatch decoded = new EventBatch(BlockLayout.MAX_EVENTS);
        final CRC32C crc = new CRC32C();
        for (int i = 0; i < 3_000; i++) {
            final long seed = BASE_SEED + CORRUPTIONS + i;
            final Random random = new Random(seed);
            final byte[] damaged = BLOCKS.get(random.nextInt(BLOCKS.size())).clone();
            final String what = damage(random, damaged);
            final int length = truncatedLength(random, damaged.length, what);
            final int stored = ByteArrayAccess.getInt(damaged, BlockLayout.STORED_LENGTH_OFFSET);
            if (length > BlockLayout.HEADER_LENGTH && stored >= 1 && stored <= length - BlockLayout.HEADER_LENGTH) {
                final int checksum = BlockChecksum.compute(crc, damaged, BlockLayout.HEADER_LENGTH + stored);
                ByteArrayAccess.putInt(damaged, BlockLayout.CRC_OFFSET, checksum);
            }
            try {
                decoder.decode(new UnsafeBuffer(damaged), 0, length, decoded);
            } catch (final CorruptBlockException expected) {
                assertEquals(0, decoded.size(), "seed=" + seed + ": batch must be empty after a corrupt block");
            } catch (final RuntimeException e) {
                throw new AssertionError("seed=" + seed + " damage=" + what + ": unexpected " + e, e);
            }
        }
    }

    @Test
    void namesWhatIsWrongAndWhere() {
        final byte[] block = BLOCKS.get(0).clone();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch out = new EventBatch(BlockLayout.DEFAULT_EVENTS);

        final byte[] badMagic = block.clone();
        badMagic[0] ^= 1;
        assertMessage(decoder, out, badMagic, badMagic.length, "magic=", BlockLayout.MAGIC_OFFSET);

        final byte[] newerVersion = block.clone();
        ByteArrayAccess.putShort(newerVersion, BlockLayout.VERSION_OFFSET, 99);
        assertMessage(decoder, out, newerVersion, newerVersion.length, "version=99", BlockLayout.VERSION_OFFSET);

        assertMessage(decoder, out, block, block.length - 1, "truncated", BlockLayout.STORED_LENGTH_OFFSET);
        assertMessage(decoder, out, block, 10, "shorter than the 56-byte header", 0);

        final byte[] flipped = block.clone();
        flipped[block.length - 1] ^= 0x10;
        assertMessage(decoder, out, flipped, flipped.length, "crc32c mismatch", BlockLayout.CRC_OFFSET);

        final byte[] lyingCount = block.clone();
        ByteArrayAccess.putInt(lyingCount, BlockLayout.COUNT_OFFSET, Integer.MAX_VALUE);
        assertMessage(decoder, out, lyingCount, lyingCount.length, "eventCount=2147483647",
            BlockLayout.COUNT_OFFSET);

        final byte[] subPixelInVersionOne = block.clone();
        ByteArrayAccess.putShort(subPixelInVersionOne, BlockLayout.VERSION_OFFSET, 1);
        ByteArrayAccess.putShort(subPixelInVersionOne, BlockLayout.FLAGS_OFFSET,
            ByteArrayAccess.getUnsignedShort(block, BlockLayout.FLAGS_OFFSET) | BlockLayout.FLAG_SUBPIXEL);
        assertMessage(decoder, out, subPixelInVersionOne, subPixelInVersionOne.length, "for version 1",
            BlockLayout.FLAGS_OFFSET);
    }

    @Test
    void namesBadFractionBits() {
        final EventBatch events = GoldenBlockTest.subPixelEvents(false);
        final BlockEncoder encoder = new BlockEncoder(events.capacity()).lz4(false);
        final byte[] block = Arrays.copyOf(encoder.blockBuffer(), encoder.encode(9, events));
        // TIME and POINTER come first; the SUBPIXEL stream's first byte holds its 4-bit count of fraction bits.
        final int timeLength = ByteArrayAccess.getInt(block, BlockLayout.HEADER_LENGTH);
        final int pointerAt = BlockLayout.HEADER_LENGTH + BlockLayout.STREAM_LENGTH_BYTES + timeLength;
        final int subPixelAt = pointerAt + BlockLayout.STREAM_LENGTH_BYTES + ByteArrayAccess.getInt(block, pointerAt);
        assertEquals(1, ByteArrayAccess.getInt(block, subPixelAt), "SUBPIXEL stream length");
        assertEquals(8, block[subPixelAt + BlockLayout.STREAM_LENGTH_BYTES] & 0xF, "fraction bits");
        block[subPixelAt + BlockLayout.STREAM_LENGTH_BYTES] &= (byte)0xF0; // 0 fraction bits
        ByteArrayAccess.putInt(block, BlockLayout.CRC_OFFSET, BlockChecksum.compute(new CRC32C(), block, block.length));
        final CorruptBlockException e = assertThrows(CorruptBlockException.class,
            () -> new BlockDecoder().decode(new UnsafeBuffer(block), 0, block.length, new EventBatch(1024)));
        assertTrue(e.getMessage().contains("SUBPIXEL") && e.getMessage().contains("fraction bits=0"), e.getMessage());
    }

    private static void assertMessage(
        final BlockDecoder decoder, final EventBatch out, final byte[] block, final int length, final String part,
        final int offset) {
        final CorruptBlockException e = assertThrows(CorruptBlockException.class,
            () -> decoder.decode(new UnsafeBuffer(block), 0, length, out));
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        assertEquals(offset, e.blockOffset(), e.getMessage());
    }

    private static int decodeExpectingCorruptionOrOriginal(
        final BlockDecoder decoder, final EventBatch decoded, final byte[] damaged, final int length, final int sample,
        final String context) {
        try {
            decoder.decode(new UnsafeBuffer(damaged), 0, length, decoded);
        } catch (final CorruptBlockException expected) {
            assertEquals(0, decoded.size(), context + ": batch must be empty after a corrupt block");
            return 1;
        } catch (final RuntimeException e) {
            throw new AssertionError(context + ": expected CorruptBlockException, got " + e, e);
        }
        BlockAssertions.assertSameEvents(ORIGINALS.get(sample), decoded, context + " (decoded without complaint)");
        return 0;
    }

    /** Applies one seeded kind of damage in place; returns its description. */
    private static String damage(final Random random, final byte[] block) {
        final int kind = random.nextInt(6);
        final int at = random.nextInt(block.length);
        switch (kind) {
            case 0:
                final int bit = random.nextInt(8);
                block[at] ^= (byte)(1 << bit);
                return "flip bit " + bit + " of byte " + at;
            case 1:
                final int run = 1 + random.nextInt(Math.min(16, block.length - at));
                for (int i = 0; i < run; i++) {
                    block[at + i] = (byte)random.nextInt(256);
                }
                return "random run of " + run + " at " + at;
            case 2:
                final int field = LENGTH_FIELDS[random.nextInt(LENGTH_FIELDS.length)];
                final int value = random.nextBoolean() ? random.nextInt() : random.nextInt(block.length * 2);
                ByteArrayAccess.putInt(block, field, value);
                return "length field at " + field + " set to " + value;
            case 3:
                return "truncate";
            case 4:
                final int headerByte = random.nextInt(BlockLayout.HEADER_LENGTH);
                block[headerByte] ^= (byte)(1 + random.nextInt(255));
                return "header byte " + headerByte;
            default:
                final int other = random.nextInt(block.length);
                final byte swap = block[at];
                block[at] = block[other];
                block[other] = swap;
                return "swap bytes " + at + " and " + other;
        }
    }

    private static int truncatedLength(final Random random, final int length, final String what) {
        return "truncate".equals(what) ? random.nextInt(length) : length;
    }
}

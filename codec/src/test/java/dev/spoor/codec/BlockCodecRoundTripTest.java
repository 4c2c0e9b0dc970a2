/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static dev.spoor.codec.BlockAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockCodecRoundTripTest {
    private static final long BASE_SEED = Long.getLong("spoor.test.seed", 0x5eed_2026L);
    private static final int[] BLOCK_SIZES = {1, 2, 17, 512, BlockLayout.DEFAULT_EVENTS};

    static LongStream seeds() {
        return LongStream.range(0, 1200).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldDecodeExactlyWhatWasEncoded(final long seed) {
        final Random random = new Random(seed);
        final int blockSize = BLOCK_SIZES[random.nextInt(BLOCK_SIZES.length)];
        final int n = 1 + random.nextInt(blockSize);
        final EventBatch original = new EventBatch(blockSize);
        RandomEvents.fill(random, original, n);
        final boolean isDirect = random.nextBoolean();
        final MutableDirectBuffer buffer = isDirect
            ? new UnsafeBuffer(ByteBuffer.allocateDirect(BlockLayout.maxBlockLength(blockSize) + 64))
            : new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(blockSize) + 64]);
        final int offset = random.nextInt(64);
        final long deviceId = random.nextLong();
        // One block in four is written as builds before version 3 wrote it: every version stays readable.
        final int version = random.nextInt(4) == 0 ? BlockLayout.VERSION_SUBPIXEL : BlockLayout.VERSION;
        final String context = "seed=" + seed + " (replay with -Dspoor.test.seed=" + seed + " for the first case)"
            + " blockSize=" + blockSize + " n=" + n + " direct=" + isDirect + " formatVersion=" + version;

        final int length = new BlockEncoder(blockSize).lz4(random.nextBoolean()).formatVersion(version)
            .encode(deviceId, original, buffer, offset);
        assertTrue(length <= BlockLayout.maxBlockLength(n), context + ": length " + length + " over the bound");

        final EventBatch decoded = new EventBatch(blockSize);
        assertEquals(length, new BlockDecoder().decode(buffer, offset, length, decoded), context);
        assertSameEvents(original, decoded, context);
        assertDecoderSummary(decoded, context);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, offset, length);
        assertEquals(deviceId, header.deviceId(), context);
        assertEquals(n, header.eventCount(), context);
        assertEquals(length, header.blockLength(), context);
        final boolean isClock = (header.flags() & BlockLayout.FLAG_CLOCK) != 0;
        assertEquals(version == BlockLayout.VERSION ? BlockLayout.VERSION
            : hasFractions(original) || isClock ? BlockLayout.VERSION_SUBPIXEL : BlockLayout.VERSION_WHOLE_PIXELS,
            header.version(), context);
    }

    /** Whether a block of these events needs sub-pixel coordinates (a version 2 block when not version 3). */
    private static boolean hasFractions(final EventBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.xFractionColumn()[i] != 0 || batch.yFractionColumn()[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * What the decoder says of a batch without a pass over it (per-type counts, time order) is what the columns
     * hold; once the batch is added to or cleared it says nothing.
     */
    static void assertDecoderSummary(final EventBatch decoded, final String context) {
        final int[] counted = new int[EventType.COUNT];
        boolean isInOrder = true;
        for (int i = 0; i < decoded.size(); i++) {
            counted[decoded.typeCode(i)]++;
            isInOrder &= i == 0 || decoded.timestampNs(i - 1) <= decoded.timestampNs(i);
        }
        for (int t = 0; t < EventType.COUNT; t++) {
            assertEquals(counted[t], decoded.decodedTypeCount(t), context + ": decoded count of type " + t);
        }
        assertTrue(isInOrder || !decoded.isKnownInTimeOrder(), context + ": said in time order, is not");
        if (decoded.size() < decoded.capacity()) {
            decoded.addKeyUp(Long.MIN_VALUE, 1, 0);
            assertEquals(-1, decoded.decodedTypeCount(EventType.MOVE.code()), context + ": count after an add");
            assertFalse(decoded.isKnownInTimeOrder(), context + ": time order after an add");
        }
        decoded.clear();
        assertEquals(-1, decoded.decodedTypeCount(EventType.KEY_UP.code()), context + ": count after clear");
        assertFalse(decoded.isKnownInTimeOrder(), context + ": time order after clear");
    }

    @Test
    void shouldReuseEncoderAndDecoderAcrossBlocks() {
        final BlockEncoder encoder = new BlockEncoder(300);
        final BlockDecoder decoder = new BlockDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(300)]);
        final EventBatch decoded = new EventBatch(300);
        final Random random = new Random(BASE_SEED);
        for (int round = 0; round < 50; round++) {
            final EventBatch original = new EventBatch(300);
            RandomEvents.fill(random, original, 1 + random.nextInt(300));
            final int length = encoder.encode(round, original, buffer, 0);
            decoder.decode(buffer, 0, length, decoded);
            assertSameEvents(original, decoded, "seed=" + BASE_SEED + " round=" + round);
        }
    }

    /**
     * The decoder writes the wheel and key columns of a batch only as far as they may hold something other
     * than 0, and reads the rarer fields from a list of the events that are not plain moves: a batch reused
     * for blocks with and without wheel and key events, and for appending in between, must still read exactly
     * what each block holds.
     */
    /**
     * Version 3 codes the time of the event after a press (button or key down) with a table of its own: blocks that
     * end on a press (no event uses that table), presses in a row, and both kinds of press, each in both versions;
     * and the table pays where releases follow presses at their own pace.
     */
    @Test
    void shouldCodeTheEventAfterAPressApart() {
        final EventBatch endsOnPress = new EventBatch(16);
        endsOnPress.addMove(1_000_000L, 5, 5, 0);
        endsOnPress.addMove(17_000_000L, 6, 4, 0);
        endsOnPress.addButtonDown(33_000_000L, 6, 4, Buttons.LEFT);
        final EventBatch pressesInARow = new EventBatch(16);
        pressesInARow.addKeyDown(0, 65, 0);
        pressesInARow.addKeyDown(80_000_000L, 66, 1);
        pressesInARow.addButtonDown(81_000_000L, 10, 10, Buttons.RIGHT);
        pressesInARow.addKeyUp(150_000_000L, 65, 0);
        pressesInARow.addButtonUp(151_000_000L, 10, 10, Buttons.RIGHT);
        pressesInARow.addKeyDown(151_000_000L, 67, 0);
        final EventBatch clicks = new EventBatch(4096);
        long ts = 0;
        for (int i = 0; i < 3800; i++) {
            ts += 16_000_000L;
            if (i % 20 == 10) {
                clicks.addButtonDown(ts, i, 2 * i, Buttons.LEFT);
                clicks.addButtonUp(ts + 95_000_000L + (i % 3) * 1_000_000L, i, 2 * i, Buttons.LEFT);
                ts += 100_000_000L;
            } else {
                clicks.addMove(ts, i, 2 * i, 0);
            }
        }
        for (final EventBatch batch : List.of(endsOnPress, pressesInARow, clicks)) {
            for (final int version : new int[] {BlockLayout.VERSION_SUBPIXEL, BlockLayout.VERSION}) {
                roundTrip(batch, new BlockEncoder(batch.capacity()).formatVersion(version), "version " + version);
            }
            roundTrip(batch, version3(batch).pressContext(false), "no press table");
        }
        // Without LZ4, which would find this synthetic block's repeats either way.
        final int apart = roundTrip(clicks, version3(clicks).lz4(false), "press table");
        final int together = roundTrip(clicks, version3(clicks).lz4(false).pressContext(false), "no press table");
        assertTrue(apart < together, "clicks: " + apart + " bytes with the press table, " + together + " without");
    }

    private static BlockEncoder version3(final EventBatch batch) {
        return new BlockEncoder(batch.capacity()).formatVersion(BlockLayout.VERSION);
    }

    private static int roundTrip(final EventBatch batch, final BlockEncoder encoder, final String what) {
        final int length = encoder.encode(3L, batch);
        final EventBatch decoded = new EventBatch(batch.capacity());
        new BlockDecoder().decode(new UnsafeBuffer(encoder.blockBuffer()), 0, length, decoded);
        assertSameEvents(batch, decoded, batch.size() + " events, " + what);
        return length;
    }

    @Test
    void shouldLeaveNothingOfOneBlockInTheNext() {
        final BlockEncoder encoder = new BlockEncoder(64);
        final BlockDecoder decoder = new BlockDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(64)]);
        final EventBatch decoded = new EventBatch(64);
        final EventBatch everything = new EventBatch(64);
        final EventBatch movesOnly = new EventBatch(64);
        for (int i = 0; i < 64; i++) {
            switch (i % 4) {
                case 0 -> everything.addWheel(1_000L * i, i, -i, 3, -120);
                case 1 -> everything.addKeyDown(1_000L * i, 65 + i, 2);
                case 2 -> everything.addButtonDown(1_000L * i, i, i, Buttons.LEFT);
                default -> everything.addMove(1_000L * i, -i, i, Buttons.LEFT);
            }
            movesOnly.addMove(1_000L * i, i, 2 * i, 0);
        }
        final EventBatch[] blocks = {everything, movesOnly, everything, movesOnly};
        for (int b = 0; b < blocks.length; b++) {
            final int length = encoder.encode(1, blocks[b], buffer, 0);
            decoder.decode(buffer, 0, length, decoded);
            final String what = blocks[b] == movesOnly ? " (moves only)" : " (all types)";
            assertSameEvents(blocks[b], decoded, "block " + b + what);
            assertTrue(decoded.isKnownInTimeOrder(), "block " + b + what + ": ordered times known in order");
            assertEquals(blocks[b] == movesOnly ? 64 : 16, decoded.decodedTypeCount(EventType.MOVE.code()),
                "block " + b + what + ": moves");
        }
        decoded.clear();
        decoded.addWheel(1, 0, 0, 7, 7);
        decoded.addKeyUp(2, 9, 9);
        final int length = encoder.encode(1, decoded, buffer, 0);
        final EventBatch again = new EventBatch(64);
        decoder.decode(buffer, 0, length, again);
        assertSameEvents(decoded, again, "appended after decoding");
        decoder.decode(buffer, 0, encoder.encode(1, movesOnly, buffer, 0), decoded);
        assertSameEvents(movesOnly, decoded, "moves after appending");
    }

    @Test
    void shouldRecordHeaderFieldsReadableWithoutDecoding() {
        final EventBatch batch = new EventBatch(8);
        batch.addMove(5_000, 10, 20, 0);
        batch.addKeyDown(2_000, 65, 1);
        batch.addWheel(9_000, 10, 20, 0, -1);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(8)]);
        final int length = new BlockEncoder(8).encode(42L, batch, buffer, 0);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, 0, length);
        assertEquals(42L, header.deviceId());
        assertEquals(2_000, header.minTimestampNs());
        assertEquals(9_000, header.maxTimestampNs());
        assertEquals(3, header.eventCount());
        assertEquals(EventType.MOVE.maskBit() | EventType.KEY_DOWN.maskBit() | EventType.WHEEL.maskBit(),
            header.typeMask());
        assertEquals(BlockLayout.VERSION_WHOLE_PIXELS, header.version(), "whole pixels, by default");
        final int newLength = new BlockEncoder(8).formatVersion(BlockLayout.VERSION).encode(42L, batch, buffer, 0);
        assertEquals(BlockLayout.VERSION, header.wrap(buffer, 0, newLength).version());
        assertThrows(IllegalArgumentException.class, () -> new BlockEncoder(8).formatVersion(1));
        assertThrows(IllegalArgumentException.class, () -> new BlockEncoder(8).formatVersion(4));
    }

    @Test
    void encodeRejectsEmptyBatchAndTooSmallDestination() {
        final BlockEncoder encoder = new BlockEncoder(4);
        final EventBatch empty = new EventBatch(4);
        final IllegalArgumentException emptyError = assertThrows(IllegalArgumentException.class,
            () -> encoder.encode(1, empty, new UnsafeBuffer(new byte[1024]), 0));
        assertTrue(emptyError.getMessage().contains("event count=0"), emptyError.getMessage());

        final EventBatch one = new EventBatch(4);
        one.addMove(1, 2, 3, 0);
        final IllegalArgumentException smallError = assertThrows(IllegalArgumentException.class,
            () -> encoder.encode(1, one, new UnsafeBuffer(new byte[16]), 0));
        assertTrue(smallError.getMessage().contains("destination too small"), smallError.getMessage());

        final EventBatch five = new EventBatch(5);
        for (int i = 0; i < 5; i++) {
            five.addMove(i, i, i, 0);
        }
        final UnsafeBuffer large = new UnsafeBuffer(new byte[4096]);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(1, five, large, 0));
    }

    @Test
    void decodeRejectsBatchSmallerThanBlock() {
        final EventBatch batch = new EventBatch(10);
        for (int i = 0; i < 10; i++) {
            batch.addMove(i, i, i, 0);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(10)]);
        final int length = new BlockEncoder(10).encode(1, batch, buffer, 0);
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> new BlockDecoder().decode(buffer, 0, length, new EventBatch(9)));
        assertTrue(error.getMessage().contains("capacity=9"), error.getMessage());
    }

    @Test
    void batchRejectsInvalidCapacityAndOverflow() {
        assertThrows(IllegalArgumentException.class, () -> new EventBatch(0));
        assertThrows(IllegalArgumentException.class, () -> new EventBatch(BlockLayout.MAX_EVENTS + 1));
        final EventBatch batch = new EventBatch(1);
        batch.addMove(1, 1, 1, 0);
        final IllegalStateException error = assertThrows(IllegalStateException.class, () -> batch.addMove(2, 2, 2, 0));
        assertTrue(error.getMessage().contains("capacity=1"), error.getMessage());
    }

    @Test
    void cursorWalksEveryEventOnce() {
        final EventBatch batch = new EventBatch(4);
        batch.addMove(10, 1, 2, Buttons.LEFT);
        batch.addButtonUp(20, 1, 2, Buttons.LEFT);
        batch.addKeyUp(30, 13, 0);
        final EventCursor cursor = new EventCursor().of(batch);
        assertTrue(cursor.next());
        assertEquals(EventType.MOVE, cursor.type());
        assertEquals(Buttons.LEFT, cursor.buttons());
        assertTrue(cursor.next());
        assertEquals(EventType.BUTTON_UP, cursor.type());
        assertTrue(cursor.next());
        assertEquals(13, cursor.key());
        assertEquals(30, cursor.timestampNs());
        assertTrue(!cursor.next());
        assertTrue(!cursor.next());
    }
}

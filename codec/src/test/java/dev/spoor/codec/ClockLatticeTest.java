/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.zip.CRC32C;

import static dev.spoor.codec.BlockAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocks whose timestamps sit on the ticks of a coarse clock ({@link ClockLattice}, {@link BlockLayout#FLAG_CLOCK}):
 * coded in those ticks, given back exactly, smaller; every other block written byte for byte as before; a damaged
 * clock section refused naming its field. Random cases print their seed ({@code -Dspoor.test.seed}).
 */
class ClockLatticeTest {
    private static final long BASE_SEED = Long.getLong("spoor.test.seed", 0xC10C_2026L);
    /** Bit offsets in the TIME stream of a clock block: after the first timestamp and the tick. */
    private static final int PERIOD_BIT = 128;
    private static final int COUNT_BIT = PERIOD_BIT + ClockLattice.PERIOD_BITS;
    private static final int FIRST_START_BIT = COUNT_BIT + ClockLattice.COUNT_BITS;
    private static final int FIRST_END_BIT = FIRST_START_BIT + ClockLattice.INDEX_BITS;
    private static final int SEGMENT_BITS = 2 * ClockLattice.INDEX_BITS + ClockLattice.PHASE_BITS;

    static LongStream seeds() {
        return LongStream.range(0, 300).map(i -> BASE_SEED + i);
    }

    /**
     * A Windows client's mouse: the system time moves on by 156,001 x 100 ns per clock interrupt and is written in
     * whole ms, so events 7 interrupts apart are 109 or 110 ms apart. On the clock the block is 5% smaller or more
     * (the Balabit sessions: 2.156 to 2.042 bytes an event, {@code CodecSizeReport}), and whole pixels on it are
     * version 2, since version 1 has no flag for it.
     */
    @Test
    void aWindowsClientsTimestampsAreCodedInClockTicks() {
        final Random random = new Random(BASE_SEED);
        final EventBatch events = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        long clockNs = 1_471_949_443_019_000_000L + random.nextInt(15_600_100);
        int x = 800;
        int y = 450;
        for (int i = 0; i < events.capacity(); i++) {
            clockNs += 15_600_100L * (random.nextInt(8) == 0 ? 1 + random.nextInt(40) : 6 + random.nextInt(3));
            x += random.nextInt(7) - 3;
            y += random.nextInt(5) - 2;
            events.addMove(clockNs / 1_000_000L * 1_000_000L, x, y, 0);
        }
        final String context = "seed=" + BASE_SEED;
        final BlockEncoder onClock = new BlockEncoder().lz4(false);
        final int clocked = roundTrip(events, onClock, context);
        final BlockHeaderFlyweight header = header(onClock, clocked);
        assertTrue((header.flags() & BlockLayout.FLAG_CLOCK) != 0, context + ": flags " + header.flags());
        assertEquals(BlockLayout.VERSION_SUBPIXEL, header.version(), context);
        final BlockEncoder offClock = new BlockEncoder().lz4(false).clockLattice(false);
        final int plain = roundTrip(events, offClock, context);
        assertEquals(BlockLayout.VERSION_WHOLE_PIXELS, header(offClock, plain).version(), context);
        assertTrue(clocked < 0.95 * plain, context + ": " + clocked + " bytes on the clock, " + plain + " without");
    }

    /**
     * Clocks of the periods the encoder tries and of others, read in 0.1 to 2 ms, jumping now and then: every
     * timestamp comes back, in both format versions, and a clock the encoder tries is found in a block of 512
     * events or more.
     */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void clockTimestampsComeBackExactly(final long seed) {
        final Random random = new Random(seed);
        final int n = 1 + random.nextInt(BlockLayout.DEFAULT_EVENTS);
        final EventBatch events = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        final RandomEvents.ClockStream clock = new RandomEvents.ClockStream(random);
        RandomEvents.fillOnClock(random, events, n, clock);
        final int version = random.nextBoolean() ? BlockLayout.VERSION_SUBPIXEL : BlockLayout.VERSION;
        final String context = "seed=" + seed + " (replay with -Dspoor.test.seed=" + seed + ") n=" + n + " "
            + clock + " formatVersion=" + version;
        final BlockEncoder encoder = new BlockEncoder().formatVersion(version).lz4(random.nextBoolean());
        final int length = roundTrip(events, encoder, context);
        final boolean isClock = (header(encoder, length).flags() & BlockLayout.FLAG_CLOCK) != 0;
        if (clock.isPeriodTried() && n >= 512) {
            assertTrue(isClock, context + ": the clock was not found");
        }
    }

    /** Blocks not on a clock the encoder tries are written byte for byte as with the clock off. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void blocksOffTheClockAreWrittenAsBefore(final long seed) {
        final Random random = new Random(seed);
        final int n = 1 + random.nextInt(BlockLayout.DEFAULT_EVENTS);
        final EventBatch events = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        RandomEvents.fill(random, events, n, random.nextInt(RandomEvents.CLOCK_STYLE));
        final String context = "seed=" + seed + " n=" + n;
        final BlockEncoder on = new BlockEncoder();
        final int length = on.encode(7L, events);
        if ((header(on, length).flags() & BlockLayout.FLAG_CLOCK) != 0) {
            roundTrip(events, new BlockEncoder(), context); // a random stream may sit on a clock: still exact
            return;
        }
        final BlockEncoder off = new BlockEncoder().clockLattice(false);
        final int offLength = off.encode(7L, events);
        assertArrayEquals(Arrays.copyOf(off.blockBuffer(), offLength), Arrays.copyOf(on.blockBuffer(), length),
            context);
    }

    /** A block rewritten (compaction) goes on the clock only if it was on it: readers that read it still can. */
    @Test
    void aBlockIsRewrittenOnTheClockOnlyIfItWasOnIt() {
        final EventBatch events = windowsMoves(new Random(BASE_SEED), 2_000);
        final BlockEncoder offClock = new BlockEncoder().clockLattice(false);
        final int plainLength = offClock.encode(1L, events);
        final BlockEncoder rewriter = new BlockEncoder().like(header(offClock, plainLength));
        assertEquals(0, header(rewriter, rewriter.encode(1L, events)).flags() & BlockLayout.FLAG_CLOCK);
        final BlockEncoder onClock = new BlockEncoder();
        final int clockLength = onClock.encode(1L, events);
        rewriter.like(header(onClock, clockLength));
        assertTrue((header(rewriter, rewriter.encode(1L, events)).flags() & BlockLayout.FLAG_CLOCK) != 0);
    }

    @Test
    void aDamagedClockSectionIsRefusedNamingTheField() {
        final EventBatch events = windowsMoves(new Random(BASE_SEED), 1_000);
        final BlockEncoder encoder = new BlockEncoder().lz4(false);
        final int length = encoder.encode(1L, events);
        final byte[] block = Arrays.copyOf(encoder.blockBuffer(), length);
        assertTrue((header(encoder, length).flags() & BlockLayout.FLAG_CLOCK) != 0, "the block must be on the clock");
        assertRefused(block, b -> setBits(b, PERIOD_BIT, 64, 0), "clock period=0");
        assertRefused(block, b -> setBits(b, PERIOD_BIT, 64, 1L << 32), "clock period=4294967296");
        assertRefused(block, b -> setBits(b, COUNT_BIT, 16, 0), "clock segments=0 outside 1..500");
        assertRefused(block, b -> setBits(b, COUNT_BIT, 16, 501), "clock segments=501");
        assertRefused(block, b -> setBits(b, FIRST_END_BIT, 17, 1), "clock segment 0 [0, 1)");
        assertRefused(block, b -> setBits(b, FIRST_END_BIT, 17, 1_001), "clock segment 0 [0, 1001)");
        // The golden clock events: segments [0, 415), [415, 725), [733, 1036).
        final EventBatch threeSegments = GoldenBlockTest.clockEvents();
        final int threeLength = encoder.encode(1L, threeSegments);
        final byte[] three = Arrays.copyOf(encoder.blockBuffer(), threeLength);
        assertRefused(three, b -> setBits(b, FIRST_START_BIT + SEGMENT_BITS, 17, 400),
            "clock segment 1 [400, 725) is not within [415, 1036)");
        assertRefused(three, b -> setBits(b, FIRST_START_BIT + 2 * SEGMENT_BITS, 17, 1_035),
            "clock segment 2 [1035, 1036)");
    }

    /** Clocks near either end of a long: every timestamp comes back, on the clock. */
    @Test
    void clockTimesNearTheEndsOfALongComeBackExactly() {
        for (final long origin : new long[] {Long.MIN_VALUE + 1_000_000_000L, -15_600_100L * 4_000,
            Long.MAX_VALUE - 15_600_100L * 30_000}) {
            final EventBatch events = new EventBatch(3_000);
            long clockNs = origin;
            for (int i = 0; i < events.capacity(); i++) {
                clockNs += 15_600_100L * (6 + i % 3);
                events.addMove(Math.floorDiv(clockNs, 1_000_000L) * 1_000_000L, i, -i, 0);
            }
            final BlockEncoder encoder = new BlockEncoder(events.capacity());
            final int length = roundTrip(events, encoder, "origin=" + origin);
            assertTrue((header(encoder, length).flags() & BlockLayout.FLAG_CLOCK) != 0, "origin=" + origin);
        }
    }

    /**
     * What a decoder checks after summing a clock block's deltas (an encoder never writes a block that fails it):
     * a negative delta, {@code K * period} past a long, or a last timestamp past one.
     */
    @Test
    void aDecoderRefusesClockDeltasThatWouldNotBeExact() {
        final EventBatch events = windowsMoves(new Random(BASE_SEED), 100);
        final long[] ts = events.timestampColumn();
        final ClockLattice clock = new ClockLattice(100, true);
        final long[] deltas = new long[100];
        assertTrue(clock.fit(ts, 100, 1_000_000L, deltas), "the moves must be on the clock");
        assertTrue(sums(deltas, ts[0], clock), "as found");
        final long[] negative = deltas.clone();
        negative[50] = -1;
        assertFalse(sums(negative, ts[0], clock), "a negative delta");
        assertEquals(1, clock.segmentCount(), "one segment, [0, 100)");
        assertEquals(100, clock.end(0), "one segment, [0, 100)");
        final long[] tooManyPeriods = deltas.clone();
        tooManyPeriods[50] = Long.MAX_VALUE / 100 / 2;
        assertFalse(sums(tooManyPeriods, ts[0], clock), "K * period past a long");
        final long[] pastTheEnd = deltas.clone();
        pastTheEnd[50] = 1L << 26;
        assertTrue(sums(pastTheEnd, ts[0], clock), "2^26 periods (12 days) from 2016");
        assertFalse(sums(pastTheEnd, Long.MAX_VALUE - (1L << 40), clock), "the last timestamp past a long");
    }

    private static boolean sums(final long[] deltas, final long first, final ClockLattice clock) {
        return HotColumnLoops.sumTimesOnClock(deltas.clone(), deltas.length, first, 1_000_000L, clock, new long[2]);
    }

    /** The encoder divides each step by the tick with a multiply: exact for every odd part of a tick. */
    @Test
    void theInverseOfEveryOddNumberModulo64BitsIsExact() {
        final Random random = new Random(BASE_SEED);
        for (int i = 0; i < 10_000; i++) {
            final long odd = random.nextLong() | 1;
            assertEquals(1L, odd * ClockLattice.inverseModulo64(odd), "seed=" + BASE_SEED + " odd=" + odd);
        }
        assertEquals(1L, 15_625L * ClockLattice.inverseModulo64(15_625L), "1 ms = 2^6 x 15,625 ns");
        assertEquals(15_600_100L, (15_600_100_000_000L >>> 6) * ClockLattice.inverseModulo64(15_625L));
    }

    /** Mouse moves of a Windows client, {@link #aWindowsClientsTimestampsAreCodedInClockTicks}'s way. */
    private static EventBatch windowsMoves(final Random random, final int n) {
        final EventBatch events = new EventBatch(n);
        long clockNs = 1_471_949_443_019_000_000L + random.nextInt(15_600_100);
        for (int i = 0; i < n; i++) {
            clockNs += 15_600_100L * (6 + random.nextInt(3));
            events.addMove(clockNs / 1_000_000L * 1_000_000L, i % 1920, i % 1080, 0);
        }
        return events;
    }

    private static void assertRefused(final byte[] block, final Consumer<byte[]> damage, final String expected) {
        final byte[] damaged = block.clone();
        damage.accept(damaged);
        ByteArrayAccess.putInt(damaged, BlockLayout.CRC_OFFSET,
            BlockChecksum.compute(new CRC32C(), damaged, damaged.length));
        final CorruptBlockException e = assertThrows(CorruptBlockException.class,
            () -> new BlockDecoder().decode(new UnsafeBuffer(damaged), 0, damaged.length, new EventBatch(2_048)));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /** Sets {@code width} bits from bit {@code bit} of an uncompressed block's TIME stream, lowest bit first. */
    private static void setBits(final byte[] block, final int bit, final int width, final long value) {
        final int streamStart = BlockLayout.HEADER_LENGTH + BlockLayout.STREAM_LENGTH_BYTES;
        for (int i = 0; i < width; i++) {
            final int at = streamStart + (bit + i) / 8;
            final int mask = 1 << ((bit + i) % 8);
            block[at] = (byte)((value >>> i & 1) != 0 ? block[at] | mask : block[at] & ~mask);
        }
    }

    private static BlockHeaderFlyweight header(final BlockEncoder encoder, final int length) {
        return new BlockHeaderFlyweight().wrap(new UnsafeBuffer(encoder.blockBuffer()), 0, length);
    }

    private static int roundTrip(final EventBatch events, final BlockEncoder encoder, final String context) {
        final int length = encoder.encode(3L, events);
        final EventBatch decoded = new EventBatch(events.capacity());
        assertEquals(length, new BlockDecoder().decode(new UnsafeBuffer(encoder.blockBuffer()), 0, length, decoded),
            context);
        assertSameEvents(events, decoded, context);
        BlockCodecRoundTripTest.assertDecoderSummary(decoded, context);
        return length;
    }
}

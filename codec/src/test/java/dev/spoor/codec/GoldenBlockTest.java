/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocks written by every format version and committed under {@code src/test/resources/golden} must decode to
 * the same events forever: a format change bumps {@link BlockLayout#VERSION} and keeps reading these. Version 1:
 * whole pixels; version 2: sub-pixel coordinates, the POINTER stream scaled ({@code block-v2-scaled.bin}) and the
 * fractions raw beside int-limit values ({@code block-v2-separate.bin}). The encoder still writes both byte for
 * byte by default. Version 3 (relative POINTER signs, TIME after a press coded apart, compact tables): the same
 * events again, which the encoder set to version 3 must reproduce byte for byte. The clock files (2026-12-02): version
 * 2 and 3 blocks with {@link BlockLayout#FLAG_CLOCK}, TIME in periods of a Windows client's 15.6 ms clock; a change
 * of layout bumps the version or adds a flag that builds before it refuse ({@link BlockHeaderCheck}).
 * Write the files of a new version (never rewrite older ones) with
 * {@code GoldenBlockTest.main(codec/src/test/resources/golden)}.
 */
class GoldenBlockTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"block-v1-stored.bin, false", "block-v1-lz4.bin, true"})
    void shouldDecodeCommittedVersionOneBlocks(final String file, final boolean isLz4) throws IOException {
        final byte[] block;
        try (InputStream in = GoldenBlockTest.class.getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "golden file " + file + " is missing from test resources");
            block = in.readAllBytes();
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(block);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, 0, block.length);
        assertEquals(1, header.version());
        assertEquals(isLz4, (header.flags() & BlockLayout.FLAG_LZ4) != 0, "flags of " + file);
        assertEquals(0x5EED_0001L, header.deviceId());
        final EventBatch expected = events(isLz4);
        final EventBatch decoded = new EventBatch(expected.capacity());
        assertEquals(block.length, new BlockDecoder().decode(buffer, 0, block.length, decoded));
        BlockAssertions.assertSameEvents(expected, decoded, file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"block-v1-stored.bin, false", "block-v1-lz4.bin, true"})
    void shouldStillWriteWholePixelBlocksAsVersionOne(final String file, final boolean isLz4) throws IOException {
        final byte[] golden = read(file);
        final BlockEncoder encoder = new BlockEncoder(2048).lz4(isLz4).formatVersion(BlockLayout.VERSION_SUBPIXEL);
        final int length = encoder.encode(0x5EED_0001L, events(isLz4));
        assertArrayEquals(golden, Arrays.copyOf(encoder.blockBuffer(), length), file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"block-v2-scaled.bin, false", "block-v2-separate.bin, true"})
    void shouldDecodeCommittedVersionTwoBlocks(final String file, final boolean hasIntLimits) throws IOException {
        final byte[] block = read(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(block);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, 0, block.length);
        assertEquals(2, header.version());
        assertTrue((header.flags() & BlockLayout.FLAG_SUBPIXEL) != 0, "flags of " + file);
        final EventBatch expected = subPixelEvents(hasIntLimits);
        final EventBatch decoded = new EventBatch(expected.capacity());
        assertEquals(block.length, new BlockDecoder().decode(buffer, 0, block.length, decoded));
        BlockAssertions.assertSameEvents(expected, decoded, file);
        assertEquals(1175.421875, decoded.xPixels(1), file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"block-v2-scaled.bin, false, true", "block-v2-separate.bin, true, false"})
    void shouldStillWriteSubPixelBlocksAsVersionTwo(final String file, final boolean hasIntLimits,
        final boolean isLz4) throws IOException {
        final BlockEncoder encoder =
            new BlockEncoder(1024).lz4(isLz4).formatVersion(BlockLayout.VERSION_SUBPIXEL);
        final int length = encoder.encode(0x5EED_0001L, subPixelEvents(hasIntLimits));
        assertArrayEquals(read(file), Arrays.copyOf(encoder.blockBuffer(), length), file);
    }

    /** The version 3 files hold the events of the older ones: whole pixels, repetitive (LZ4), and sub-pixel. */
    static Stream<Arguments> versionThreeFiles() {
        return Stream.of(
            Arguments.of("block-v3-stored.bin", events(false), false),
            Arguments.of("block-v3-lz4.bin", events(true), true),
            Arguments.of("block-v3-scaled.bin", subPixelEvents(false), true),
            Arguments.of("block-v3-separate.bin", subPixelEvents(true), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionThreeFiles")
    void shouldDecodeCommittedVersionThreeBlocks(final String file, final EventBatch expected, final boolean isLz4)
        throws IOException {
        final byte[] block = read(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(block);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, 0, block.length);
        assertEquals(3, header.version());
        assertEquals(isLz4, (header.flags() & BlockLayout.FLAG_LZ4) != 0, "flags of " + file);
        final EventBatch decoded = new EventBatch(expected.capacity());
        assertEquals(block.length, new BlockDecoder().decode(buffer, 0, block.length, decoded));
        BlockAssertions.assertSameEvents(expected, decoded, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionThreeFiles")
    void shouldWriteVersionThreeWhenAsked(final String file, final EventBatch events, final boolean isLz4)
        throws IOException {
        final BlockEncoder encoder = new BlockEncoder(events.capacity()).lz4(isLz4).formatVersion(BlockLayout.VERSION);
        final int length = encoder.encode(0x5EED_0001L, events);
        assertArrayEquals(read(file), Arrays.copyOf(encoder.blockBuffer(), length), file);
    }

    /** The clock files: a Windows client's events on its 15.6 ms clock, as version 2 and as version 3. */
    static Stream<Arguments> clockFiles() {
        return Stream.of(
            Arguments.of("block-v2-clock.bin", BlockLayout.VERSION_SUBPIXEL),
            Arguments.of("block-v3-clock.bin", BlockLayout.VERSION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clockFiles")
    void shouldDecodeCommittedClockBlocks(final String file, final int version) throws IOException {
        final byte[] block = read(file);
        final UnsafeBuffer buffer = new UnsafeBuffer(block);
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight().wrap(buffer, 0, block.length);
        assertEquals(version, header.version());
        assertTrue((header.flags() & BlockLayout.FLAG_CLOCK) != 0, "flags of " + file);
        final EventBatch expected = clockEvents();
        final EventBatch decoded = new EventBatch(expected.capacity());
        assertEquals(block.length, new BlockDecoder().decode(buffer, 0, block.length, decoded));
        BlockAssertions.assertSameEvents(expected, decoded, file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clockFiles")
    void shouldWriteClockBlocksAsCommitted(final String file, final int version) throws IOException {
        final EventBatch events = clockEvents();
        final BlockEncoder encoder = new BlockEncoder(events.capacity()).lz4(false).formatVersion(version);
        final int length = encoder.encode(0x5EED_0001L, events);
        assertArrayEquals(read(file), Arrays.copyOf(encoder.blockBuffer(), length), file);
    }

    /**
     * A Windows client's events in whole ms: its clock moves on by 15.6001 ms an interrupt, events come 6 to 8
     * interrupts apart with clicks, keys and wheel between, and the clock jumps once by 3.3 ms (a second
     * segment), then once more where a few events lie off it.
     */
    static EventBatch clockEvents() {
        final EventBatch b = new EventBatch(1100);
        long clockNs = 1_471_949_443_019_000_000L + 7_654_321L;
        for (int i = 0; i < 1000; i++) {
            clockNs += 15_600_100L * (6 + i % 3) + (i == 400 ? 3_300_000L : 0) + (i > 700 && i < 710 ? 1_000_000L : 0);
            final long ts = clockNs / 1_000_000L * 1_000_000L;
            b.addMove(ts, 600 + i % 37 * 3, 300 - i % 23 * 2, i % 90 < 4 ? Buttons.LEFT : 0);
            if (i % 90 == 5) {
                b.addButtonDown(ts, 600, 300, Buttons.RIGHT);
                b.addKeyDown(ts, 17, 2);
                b.addWheel(ts, 600, 300, 0, -120);
            }
        }
        return b;
    }

    /**
     * Sub-pixel events like a macOS recording's (DuckTrack: every coordinate a multiple of 1/256 px), plus keys
     * and buttons; with {@code hasIntLimits}, moves at the int limits as well.
     */
    static EventBatch subPixelEvents(final boolean hasIntLimits) {
        final EventBatch b = new EventBatch(1024);
        long ts = 1_700_000_000_123_456_789L;
        long x = SubPixel.ofPixels(1175.0);
        long y = SubPixel.ofPixels(400.5);
        for (int i = 0; i < 900; i++) {
            ts += 2_500_000L + (i % 3) * 1_001L;
            x += (i % 11) * 27 - 130;
            y += (i % 7) * 19 - 60;
            b.addMove(ts, SubPixel.whole(x), SubPixel.whole(y), i % 100 < 10 ? Buttons.LEFT : 0);
            b.setFractions(b.size() - 1, SubPixel.fraction(x), SubPixel.fraction(y));
            if (i == 0) {
                b.setFractions(0, 0, 0);
                b.addMove(ts + 1, 1175, 10, 0);
                b.setFractions(1, 108, 192); // 1175.421875, 10.75
            }
            if (i % 100 == 10) {
                b.addButtonDown(ts, SubPixel.whole(x), SubPixel.whole(y), Buttons.RIGHT);
                b.setFractions(b.size() - 1, SubPixel.fraction(x), 0);
                b.addKeyDown(ts + 5, 7, 2);
                b.addKeyUp(ts + 90_000_000L, 7, 0);
                b.addWheel(ts + 7, SubPixel.whole(x), SubPixel.whole(y), 0, -1);
            }
        }
        if (hasIntLimits) {
            b.addMove(ts + 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
            b.setFractions(b.size() - 1, 255, 1);
            b.addMove(ts + 2, Integer.MAX_VALUE, -1, 0);
        }
        return b;
    }

    private static byte[] read(final String file) throws IOException {
        try (InputStream in = GoldenBlockTest.class.getResourceAsStream("/golden/" + file)) {
            assertNotNull(in, "golden file " + file + " is missing from test resources");
            return in.readAllBytes();
        }
    }

    /** The events of the golden blocks: every type, edge values, time going back; built without randomness. */
    static EventBatch events(final boolean isRepetitive) {
        final EventBatch b = new EventBatch(2048);
        if (isRepetitive) {
            for (int i = 0; i < 2000; i++) {
                b.addMove(1_451_606_400_000_000_000L + (i % 50) * 16_000_000L, (i % 10) * 1000, i % 4, 0);
            }
            return b;
        }
        long ts = 1_451_606_400_000_000_000L;
        for (int i = 0; i < 500; i++) {
            ts += (i % 7 == 0 ? 0 : 15_625_000L) - (i % 97 == 0 ? 3_000_000L : 0);
            b.addMove(ts, 100 + i * 3 - (i % 5) * 7, 400 - i, i % 40 < 5 ? Buttons.LEFT : 0);
            if (i % 50 == 0) {
                b.addButtonDown(ts, 100 + i * 3, 400 - i, Buttons.LEFT);
                b.addButtonUp(ts + 90_000_000L, 100 + i * 3, 400 - i, Buttons.LEFT);
            }
            if (i % 60 == 0) {
                b.addWheel(ts, 65535, 65535, 0, i % 120 == 0 ? 1 : -1);
                b.addKeyDown(ts, 4, 1);
                b.addKeyUp(ts + 105_000_000L, 4, 0);
            }
        }
        b.addMove(Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
        b.addMove(Long.MIN_VALUE, -1920, -1, Buttons.RIGHT | Buttons.X2);
        b.addKeyDown(0, Integer.MAX_VALUE, Integer.MIN_VALUE);
        return b;
    }

    /**
     * Writes the golden files.
     *
     * @param args the output folder.
     * @throws IOException when writing fails.
     */
    public static void main(final String[] args) throws IOException {
        final Path dir = Paths.get(args[0]);
        Files.createDirectories(dir);
        final int before = BlockLayout.VERSION_SUBPIXEL;
        writeNew(dir.resolve("block-v1-stored.bin"), events(false), false, before);
        writeNew(dir.resolve("block-v1-lz4.bin"), events(true), true, before);
        writeNew(dir.resolve("block-v2-scaled.bin"), subPixelEvents(false), true, before);
        writeNew(dir.resolve("block-v2-separate.bin"), subPixelEvents(true), false, before);
        final Iterator<Arguments> versionThree = versionThreeFiles().iterator();
        while (versionThree.hasNext()) {
            final Object[] file = versionThree.next().get();
            writeNew(dir.resolve((String)file[0]), (EventBatch)file[1], (Boolean)file[2], BlockLayout.VERSION);
        }
        final Iterator<Arguments> clock = clockFiles().iterator();
        while (clock.hasNext()) {
            final Object[] file = clock.next().get();
            writeNew(dir.resolve((String)file[0]), clockEvents(), false, (Integer)file[1]);
        }
    }

    /** Writes a golden file that does not exist yet: the committed ones are never rewritten. */
    private static void writeNew(final Path file, final EventBatch events, final boolean isLz4, final int version)
        throws IOException {
        if (!Files.exists(file)) {
            write(file, events, isLz4, version);
        }
    }

    private static void write(final Path file, final EventBatch events, final boolean isLz4, final int version)
        throws IOException {
        final BlockEncoder encoder = new BlockEncoder(events.capacity()).lz4(isLz4).formatVersion(version);
        final int length = encoder.encode(0x5EED_0001L, events);
        Files.write(file, Arrays.copyOf(encoder.blockBuffer(), length));
    }
}

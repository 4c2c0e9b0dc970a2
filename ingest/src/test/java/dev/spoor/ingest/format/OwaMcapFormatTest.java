/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.format.mcap.McapTestFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The owamcap format over the real example (MIT, in test resources), compared event by event with an independent
 * reading ({@link OwaMcapReference}: Jackson's tree model over each payload) and with the counts of its README;
 * and over damaged copies: a named rejection, never an exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OwaMcapFormatTest {
    private final RecordingFormat format = Formats.byName("owamcap");

    @TempDir
    Path tmp;

    static Path example() {
        try {
            return Paths.get(OwaMcapFormatTest.class.getResource("/owa-example/example.mcap").toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theExampleGivesEveryMouseAndKeyEventExactlyAsTheIndependentParse() throws IOException {
        final OwaMcapReference ref = OwaMcapReference.read(example());
        assertEquals(Map.of("mouse move", 203L, "mouse click down", 3L, "mouse click up", 3L, "keyboard press", 17L,
            "keyboard release", 15L), ref.payloadsByKind, "the README: move 203, click 6, press 17, release 15");
        assertEquals(1937, ref.events.stream().mapToInt(Event::x).max().orElse(0), "the README: x up to 1937");
        for (final int capacity : new int[] {1, 7, 4096}) {
            final Reads reads = Reads.of(format, example(), ParseOptions.defaults(), capacity, true);
            assertEquals(ref.events, reads.events, "buffer of " + capacity);
            assertEquals(List.of(), reads.rejections());
            assertEquals(Files.size(example()), reads.bytesCovered, "all of it, once read whole");
            assertEquals(864, reads.linesRead, "messages");
            assertEquals(List.of(example() + ": not stored, by design: keyboard/state 11, mouse/state 11, screen 590,"
                + " window 11 messages (screen frame references, window titles, key and button state snapshots)"),
                reads.diagnostics.warnings);
        }
        final Reads reads = Reads.of(format, example());
        assertEquals(241, reads.events.size(), "203 moves, 6 clicks, 32 keys");
        assertEquals(203, reads.events.stream().filter(e -> e.type() == EventType.MOVE).count());
        assertEquals(3, reads.events.stream().filter(e -> e.type() == EventType.BUTTON_DOWN).count());
        assertEquals(3, reads.events.stream().filter(e -> e.type() == EventType.BUTTON_UP).count());
        assertEquals(17, reads.events.stream().filter(e -> e.type() == EventType.KEY_DOWN).count());
        assertEquals(15, reads.events.stream().filter(e -> e.type() == EventType.KEY_UP).count());
        assertTrue(reads.events.stream().allMatch(e -> e.device().equals("owa/example")));
        assertEquals(13, ref.rawKeys.stream().distinct().count(), "the README: 13 distinct codes");
    }

    @Test
    void scrollsDragsHeldButtonsLeftRightModifiersAndBadPayloadsMapAsDocumented() throws IOException {
        final Path file = tmp.resolve("mapped.mcap");
        Files.write(file, new McapTestFile().channel(1, 0, "mouse").channel(2, 0, "keyboard").channel(3, 0, "window")
            .startChunk()
            .message(1, 10, "{\"event_type\":\"click\",\"x\":5,\"y\":6,\"button\":\"right\",\"pressed\":true}")
            .message(1, 11, "{\"event_type\":\"move\",\"x\":-7,\"y\":8,\"timestamp\":123}")
            .message(1, 12, "{\"event_type\":\"click\",\"x\":9,\"y\":10,\"button\":\"right\",\"pressed\":false}")
            .message(1, 13, "{\"event_type\":\"drag\",\"x\":1,\"y\":2}")
            .message(1, 14, "{\"event_type\":\"scroll\",\"x\":3,\"y\":4,\"dx\":0,\"dy\":-2}")
            .message(1, 15, "{\"event_type\":\"click\",\"x\":3,\"y\":4,\"button\":\"x2\",\"pressed\":true}")
            .message(3, 16, "{\"title\":\"secret\",\"rect\":[0,0,1,1],\"hWnd\":1}")
            .message(2, 17, "{\"event_type\":\"press\",\"vk\":160}")
            .message(2, 18, "{\"event_type\":\"press\",\"vk\":65}")
            .message(2, 19, "{\"event_type\":\"release\",\"vk\":161}")
            .message(1, 20, "{\"event_type\":\"move\",\"x\":1.5,\"y\":2}")
            .message(1, 21, "not json")
            .message(2, 22, "{\"event_type\":\"tap\",\"vk\":65}")
            .message(1, 23, "{\"event_type\":\"move\",\"x\":1}")
            .message(2, 24, "{\"event_type\":\"press\",\"vk\":256}")
            .message(2, 25, "{\"event_type\":\"press\",\"vk\":-1}")
            .endChunk("zstd", false).finish(false));
        final Reads reads = Reads.of(format, file);
        final String d = "owa/mapped";
        assertEquals(List.of(Event.down(d, 10, 5, 6, 2), Event.move(d, 11, -7, 8, 2), Event.up(d, 12, 9, 10, 2),
            Event.move(d, 13, 1, 2, 1), Event.wheel(d, 14, 3, 4, 0, -2), Event.down(d, 15, 3, 4, 16),
            Event.keyDown(d, 17, 160, 1), Event.keyDown(d, 18, 65, 1), Event.keyUp(d, 19, 161, 0)), reads.events,
            reads.describe());
        assertEquals(List.of(11L, 12L, 13L, 14L, 15L, 16L), reads.rejections().stream().map(Rejection::line)
            .collect(java.util.stream.Collectors.toList()), "message numbers: " + reads.describe());
        assertEquals(List.of("x", "mouse", "event_type", "y", "vk", "vk"), reads.rejections().stream()
            .map(Rejection::field).collect(java.util.stream.Collectors.toList()), reads.describe());
        assertEquals(List.of("256", "-1"), reads.rejections().stream().skip(4).map(Rejection::value)
            .collect(java.util.stream.Collectors.toList()), reads.describe());
        assertEquals(List.of(file + ": not stored, by design: window 1 messages (screen frame references, window"
            + " titles, key and button state snapshots)"), reads.diagnostics.warnings);
    }

    @Test
    void aCutCopyGivesNoEventAndOneIncompleteRejectionNamingFileAndOffset() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        for (final int length : new int[] {0, 3, 100, 20_000, bytes.length - 1}) {
            final Path cut = tmp.resolve("cut-" + length + ".mcap");
            Files.write(cut, Arrays.copyOf(bytes, length));
            final Reads reads = Reads.of(format, cut);
            assertEquals(List.of(), reads.events);
            assertEquals(List.of(RejectionKind.INCOMPLETE_LAST_LINE), reads.kinds(), reads.describe());
            final Rejection rejection = reads.rejections().get(0);
            assertEquals(cut, rejection.file());
            assertEquals("offset " + length, rejection.value());
            assertTrue(rejection.toString().contains(cut.toString()) && rejection.toString().contains("cut short"),
                rejection.toString());
            assertEquals(0, reads.bytesCovered, "nothing covered: taken whole once it is finished");
        }
    }

    @Test
    void aFlippedByteInTheChunkGivesOneMalformedRejectionAtTheChunkAndNoEvent() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        bytes[10_000] ^= 0x40;
        final Path flipped = tmp.resolve("flipped.mcap");
        Files.write(flipped, bytes);
        final Reads reads = Reads.of(format, flipped);
        assertEquals(List.of(), reads.events, "the chunk's CRC is checked before any of its messages goes out");
        assertEquals(List.of(RejectionKind.MALFORMED), reads.kinds(), reads.describe());
        final Rejection rejection = reads.rejections().get(0);
        assertEquals(flipped, rejection.file());
        assertEquals("Chunk", rejection.field());
        assertEquals("offset 62", rejection.value());
        assertTrue(rejection.reason().contains("uncompressed_crc") || rejection.reason().contains("zstd"),
            rejection.reason());
        assertTrue(!rejection.reason().contains(flipped.toString()) && !rejection.reason().contains("offset"),
            "file and offset are said once, by the rejection's own fields: " + rejection);
        assertEquals(Files.size(flipped), reads.bytesCovered, "consumed, as a rejected line is");
    }

    @Test
    void randomDamageGivesTheSameEventsOrANamedRejectionNeverAnException() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        final Path damaged = tmp.resolve("damaged.mcap");
        Files.copy(example(), damaged);
        final List<Event> whole = Reads.of(format, damaged).events;
        final long seed = System.nanoTime();
        final java.util.Random random = new java.util.Random(seed);
        for (int t = 0; t < 200; t++) {
            final byte[] copy = random.nextInt(4) == 0 ? Arrays.copyOf(bytes, random.nextInt(bytes.length))
                : bytes.clone();
            final int at = random.nextInt(Math.max(1, copy.length));
            if (copy.length > 0) {
                copy[at] ^= (byte)(1 + random.nextInt(255));
            }
            Files.write(damaged, copy);
            final Reads reads = Reads.of(format, damaged, ParseOptions.defaults(), 64, false);
            final String where = "seed=" + seed + " try=" + t + " length=" + copy.length + " at=" + at;
            if (reads.rejections().isEmpty()) {
                assertTrue(whole.equals(reads.events), where + ": no rejection, so every event as in the whole file");
            } else {
                assertTrue(reads.rejections().stream().allMatch(r -> r.file().equals(damaged)
                    && (r.kind() == RejectionKind.MALFORMED && r.value() != null && r.value().startsWith("offset ")
                    || r.kind() == RejectionKind.INCOMPLETE_LAST_LINE || r.line() > 0)), where + reads.describe());
                assertFalse(reads.events.size() > whole.size(), where);
            }
        }
    }
}

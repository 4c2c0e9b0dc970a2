/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

import dev.spoor.ingest.PrefixHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader against the real OWAMcap example (MIT, copied to test resources): the message counts by topic its
 * README lists, its schemas and channels; and against damaged copies: a named error, never another exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class McapReaderTest {
    /** Message counts by topic, from the README of the shared copy (and {@code owl mcap info}). */
    static final Map<String, Long> README_COUNTS = Map.of("screen", 590L, "mouse", 209L, "keyboard", 32L,
        "window", 11L, "keyboard/state", 11L, "mouse/state", 11L);
    /** The only chunk's offset (python over the raw bytes: the Header ends at 62). */
    private static final long CHUNK_OFFSET = 62;
    /** Where the first record after the Header starts in a {@link McapTestFile}: magic 8, Header 9 + 7 + 14. */
    private static final int HEADER_END = 38;

    @TempDir
    Path tmp;

    static Path example() {
        try {
            return Paths.get(McapReaderTest.class.getResource("/owa-example/example.mcap").toURI());
        } catch (final URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsEveryMessageOfTheExampleWithTheReadmesCountsByTopic() throws IOException {
        final Map<String, Long> counts = new TreeMap<>();
        try (McapReader reader = new McapReader(example())) {
            assertEquals("owa", reader.profile());
            assertTrue(reader.library().startsWith("mcap-owa-support"), reader.library());
            long lastTime = 0;
            while (reader.nextMessage()) {
                counts.merge(reader.channel().topic(), 1L, Long::sum);
                assertEquals("json", reader.channel().messageEncoding());
                assertTrue(reader.logTimeNs() >= 1_751_017_792_000_000_000L, "2025-06-27 " + reader.logTimeNs());
                assertTrue(reader.logTimeNs() <= 1_751_017_802_500_000_000L, "10.36 s " + reader.logTimeNs());
                lastTime = Math.max(lastTime, reader.logTimeNs());
                assertEquals('{', reader.data()[reader.dataOffset()]);
                assertEquals('}', reader.data()[reader.dataOffset() + reader.dataLength() - 1]);
            }
            assertTrue(reader.isFinished());
            assertEquals(864, reader.messagesRead());
            assertEquals(Files.size(example()), reader.position(), "every byte read");
            assertEquals(PrefixHash.of(example(), reader.position()), reader.consumedCrc32c());
            assertFalse(reader.nextMessage(), "false stays false");
            assertEquals(Map.of(1, "desktop/WindowInfo", 2, "desktop/KeyboardState", 3, "desktop/MouseState",
                4, "desktop/ScreenCaptured", 5, "desktop/MouseEvent", 6, "desktop/KeyboardEvent"),
                reader.schemas().values().stream().collect(Collectors.toMap(McapSchema::id, McapSchema::name)));
            assertEquals(Map.of(1, "window", 2, "keyboard/state", 3, "mouse/state", 4, "screen", 5, "mouse",
                6, "keyboard"),
                reader.channels().values().stream().collect(Collectors.toMap(McapChannel::id, McapChannel::topic)));
            reader.channels().values().forEach(c -> assertEquals(c.id(), c.schemaId(), c.toString()));
        }
        assertEquals(new TreeMap<>(README_COUNTS), counts);
    }

    @Test
    void aCutCopyIsRefusedAtOpenAsTruncatedNamingFileAndOffset() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        for (final int length : new int[] {0, 5, 8, 62, 17_000, bytes.length - 8, bytes.length - 1}) {
            final Path cut = tmp.resolve("cut-" + length + ".mcap");
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            final McapFormatException e = assertThrows(McapFormatException.class, () -> readAll(cut),
                "cut to " + length);
            assertTrue(e.isTruncated(), e.getMessage());
            assertEquals(cut, e.file());
            assertEquals(length, e.offset());
            assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("offset " + length),
                e.getMessage());
        }
    }

    @Test
    void aFlippedByteInTheChunkFailsItsCrcBeforeAnyOfItsMessagesIsHandedOut() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        bytes[10_000] ^= 0x40; // inside the chunk's zstd data
        final Path flipped = tmp.resolve("flipped.mcap");
        Files.write(flipped, bytes);
        try (McapReader reader = new McapReader(flipped)) {
            final McapFormatException e = assertThrows(McapFormatException.class, reader::nextMessage);
            assertFalse(e.isTruncated());
            assertEquals(CHUNK_OFFSET, e.offset(), e.getMessage());
            assertEquals("Chunk", e.record(), e.getMessage());
            assertEquals(0, reader.messagesRead());
        }
    }

    @Test
    void everySingleByteFlipGivesTheSameMessagesOrANamedError() throws IOException {
        final byte[] bytes = Files.readAllBytes(example());
        final Path damaged = tmp.resolve("damaged.mcap");
        final long seed = System.nanoTime();
        final java.util.Random random = new java.util.Random(seed);
        int named = 0;
        for (int t = 0; t < 300; t++) {
            final byte[] copy = bytes.clone();
            final int at = random.nextInt(copy.length);
            copy[at] ^= (byte)(1 + random.nextInt(255));
            Files.write(damaged, copy);
            try {
                assertEquals(864, readAll(damaged), "seed=" + seed + " at=" + at + ": read without error, so whole");
            } catch (final McapFormatException e) {
                assertEquals(damaged, e.file(), "seed=" + seed + " at=" + at);
                assertTrue(e.offset() >= 0 && e.offset() <= copy.length, "seed=" + seed + " " + e.getMessage());
                named++;
            }
        }
        assertTrue(named > 0, "seed=" + seed + ": some flips must be caught");
    }

    private static byte[] everyKindOfRecord(final boolean isChunkCrcWrong, final boolean isDataCrcWrong) {
        return new McapTestFile().schema(1, "desktop/MouseEvent").channel(1, 1, "mouse")
            .message(1, 1_000, "{\"at\":1}")                                        // outside any chunk
            .raw(0x09, new byte[] {1, 2, 3})                                         // an attachment, skipped
            .startChunk().message(1, 2_000, "{\"at\":2}").endChunk("", isChunkCrcWrong)
            .raw(0x07, new byte[] {1, 0, 0, 0, 0, 0})                                // a message index, skipped
            .startChunk().channel(2, 0, "keyboard").message(2, 3_000, "{\"at\":3}").endChunk("lz4", false)
            .startChunk().message(2, 4_000, "{\"at\":4}").message(1, 5_000, "{}").endChunk("zstd", false)
            .finish(isDataCrcWrong);
    }

    @Test
    void readsMessagesOutsideChunksAndInUncompressedLz4AndZstdChunksCheckingTheDataSectionCrc() throws IOException {
        final Path file = tmp.resolve("kinds.mcap");
        Files.write(file, everyKindOfRecord(false, false));
        final java.util.List<String> read = new java.util.ArrayList<>();
        try (McapReader reader = new McapReader(file)) {
            while (reader.nextMessage()) {
                read.add(reader.channel().topic() + "@" + reader.logTimeNs() + "=" + new String(reader.data(),
                    reader.dataOffset(), reader.dataLength(), java.nio.charset.StandardCharsets.UTF_8));
                assertEquals(7, reader.sequence());
            }
            assertEquals(Files.size(file), reader.position());
        }
        assertEquals(java.util.List.of("mouse@1000={\"at\":1}", "mouse@2000={\"at\":2}", "keyboard@3000={\"at\":3}",
            "keyboard@4000={\"at\":4}", "mouse@5000={}"), read);
    }

    @Test
    void aWrongChunkOrDataSectionCrcIsNamed() throws IOException {
        final Path chunk = tmp.resolve("chunk-crc.mcap");
        Files.write(chunk, everyKindOfRecord(true, false));
        final McapFormatException badChunk = assertThrows(McapFormatException.class, () -> readAll(chunk));
        assertEquals("Chunk", badChunk.record(), badChunk.getMessage());
        assertTrue(badChunk.getMessage().contains("uncompressed_crc"), badChunk.getMessage());

        final Path data = tmp.resolve("data-crc.mcap");
        final byte[] bytes = everyKindOfRecord(false, true);
        Files.write(data, bytes);
        final McapFormatException badData = assertThrows(McapFormatException.class, () -> readAll(data));
        assertEquals("DataEnd", badData.record(), badData.getMessage());
        assertEquals(bytes.length - 8 - 29 - 13, badData.offset(), "DataEnd's offset: before Footer and magic");
    }

    @Test
    void aMessageOnAChannelNeverDefinedIsNamed() throws IOException {
        final Path file = tmp.resolve("orphan.mcap");
        Files.write(file, new McapTestFile().message(9, 1, "{}").finish(false));
        final McapFormatException e = assertThrows(McapFormatException.class, () -> readAll(file));
        assertEquals("Message", e.record());
        assertEquals(HEADER_END, e.offset(), "after the magic and the Header: " + e.getMessage());
        assertTrue(e.getMessage().contains("channel_id 9"), e.getMessage());
    }

    @Test
    void aLengthPastTheEndIsNamedNotAllocated() throws IOException {
        final byte[] bytes = new McapTestFile().schema(1, "s").finish(false);
        final int schemaLength = HEADER_END + 1;                   // the Schema's length field, after its opcode
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(schemaLength, Long.MAX_VALUE);
        final Path file = tmp.resolve("long.mcap");
        Files.write(file, bytes);
        final McapFormatException e = assertThrows(McapFormatException.class, () -> readAll(file));
        assertEquals("Schema", e.record());
        assertEquals(schemaLength - 1, e.offset());
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    private static long readAll(final Path file) throws IOException {
        try (McapReader reader = new McapReader(file)) {
            while (reader.nextMessage()) {
                assertTrue(reader.dataLength() >= 0);
            }
            return reader.messagesRead();
        }
    }
}

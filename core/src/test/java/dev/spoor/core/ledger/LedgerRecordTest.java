/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ledger records: byte layout, round trips through the file, torn tails and damage. */
class LedgerRecordTest {
    private static final long SEED = Long.getLong("spoor.test.seed", 0x1ED6E5L);

    @TempDir
    Path dir;

    @Test
    void batchRecordHasTheDrawnLayout() {
        final byte[] payload = LedgerRecord.batch(0x0102030405060708L, 11, "a/é.csv", 12, 13, 14, -15, 16, 17,
            Long.MIN_VALUE, 19).encode();
        final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(LedgerRecord.BATCH_LENGTH + 8, payload.length, "84 bytes + 8 UTF-8 bytes of the key");
        assertEquals(1, in.get(0));
        assertEquals(0, in.get(1));
        assertEquals(8, in.getShort(2));
        assertEquals(0x0102030405060708L, in.getLong(4));
        assertEquals(11, in.getLong(12), "appendedBefore");
        assertEquals(12, in.getLong(20), "eventsBefore");
        assertEquals(13, in.getLong(28), "events");
        assertEquals(14, in.getLong(36), "bytesBefore");
        assertEquals(-15, in.getLong(44), "hashBefore");
        assertEquals(16, in.getLong(52), "linesBefore");
        assertEquals(17, in.getLong(60), "bytesAfter");
        assertEquals(Long.MIN_VALUE, in.getLong(68), "hashAfter");
        assertEquals(19, in.getLong(76), "linesAfter");
        assertArrayEquals("a/é.csv".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.util.Arrays.copyOfRange(payload, 84, payload.length));
    }

    @Test
    void otherKindsHaveTheDrawnLayout() {
        final ByteBuffer complete = ByteBuffer.wrap(LedgerRecord.complete("k", 5, 6, 7, 8).encode())
            .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(LedgerRecord.COMPLETE_LENGTH + 1, complete.capacity());
        assertEquals(2, complete.get(0));
        assertEquals(5, complete.getLong(4));
        assertEquals(6, complete.getLong(12));
        assertEquals(7, complete.getLong(20));
        assertEquals(8, complete.getLong(28));
        assertEquals('k', complete.get(36));
        final ByteBuffer end = ByteBuffer.wrap(LedgerRecord.sessionEnd(-2, 99).encode()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(20, end.capacity());
        assertEquals(3, end.get(0));
        assertEquals(0, end.getShort(2));
        assertEquals(-2, end.getLong(4));
        assertEquals(99, end.getLong(12));
        final byte[] reset = LedgerRecord.reset("xy").encode();
        assertArrayEquals(new byte[] {4, 0, 2, 0, 'x', 'y'}, reset);
    }

    @Test
    void readingRecordHasTheDrawnLayout() {
        final ByteBuffer reading = ByteBuffer.wrap(LedgerRecord.reading("a.csv", "csv ts-unit=ms").encode())
            .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(LedgerRecord.READING_LENGTH + 5 + 14, reading.capacity(), "8 bytes, the key, the reading");
        assertEquals(5, reading.get(0));
        assertEquals(5, reading.getShort(2), "key length");
        assertEquals(14, reading.getInt(4), "reading length");
        assertEquals('a', reading.get(8));
        assertEquals('c', reading.get(13), "the reading follows the key");
        assertEquals("csv ts-unit=ms", LedgerRecord.decode(reading.array(), "test").reading());
    }

    @Test
    void everyKindRoundTripsThroughTheFile() {
        final Random random = new Random(SEED);
        final List<LedgerRecord> written = List.of(
            LedgerRecord.batch(random.nextLong(), 0, "first.csv", 0, 100, 0, 0, 0, 2_000, random.nextLong(), 100),
            LedgerRecord.batch(random.nextLong(), Long.MAX_VALUE, "données/ünï.jsonl", 7, 0, 1, -1, 1, 1, 0, 1),
            LedgerRecord.complete("first.csv", 100, 2_000, random.nextLong(), 100),
            LedgerRecord.sessionEnd(random.nextLong(), random.nextLong() >>> 1),
            LedgerRecord.reset("first.csv"),
            LedgerRecord.reading("first.csv", "jsonl ts-unit=ms"),
            LedgerRecord.reading("données/ünï.jsonl", "pynput start=2026-01-01T00:00:00Z device=é"),
            LedgerRecord.batch(1, 2, "k".repeat(LedgerRecord.MAX_KEY_BYTES), 3, 4, 5, 6, 7, 8, 9, 10));
        LedgerFile.append(dir, written.get(0), false);
        for (int i = 1; i < written.size(); i++) {
            LedgerFile.append(dir, written.get(i), true);
        }
        final List<LedgerRecord> read = LedgerFile.read(dir);
        assertEquals(written.size(), read.size(), "seed=" + SEED);
        for (int i = 0; i < written.size(); i++) {
            assertEquals(written.get(i).toString(), read.get(i).toString(), "record " + i + ", seed=" + SEED);
            assertArrayEquals(written.get(i).encode(), read.get(i).encode(), "record " + i + ", seed=" + SEED);
        }
    }

    @Test
    void aTornLastRecordIsLeftOut() throws IOException {
        LedgerFile.append(dir, LedgerRecord.sessionEnd(1, 10), true);
        LedgerFile.append(dir, LedgerRecord.reset("source"), true);
        final Path file = dir.resolve(LedgerFile.FILE_NAME);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(file) - 3);
        }
        final List<LedgerRecord> read = LedgerFile.read(dir);
        assertEquals(1, read.size(), "the torn RESET is ignored");
        assertEquals(LedgerRecord.SESSION_END, read.get(0).kind());
    }

    @Test
    void aTornTailIsCutSoTheNextAppendFollowsTheLastWholeRecord() throws IOException {
        final Path file = dir.resolve(LedgerFile.FILE_NAME);
        LedgerFile.append(dir, LedgerRecord.sessionEnd(1, 10), true);
        final long whole = Files.size(file);
        LedgerFile.append(dir, LedgerRecord.batch(2, 10, "torn.csv", 0, 5, 0, 0, 0, 50, 0, 5), false);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(whole + 30); // killed in the middle of the write
        }
        final byte[] torn = Files.readAllBytes(file);
        LedgerFile.append(dir, LedgerRecord.sessionEnd(2, 10), true);
        // Without the cut, a record appended after a torn one is refused with it: never silently dropped.
        assertTrue(assertThrows(JournalException.class, () -> LedgerFile.read(dir)).getMessage()
            .contains("a whole record lies"));
        Files.write(file, torn);
        assertEquals(30, LedgerFile.cutTornTail(dir));
        assertEquals(whole, Files.size(file));
        LedgerFile.append(dir, LedgerRecord.sessionEnd(2, 10), true);
        assertEquals(List.of(10L, 10L), LedgerFile.read(dir).stream().map(LedgerRecord::appended)
            .collect(java.util.stream.Collectors.toList()));
        assertEquals(0, LedgerFile.cutTornTail(dir), "nothing torn");
    }

    @Test
    void cuttingLeavesADamagedRecordBeforeMoreData() throws IOException {
        LedgerFile.append(dir, LedgerRecord.complete("source", 1, 2, 3, 4), true);
        LedgerFile.append(dir, LedgerRecord.reset("source"), true);
        final Path file = dir.resolve(LedgerFile.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[6 + 4 + 5] ^= 0x10;
        Files.write(file, bytes);
        assertEquals(0, LedgerFile.cutTornTail(dir));
        assertArrayEquals(bytes, Files.readAllBytes(file), "damage is reported, never cut away");
    }

    @Test
    void aFlippedByteBeforeTheEndIsRefused() throws IOException {
        LedgerFile.append(dir, LedgerRecord.complete("source", 1, 2, 3, 4), true);
        LedgerFile.append(dir, LedgerRecord.reset("source"), true);
        final Path file = dir.resolve(LedgerFile.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(file);
        bytes[6 + 4 + 5] ^= 0x10; // inside the first record's payload
        Files.write(file, bytes);
        final JournalException e = assertThrows(JournalException.class, () -> LedgerFile.read(dir));
        assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
    }

    @Test
    void decodeRefusesUnknownKindsWrongLengthsAndBadKeys() {
        final byte[] unknown = LedgerRecord.reset("x").encode();
        unknown[0] = 9;
        assertTrue(assertThrows(JournalException.class, () -> LedgerRecord.decode(unknown, "r"))
            .getMessage().contains("unknown kind 9"));
        final byte[] batch = LedgerRecord.batch(1, 2, "x", 3, 4, 5, 6, 7, 8, 9, 10).encode();
        final byte[] short1 = java.util.Arrays.copyOf(batch, batch.length - 1);
        assertThrows(JournalException.class, () -> LedgerRecord.decode(short1, "r"));
        final byte[] badKey = LedgerRecord.reset("ab").encode();
        badKey[4] = (byte)0xC3; // a lead byte followed by 'b'
        assertTrue(assertThrows(JournalException.class, () -> LedgerRecord.decode(badKey, "r"))
            .getMessage().contains("UTF-8"));
        final byte[] negative = LedgerRecord.batch(1, 2, "x", 3, 4, 5, 6, 7, 8, 9, 10).encode();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putLong(28, -4);
        assertTrue(assertThrows(JournalException.class, () -> LedgerRecord.decode(negative, "r"))
            .getMessage().contains("negative"));
    }
}

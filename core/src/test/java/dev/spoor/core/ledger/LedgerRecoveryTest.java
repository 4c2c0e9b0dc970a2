/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
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
import java.util.stream.Collectors;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of staging files left the way a kill at a chosen instant leaves them (a random SIGKILL lands in the
 * narrow windows rarely; {@code IngestCrashTest} covers the random ones): recovery must end the session with
 * exactly the append calls whose events are in the file, and still recover files written before the ledger.
 */
class LedgerRecoveryTest {
    private static final int BLOCK_EVENTS = 64;
    private static final int SLOTS = 4;
    private static final long SESSION = 0x5E55_1011L;
    private static final long DEVICE = 42;
    private static final String A = "a.csv";

    @TempDir
    Path dir;

    @Test
    void aStagingFileFromBeforeTheLedgerStillRecovers() throws IOException {
        craft(area -> stage(area, 5), false);
        Files.write(stagingFile(), asBeforeTheLedger(Files.readAllBytes(stagingFile())));
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(5, journal.recovery().eventsRecovered(), journal.recovery().toString());
            assertEquals(0, journal.recovery().ingestSessionsEnded());
            assertEquals(5, journal.verify().events());
            assertTrue(journal.verify().isClean(), journal.verify().toString());
        }
        assertFalse(Files.exists(dir.resolve(LedgerFile.FILE_NAME)), "no session, nothing written to the ledger");
        assertFalse(Files.exists(stagingFile()));
    }

    @Test
    void aKillAfterTheSessionChecksumBeforeItsIdMeansNoSession() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 3);
        }, false);
        putLong(StagingLayout.SESSION_ID_OFFSET, 0);
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(3, journal.recovery().eventsRecovered());
            assertEquals(0, journal.recovery().ingestSessionsEnded());
        }
        assertFalse(Files.exists(dir.resolve(LedgerFile.FILE_NAME)));
    }

    @Test
    void aWriterKilledBetweenAppendsEndsWithItsCount() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 7);
        }, true);
        assertEquals(List.of(7L), recoverAndReadEnds(7), "the last event was counted: not counted twice");
        assertEquals(new SourceProgress(A, 7, 0, 0, 0, false, 0), progress());
    }

    @Test
    void anEventCommittedButNotYetCountedIsCounted() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 7);
        }, true);
        putLong(StagingLayout.APPENDED_OFFSET, 6); // killed after the 7th event's count, before its append count
        assertEquals(List.of(7L), recoverAndReadEnds(7), "the 7th event is in the journal, so it counts");
        assertEquals(7, progress().events());
    }

    @Test
    void anEventMarkedButNotCommittedIsNotCounted() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 6);
        }, true);
        // Killed after the 7th append's mark (and maybe some of its bytes), before its slot's count.
        putLong(StagingLayout.LAST_STAGED_OFFSET, 7L << 32 | eventOffset(0, 6));
        assertEquals(List.of(6L), recoverAndReadEnds(6));
        assertEquals(6, progress().events());
    }

    @Test
    void aDroppedLastAppendIsCountedOnlyOnceStored() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 4);
            area.countDropped(5);
        }, true);
        assertEquals(List.of(5L), recoverAndReadEnds(4), "4 events in the journal, 5 append calls");
    }

    @Test
    void aRecoveryKilledAfterItsSessionEndWritesTheSameCountAgain() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 7);
        }, true);
        putLong(StagingLayout.APPENDED_OFFSET, 6);
        // What recovery does first, before it seals anything; then it is killed.
        try (StagingArea area = StagingArea.open(stagingFile().toFile())) {
            LedgerFile.appendSessionEnd(dir, SESSION, area.settleAppendedEvents());
        }
        assertEquals(List.of(7L, 7L), recoverAndReadEnds(7), "the settled count, not 6 again and not 8");
    }

    @Test
    void recoveryCutsALedgerRecordTheKillToreBeforeEndingTheSession() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 10);
        }, true);
        final Path ledger = dir.resolve(LedgerFile.FILE_NAME);
        final long whole = Files.size(ledger);
        LedgerFile.append(dir, LedgerRecord.batch(SESSION, 10, A, 10, 5, 100, 0xA, 10, 150, 0xB, 15), false);
        try (FileChannel channel = FileChannel.open(ledger, StandardOpenOption.WRITE)) {
            channel.truncate(whole + 50); // killed writing the second BATCH, before its events
        }
        assertEquals(List.of(10L), recoverAndReadEnds(10));
        assertEquals(new SourceProgress(A, 10, 100, 0xA, 10, false), progress());
    }

    @Test
    void aNewWriterDoesNotDeleteAStagingFileWhoseSessionHasNoEnd() throws IOException {
        try (Journal journal = Journal.open(dir, config())) {
            // Left by a writer of this process whose close could not write its session's end.
            Files.createDirectories(stagingFile().getParent());
            try (StagingArea left = StagingArea.create(stagingFile().toFile(), 0, SLOTS, BLOCK_EVENTS, -1)) {
                left.startIngestSession(SESSION);
            }
            final JournalException e = assertThrows(JournalException.class, journal::newWriter);
            assertTrue(e.getMessage().contains("reopen the journal"), e.getMessage());
            assertTrue(Files.exists(stagingFile()));
            LedgerFile.appendSessionEnd(dir, SESSION, 0);
            journal.newWriter().close();
        }
    }

    @Test
    void aSessionIdFailingItsChecksumStopsTheOpenAndChangesNothing() throws IOException {
        craft(area -> {
            area.startIngestSession(SESSION);
            stage(area, 3);
        }, true);
        putLong(StagingLayout.SESSION_ID_OFFSET, SESSION ^ 1);
        final byte[] before = Files.readAllBytes(stagingFile());
        final JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir, config()));
        assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(stagingFile()));
    }

    private interface Staging {
        void fill(StagingArea area);
    }

    private static JournalConfig config() {
        return new JournalConfig().blockEvents(BLOCK_EVENTS);
    }

    /** A journal, then writer 0's staging file as a killed writer leaves it, and maybe a BATCH of 10 for it. */
    private void craft(final Staging staging, final boolean isBatched) throws IOException {
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(0, journal.recovery().blocksSealed());
        }
        Files.createDirectories(stagingFile().getParent());
        try (StagingArea area = StagingArea.create(stagingFile().toFile(), 0, SLOTS, BLOCK_EVENTS, -1)) {
            area.open(0, DEVICE, System.currentTimeMillis());
            staging.fill(area);
        }
        if (isBatched) {
            LedgerFile.append(dir, LedgerRecord.batch(SESSION, 0, A, 0, 10, 0, 0, 0, 100, 0xA, 10), false);
        }
    }

    /** Stages n events in slot 0, appends 1..n, as a writer does. */
    private static void stage(final StagingArea area, final int n) {
        for (int i = 0; i < n; i++) {
            area.append(0, i, 1_000_000L * i, 0, i, i, 0, 0, 0, i + 1);
        }
    }

    private List<Long> recoverAndReadEnds(final int events) {
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(events, journal.recovery().eventsRecovered(), journal.recovery().toString());
            assertEquals(1, journal.recovery().ingestSessionsEnded());
            assertEquals(events, journal.verify().events());
        }
        assertFalse(Files.exists(stagingFile()));
        return ends();
    }

    private List<Long> ends() {
        return LedgerFile.read(dir).stream().filter(r -> r.kind() == LedgerRecord.SESSION_END)
            .peek(r -> assertEquals(SESSION, r.sessionId())).map(LedgerRecord::appended).collect(Collectors.toList());
    }

    private SourceProgress progress() {
        try (Journal journal = Journal.openReadOnly(dir)) {
            return journal.ingestLedger().progress(A);
        }
    }

    private Path stagingFile() {
        return dir.resolve("staging").resolve("writer-0.stg");
    }

    private static int eventOffset(final int slot, final int index) {
        return StagingLayout.HEADER_LENGTH + slot * (int)StagingLayout.slotBytes(BLOCK_EVENTS)
            + StagingLayout.SLOT_HEADER_LENGTH + index * StagingLayout.EVENT_BYTES;
    }

    private void putLong(final int offset, final long value) throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).flip();
        try (FileChannel channel = FileChannel.open(stagingFile(), StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }

    /**
     * The file as the build before the ledger wrote it: staging version 1 (a 64-byte header, slots from byte 64)
     * with zeros in the bytes it did not use (36..64).
     */
    private static byte[] asBeforeTheLedger(final byte[] file) {
        final int skipped = StagingLayout.HEADER_LENGTH - StagingLayout.HEADER_LENGTH_V1;
        final byte[] old = new byte[file.length - skipped];
        System.arraycopy(file, 0, old, 0, StagingLayout.SESSION_CRC_OFFSET);
        System.arraycopy(file, StagingLayout.HEADER_LENGTH, old, StagingLayout.HEADER_LENGTH_V1,
            file.length - StagingLayout.HEADER_LENGTH);
        final ByteBuffer header = ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(4, (short)StagingLayout.VERSION_1);
        final CRC32C crc = new CRC32C();
        crc.update(old, 0, StagingLayout.CRC_COVERED);
        header.putInt(StagingLayout.CRC_OFFSET, (int)crc.getValue());
        return old;
    }
}

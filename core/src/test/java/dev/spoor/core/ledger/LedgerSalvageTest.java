/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.recovery.RepairReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor repair} on a damaged ingest ledger (bytes flipped in real files): the whole records are kept, past
 * the damage too, a session whose ends were lost is ended with the count that loses nothing, and ingest can run
 * again; a sound ledger, a torn tail and a dry run change nothing.
 */
class LedgerSalvageTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final String A = "in/a.csv";
    private static final String B = "in/b.csv";

    @TempDir
    Path dir;

    @Test
    void aFlippedByteInARecordIsDroppedAndTheRecordsAfterItKept() throws IOException {
        ingestWhole(A, 10, 1);
        ingestWhole(B, 7, 2);
        final List<Integer> records = recordOffsets();
        assertEquals(8, records.size(), "per session BATCH, COMPLETE and two SESSION_ENDs");
        flip(records.get(1) + 6); // inside A's COMPLETE
        final JournalException refused = assertThrows(JournalException.class, this::sources);
        assertTrue(refused.getMessage().contains("fails its crc32c check")
            && refused.getMessage().contains("`spoor repair --journal " + dir + "`"), refused.getMessage());

        final byte[] damaged = ledgerBytes();
        final RepairReport dryRun = Journal.repair(dir, true);
        assertTrue(dryRun.ledger().bytesDropped() > 0 && !dryRun.isClean(), dryRun.ledger().toString());
        assertArrayEquals(damaged, ledgerBytes(), "a dry run changes nothing");

        final LedgerSalvage salvage = Journal.repair(dir, false).ledger();
        assertEquals(new LedgerSalvage(7, records.get(2) - records.get(1), 6, List.of()), salvage);
        final List<SourceProgress> sources = sources();
        assertEquals(List.of(new SourceProgress(A, 10, 200, 0xA, 10, false), new SourceProgress(B, 7, 140, 7, 7,
            true)), sources, "A's batch is whole (its session's end holds it); its COMPLETE was in the damage");
        assertTrue(Journal.repair(dir, false).ledger().isSound(), "a second repair finds nothing to do");
        assertEquals(1, AuditLog.read(dir).stream().filter(e -> "repair".equals(e.action())
            && e.details().equals(salvage.describe())).count(), "the repair is audited once");
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(0, journal.verify().problems().size(), journal.verify().problems().toString());
        }
    }

    @Test
    void aSessionWhoseEndsWereLostHasItsLastBatchReadAgain() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(A, 0, 10, 0, 0, 0, 200, 0xA, 10);
                appendMoves(writer, 10, 1);
                session.batch(A, 10, 10, 200, 0xA, 10, 400, 0xB, 20);
                appendMoves(writer, 10, 1);
            }
        }
        final List<Integer> records = recordOffsets();
        assertEquals(4, records.size(), "two BATCHes and two SESSION_ENDs");
        flip(records.get(2) + 6);
        flip(records.get(3) + 6);

        final LedgerSalvage salvage = Journal.repair(dir, false).ledger();
        assertEquals(1, salvage.sessionsEnded().size(), salvage.toString());
        assertTrue(salvage.sessionsEnded().get(0).contains("last batch of 10 events is taken as not stored"),
            salvage.toString());
        final SourceProgress a = sources().get(0);
        assertEquals(10, a.events(), "the first batch is whole: the second was recorded after its events");
        assertEquals(200, a.bytesCovered(), "the next ingest reads the second batch's bytes again");
    }

    @Test
    void aLastBatchItsCompleteFollowsIsTakenAsStored() throws IOException {
        ingestWhole(A, 10, 1);
        final List<Integer> records = recordOffsets();
        flip(records.get(2) + 6);
        flip(records.get(3) + 6);
        final LedgerSalvage salvage = Journal.repair(dir, false).ledger();
        assertTrue(salvage.sessionsEnded().get(0).contains("taken as stored (its source's COMPLETE follows it)"),
            salvage.toString());
        assertEquals(List.of(new SourceProgress(A, 10, 200, 0xA, 10, true)), sources());
    }

    @Test
    void aSoundLedgerAndATornTailAreLeftAsTheyAre() throws IOException {
        ingestWhole(A, 10, 1);
        final byte[] sound = ledgerBytes();
        assertTrue(Journal.repair(dir, false).ledger().isSound());
        assertArrayEquals(sound, ledgerBytes());

        final byte[] torn = Arrays.copyOf(sound, sound.length - 5);
        Files.write(dir.resolve(LedgerFile.FILE_NAME), torn);
        final LedgerSalvage salvage = Journal.repair(dir, false).ledger();
        assertTrue(salvage.isSound(), "a killed append's torn tail is no damage: " + salvage);
        assertFalse(sources().isEmpty());
    }

    private void ingestWhole(final String source, final int events, final long device) {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(source, 0, events, 0, 0, 0, 20L * events, events, events);
                appendMoves(writer, events, device);
                session.complete(source, events, 20L * events, events, events);
            }
        }
    }

    private List<SourceProgress> sources() {
        try (Journal journal = Journal.openReadOnly(dir)) {
            return journal.ingestLedger().sources();
        }
    }

    private static void appendMoves(final JournalWriter writer, final int n, final long device) {
        for (int i = 0; i < n; i++) {
            writer.move(device, T0 + i, i, i, 0);
        }
    }

    /** Where each record of the ledger starts ({@code u32 length | payload | u32 crc32c} after a 6-byte header). */
    private List<Integer> recordOffsets() throws IOException {
        final ByteBuffer in = ByteBuffer.wrap(ledgerBytes()).order(ByteOrder.LITTLE_ENDIAN);
        final List<Integer> offsets = new ArrayList<>();
        for (int at = 6; at < in.limit(); at += 8 + in.getInt(at)) {
            offsets.add(at);
        }
        return offsets;
    }

    private void flip(final int offset) throws IOException {
        final byte[] bytes = ledgerBytes();
        bytes[offset] ^= 0x40;
        Files.write(dir.resolve(LedgerFile.FILE_NAME), bytes);
    }

    private byte[] ledgerBytes() throws IOException {
        return Files.readAllBytes(dir.resolve(LedgerFile.FILE_NAME));
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger on real journals in one process: sessions, the writer's count, the lock, resolution, verify. */
class IngestLedgerTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final String A = "in/a.csv";
    private static final String B = "in/b.csv";

    @TempDir
    Path dir;

    @Test
    void theWritersCountTakesEveryAppendCallThePolicyDroppedToo() {
        final JournalConfig config = new JournalConfig().privacyPolicy(PrivacyPolicy.defaults()
            .keystrokes(KeystrokeMode.DROP).consentedDevices(Set.of("alice")));
        try (Journal journal = Journal.open(dir, config)) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                final JournalInternals internals = JournalInternals.of(journal);
                try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                    session.batch(A, 0, 6, 0, 0, 0, 600, 0x6, 6);
                    writer.move(alice, T0, 1, 1, 0);
                    writer.move(bob, T0 + 1, 1, 1, 0);
                    writer.keyDown(alice, T0 + 2, 65, 0);
                    writer.keyDown(alice, T0 + 3, 49, PrivacyPolicy.SECURE_INPUT);
                    assertThrows(IllegalArgumentException.class, () -> writer.move(alice, -1, 1, 1, 0));
                    writer.wheel(alice, T0 + 4, 1, 1, 0, 1);
                    writer.keyUp(bob, T0 + 5, 65, 0);
                    assertEquals(6, internals.appendedEvents(writer),
                        "2 stored, 2 dropped without consent, 1 keystroke, 1 secure input; the invalid one not taken");
                    assertEquals(4, writer.droppedWithoutConsent() + writer.droppedKeystrokes()
                        + writer.droppedSecureInput());
                    session.complete(A, 6, 600, 0x6, 6);
                }
                assertEquals(List.of(6L), sessionEnds(), "the session's close wrote the writer's count");
            }
            assertEquals(new SourceProgress(A, 6, 600, 0x6, 6, true), journal.ingestLedger().progress(A));
            assertEquals(2, journal.verify().events(), "the journal holds the 2 events the policy kept");
        }
        assertEquals(List.of(6L, 6L), sessionEnds(), "the writer's close wrote the same count again");
    }

    @Test
    void aBatchNotAllAppendedResolvesAsPartial() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            try (LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(A, 0, 10, 0, 0, 0, 200, 0xA, 10);
                appendMoves(writer, 10);
                session.batch(A, 10, 10, 200, 0xA, 10, 400, 0xB, 20);
                appendMoves(writer, 7);
                assertThrows(IllegalStateException.class, () -> session.complete(A, 20, 400, 0xB, 20),
                    "3 events of the last batch are missing");
            }
            assertEquals(new SourceProgress(A, 17, 200, 0xA, 10, false, 10), journal.ingestLedger().progress(A));
        }
    }

    @Test
    void aSecondConcurrentBeginIsRefusedUntilTheFirstCloses() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter first = journal.newWriter();
             JournalWriter second = journal.newWriter()) {
            final IngestLedger ledger = journal.ingestLedger();
            final LedgerSession running = ledger.begin(first);
            final JournalException refused = assertThrows(JournalException.class, () -> ledger.begin(second));
            assertTrue(refused.getMessage().contains("another ingest"), refused.getMessage());
            try (Journal readOnly = Journal.openReadOnly(dir)) {
                assertThrows(JournalException.class, () -> readOnly.ingestLedger().begin(second),
                    "another ledger instance of the journal is refused too");
            }
            running.close();
            try (LedgerSession next = ledger.begin(second)) {
                assertNotEquals(running.sessionId(), next.sessionId());
                assertNotEquals(0, next.sessionId());
            }
        }
    }

    @Test
    void beginRefusesAWriterThatAppendedAndReleasesTheLock() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter used = journal.newWriter();
             JournalWriter fresh = journal.newWriter()) {
            used.move(1, T0, 1, 1, 0);
            assertThrows(IllegalStateException.class, () -> journal.ingestLedger().begin(used));
            final LedgerSession session;
            try {
                session = journal.ingestLedger().begin(fresh);
            } catch (final JournalException e) {
                throw new AssertionError("a refused begin must release the lock", e);
            }
            session.close();
            assertThrows(IllegalStateException.class, () -> journal.ingestLedger().begin(fresh),
                "a writer is in one session at most");
        }
    }

    @Test
    void batchAndCompleteCheckTheCountsTheyRecord() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter();
             LedgerSession session = journal.ingestLedger().begin(writer)) {
            assertThrows(IllegalArgumentException.class, () -> session.batch(A, 5, 1, 0, 0, 0, 10, 0, 1),
                "the ledger holds 0 events of a new source");
            assertThrows(IllegalArgumentException.class, () -> session.batch(A, 0, 1, 10, 0, 1, 5, 0, 2),
                "coverage cannot shrink");
            assertThrows(IllegalArgumentException.class, () -> session.batch("", 0, 1, 0, 0, 0, 5, 0, 1));
            session.batch(A, 0, 3, 0, 0, 0, 30, 0, 3);
            appendMoves(writer, 2);
            assertThrows(IllegalStateException.class, () -> session.batch(B, 0, 1, 0, 0, 0, 10, 0, 1),
                "the last batch is one event short");
            appendMoves(writer, 1);
            session.batch(B, 0, 1, 0, 0, 0, 10, 0, 1);
            appendMoves(writer, 1);
            assertThrows(IllegalArgumentException.class, () -> session.complete(A, 2, 30, 0, 3),
                "the ledger holds 3 events of A");
            session.complete(A, 3, 30, 0, 3);
            appendMoves(writer, 1);
            assertThrows(IllegalStateException.class, () -> session.complete(B, 1, 10, 0, 1),
                "an event outside every batch");
        }
    }

    @Test
    void progressOfALiveSessionComesFromItsWritersStagingFile() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter();
             LedgerSession session = journal.ingestLedger().begin(writer)) {
            session.batch(A, 0, 10, 0, 0, 0, 200, 0xA, 10);
            appendMoves(writer, 4);
            assertEquals(new SourceProgress(A, 4, 0, 0, 0, false, 0), journal.ingestLedger().progress(A));
            try (Journal reader = Journal.openReadOnly(dir)) {
                assertEquals(4, reader.ingestLedger().progress(A).events(), "another ledger reads the same file");
            }
            appendMoves(writer, 6);
            assertEquals(new SourceProgress(A, 10, 200, 0xA, 10, false), journal.ingestLedger().progress(A));
        }
    }

    @Test
    void closingTheWriterBeforeTheSessionEndsTheSessionFirst() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final JournalWriter writer = journal.newWriter();
            final LedgerSession session = journal.ingestLedger().begin(writer);
            session.batch(A, 0, 8, 0, 0, 0, 80, 0x8, 8);
            appendMoves(writer, 8);
            writer.close();
            assertEquals(List.of(8L), sessionEnds(), "the writer ended the session before deleting its staging file");
            assertTrue(stagingFiles().isEmpty());
            assertEquals(8, journal.ingestLedger().progress(A).events());
            session.close();
            assertEquals(List.of(8L, 8L), sessionEnds());
        }
    }

    @Test
    void resetForgetsASourceAndSourcesListsTheRestByKey() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            try (JournalWriter writer = journal.newWriter();
                 LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(B, 0, 2, 0, 0, 0, 20, 0x2, 2);
                appendMoves(writer, 2);
                session.batch(A, 0, 1, 0, 0, 0, 10, 0x1, 1);
                appendMoves(writer, 1);
                session.complete(A, 1, 10, 0x1, 1);
                session.batch("c.csv", 0, 1, 0, 0, 0, 10, 0x1, 1);
                appendMoves(writer, 1);
                session.reset("c.csv");
                session.batch("c.csv", 0, 1, 0, 0, 0, 10, 0x1, 1);
                appendMoves(writer, 1);
                session.reset("c.csv");
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            final IngestLedger ledger = journal.ingestLedger();
            assertEquals(List.of(A, B), ledger.sources().stream().map(SourceProgress::sourceKey)
                .collect(Collectors.toList()));
            assertNull(ledger.progress("c.csv"), "reset: its 2 events stay in the journal, its progress is gone");
            assertTrue(ledger.progress(A).isComplete());
            assertFalse(ledger.progress(B).isComplete());
            assertEquals(5, journal.verify().events(), "b 2, a 1, c 1 + 1");
        }
    }

    @Test
    void aSessionWithBatchesButNoEndAndNoStagingFileIsAnError() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            LedgerFile.append(dir, LedgerRecord.batch(0x4D, 0, A, 0, 10, 0, 0, 0, 100, 0, 10), false);
            final JournalException e = assertThrows(JournalException.class,
                () -> journal.ingestLedger().progress(A));
            assertTrue(e.getMessage().contains("0x4d") && e.getMessage().contains("no SESSION_END"), e.getMessage());
            try (JournalWriter writer = journal.newWriter()) {
                assertThrows(JournalException.class, () -> journal.ingestLedger().begin(writer),
                    "no session starts on a ledger that cannot be resolved");
            }
            final VerifyReport report = journal.verify();
            assertEquals(1, report.problems().size(), report.toString());
            assertEquals(LedgerFile.FILE_NAME, report.problems().get(0).file());
        }
    }

    @Test
    void beginCutsARecordAKilledSessionLeftTorn() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            try (JournalWriter writer = journal.newWriter();
                 LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(A, 0, 2, 0, 0, 0, 20, 0x2, 2);
                appendMoves(writer, 2);
            }
            final Path file = dir.resolve(LedgerFile.FILE_NAME);
            final long whole = Files.size(file);
            LedgerFile.append(dir, LedgerRecord.sessionEnd(0x77, 2), true);
            try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(whole + 7); // as a kill in the middle of a session's last append leaves it
            }
            try (JournalWriter writer = journal.newWriter();
                 LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(A, 2, 1, 20, 0x2, 2, 30, 0x3, 3);
                appendMoves(writer, 1);
            }
            assertEquals(new SourceProgress(A, 3, 30, 0x3, 3, false), journal.ingestLedger().progress(A));
            assertTrue(journal.verify().isClean(), journal.verify().toString());
        }
    }

    @Test
    void verifyReportsADamagedLedgerFile() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            try (JournalWriter writer = journal.newWriter();
                 LedgerSession session = journal.ingestLedger().begin(writer)) {
                session.batch(A, 0, 3, 0, 0, 0, 30, 0x3, 3);
                appendMoves(writer, 3);
                session.complete(A, 3, 30, 0x3, 3);
            }
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            final Path file = dir.resolve(LedgerFile.FILE_NAME);
            final byte[] bytes = Files.readAllBytes(file);
            bytes[6 + 4 + 20] ^= 0x01; // the first BATCH's eventsBefore, with records after it
            Files.write(file, bytes);
            final VerifyReport report = journal.verify();
            assertFalse(report.isClean());
            assertEquals(LedgerFile.FILE_NAME, report.problems().get(0).file(), report.toString());
            assertTrue(report.problems().get(0).toString().startsWith("[file=" + LedgerFile.FILE_NAME + "]"));
            assertEquals(3, report.events(), "the blocks still verify");
        }
    }

    private static void appendMoves(final JournalWriter writer, final int n) {
        for (int i = 0; i < n; i++) {
            writer.move(7, T0 + i, i, i, 0);
        }
    }

    private List<Long> sessionEnds() {
        return LedgerFile.read(dir).stream().filter(r -> r.kind() == LedgerRecord.SESSION_END)
            .map(LedgerRecord::appended).collect(Collectors.toList());
    }

    private List<Path> stagingFiles() throws IOException {
        try (var files = Files.list(dir.resolve("staging"))) {
            return files.collect(Collectors.toList());
        }
    }
}

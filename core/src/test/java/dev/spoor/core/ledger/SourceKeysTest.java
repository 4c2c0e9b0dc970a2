/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger names a source by a keyed hash of its real path: the same across opens of one journal, another in
 * another journal, from the pseudonym key on a pseudonymous journal (no secret file), and the path itself in a
 * ledger that earlier builds wrote with paths, so their sources are still found.
 */
class SourceKeysTest {
    @TempDir
    Path dir;

    @Test
    void aSourceKeyIsAKeyedHashOfTheRealPathStableInItsJournal() throws Exception {
        final Path file = Files.writeString(dir.resolve("alice.csv"), "x\n");
        final Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);
        final String first;
        try (Journal journal = Journal.open(dir.resolve("a"), new JournalConfig())) {
            first = journal.ingestLedger().sourceKeyOf(file);
            assertEquals(first, journal.ingestLedger().sourceKeyOf(link), "one file named two ways is one source");
        }
        assertTrue(first.matches("hmac-sha256:[0-9a-f]{64}"), first);
        assertFalse(first.contains("alice"));
        try (Journal journal = Journal.open(dir.resolve("a"), new JournalConfig())) {
            assertEquals(first, journal.ingestLedger().sourceKeyOf(file), "the secret is kept");
        }
        try (Journal other = Journal.open(dir.resolve("b"), new JournalConfig())) {
            assertNotEquals(first, other.ingestLedger().sourceKeyOf(file), "each journal has its own secret");
        }
    }

    @Test
    void aPseudonymousJournalHashesWithItsKeyAndKeepsNoSecretFile() throws Exception {
        final Path file = Files.writeString(dir.resolve("alice.csv"), "x\n");
        final JournalConfig config = new JournalConfig().pseudonymKeyFile(dir.resolve("key"));
        final String first;
        try (Journal journal = Journal.open(dir.resolve("p"), config)) {
            first = journal.ingestLedger().sourceKeyOf(file);
        }
        try (Journal journal = Journal.open(dir.resolve("p"), config)) {
            assertEquals(first, journal.ingestLedger().sourceKeyOf(file));
        }
        assertTrue(first.startsWith("hmac-sha256:"), first);
        assertFalse(Files.exists(dir.resolve("p").resolve(SourceKeys.SECRET_FILE_NAME)));
    }

    @Test
    void aLedgerWrittenWithPathsKeepsNamingSourcesByPath() throws Exception {
        final Path file = Files.writeString(dir.resolve("alice.csv"), "x\n");
        final String path = file.toRealPath().toString();
        try (Journal journal = Journal.open(dir.resolve("old"), new JournalConfig());
             JournalWriter writer = journal.newWriter();
             LedgerSession session = journal.ingestLedger().begin(writer)) {
            session.reading(path, "csv"); // as builds before hashed keys wrote every record
        }
        try (Journal journal = Journal.open(dir.resolve("old"), new JournalConfig())) {
            assertEquals(path, journal.ingestLedger().sourceKeyOf(file));
            assertEquals("csv", journal.ingestLedger().readings().get(path));
        }
        assertFalse(Files.exists(dir.resolve("old").resolve(SourceKeys.SECRET_FILE_NAME)));
    }

    @Test
    void aLostSecretIsRefusedNotMadeAgainSoNoFileIsStoredTwice() throws Exception {
        final Path file = Files.writeString(dir.resolve("alice.csv"), "x\n");
        final Path journalDir = dir.resolve("lost");
        try (Journal journal = Journal.open(journalDir, new JournalConfig());
             JournalWriter writer = journal.newWriter();
             LedgerSession session = journal.ingestLedger().begin(writer)) {
            session.reading(journal.ingestLedger().sourceKeyOf(file), "csv");
        }
        Files.delete(journalDir.resolve(SourceKeys.SECRET_FILE_NAME));
        try (Journal journal = Journal.open(journalDir, new JournalConfig())) {
            final JournalException refused = assertThrows(JournalException.class,
                () -> journal.ingestLedger().sourceKeyOf(file));
            assertTrue(refused.getMessage().contains(SourceKeys.SECRET_FILE_NAME + " is missing or empty, but the"
                + " ingest ledger names 1 source(s)"), refused.getMessage());
        }
        assertFalse(Files.exists(journalDir.resolve(SourceKeys.SECRET_FILE_NAME)), "no new secret");
    }
}

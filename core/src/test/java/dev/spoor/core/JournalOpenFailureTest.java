/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.index.IndexFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An open that fails closes what it had opened (lock file, queue): no file of the journal stays open or mapped
 * in this process, a refused open writes nothing, and the journal opens for writing again in the same JVM.
 * Failures at each stage: a damaged pseudonym key file, a device dictionary damaged beyond a torn tail (found
 * after the queue is open), and a pseudonymous journal opened to write without its key (found after the
 * journal is built).
 */
class JournalOpenFailureTest {

    @TempDir
    Path dir;

    private Path journalDir;
    private Path keyFile;
    private byte[] key;

    @BeforeEach
    void writePseudonymousJournal() throws IOException {
        journalDir = dir.resolve("j");
        keyFile = dir.resolve("pseudonym.key");
        try (Journal journal = Journal.open(journalDir, withDictionary());
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("alice"), 1_000, 1, 2, 0);
            writer.move(journal.devices().register("bob"), 1_000, 1, 2, 0);
        }
        key = Files.readAllBytes(keyFile);
    }

    /** Pseudonyms with the dictionary kept on request: the dictionary is what these tests damage. */
    private JournalConfig withDictionary() {
        return new JournalConfig().pseudonymKeyFile(keyFile).deviceDictionary(true);
    }

    @Test
    void aBadKeyFileLeavesNothingOpen() throws IOException {
        assumeTrue(HeldFiles.isSupported(), "no /proc/self/fd here");
        assertEquals(List.of(), HeldFiles.open(journalDir), "nothing open before (after a clean close)");
        assertEquals(List.of(), HeldFiles.mapped(journalDir), "nothing mapped before (after a clean close)");
        damageKeyFile();
        final JournalException e = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, withDictionary()));
        assertTrue(e.getMessage().contains("holds 5 bytes"), e.getMessage());
        assertEquals(List.of(), HeldFiles.open(journalDir), "files left open by the failed open");
        assertEquals(List.of(), HeldFiles.mapped(journalDir), "files left mapped by the failed open");

        Files.write(keyFile, key);
        try (Journal journal = Journal.open(journalDir, withDictionary());
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("alice"), 2_000, 3, 4, 0);
            writer.flush();
            assertEquals(3, journal.verify().events(), "the journal opens for writing again");
        }
        assertEquals(List.of(), HeldFiles.open(journalDir), "nothing open after a clean close");
    }

    @Test
    void aBadKeyFileLeavesNothingOpenOnAReadOnlyOpen() throws IOException {
        assumeTrue(HeldFiles.isSupported(), "no /proc/self/fd here");
        damageKeyFile();
        assertThrows(JournalException.class, () -> Journal.openReadOnly(journalDir, keyFile));
        assertEquals(List.of(), HeldFiles.open(journalDir), "files left open by the failed open");
        assertEquals(List.of(), HeldFiles.mapped(journalDir), "files left mapped by the failed open");
    }

    @Test
    void aDamagedDictionaryFoundAfterTheQueueIsOpenLeavesNothingOpen() throws IOException {
        assumeTrue(HeldFiles.isSupported(), "no /proc/self/fd here");
        final Path dictionary = journalDir.resolve(DeviceRegistry.FILE_NAME);
        final byte[] intact = Files.readAllBytes(dictionary);
        final byte[] damaged = intact.clone();
        damaged[14] ^= 0x40; // inside the first record, which a second one follows: not a torn tail
        Files.write(dictionary, damaged);
        final JournalException e = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, withDictionary()));
        assertTrue(e.getMessage().contains("not a torn tail"), e.getMessage());
        assertEquals(List.of(), HeldFiles.open(journalDir), "files left open by the failed open");
        assertEquals(List.of(), HeldFiles.mapped(journalDir), "files left mapped by the failed open");
        try (Journal readOnly = Journal.openReadOnly(journalDir, keyFile)) {
            // Reading is safe: the keys before the damage are known, later devices show as ids, verify names it.
            assertTrue(readOnly.devices().damage().contains("not a torn tail"), readOnly.devices().damage());
        }
        assertEquals(List.of(), HeldFiles.open(journalDir), "files left open by the read-only open");

        Files.write(dictionary, intact);
        try (Journal journal = Journal.open(journalDir, withDictionary())) {
            assertEquals(2, journal.devices().all().size(), "the journal opens for writing again");
        }
    }

    @Test
    void anOpenRefusedAfterTheJournalIsBuiltClosesItAndWritesNothing() throws IOException {
        assumeTrue(HeldFiles.isSupported(), "no /proc/self/fd here");
        final Path index = journalDir.resolve(IndexFile.FILE_NAME);
        final FileTime indexWritten = Files.getLastModifiedTime(index);
        final JournalException e = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, new JournalConfig()));
        assertTrue(e.getMessage().contains("keyed pseudonyms"), e.getMessage());
        assertEquals(List.of(), HeldFiles.open(journalDir), "files left open by the refused open");
        assertEquals(List.of(), HeldFiles.mapped(journalDir), "files left mapped by the refused open");
        assertEquals(indexWritten, Files.getLastModifiedTime(index), "a refused open rewrote the index");
        try (Journal journal = Journal.open(journalDir, withDictionary())) {
            assertEquals(2, journal.verify().events(), "the journal opens for writing again");
        }
    }

    private void damageKeyFile() throws IOException {
        Files.write(keyFile, new byte[] {1, 2, 3, 4, 5});
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keyed pseudonyms: device ids are HMAC-SHA256 of the key under a key file kept outside the journal; with
 * the dictionary off no file of the journal names a device, and without the key file nobody can look a
 * device up by key.
 */
class PseudonymTest {
    @TempDir
    Path dir;

    @Test
    void idsAreKeyedAndTheJournalAloneNamesNoOne() throws Exception {
        final Path keyFile = dir.resolve("pseudonym.key");
        final Path journalDir = dir.resolve("j");
        final long alice;
        try (Journal journal = Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile)
            .deviceDictionary(false)); JournalWriter writer = journal.newWriter()) {
            alice = journal.devices().register("alice-laptop");
            try (Journal plain = Journal.open(dir.resolve("plain"), new JournalConfig())) {
                assertNotEquals(plain.devices().lookup("alice-laptop"), alice, "not the public hash");
            }
            writer.move(alice, 1_000, 1, 2, 0);
            assertTrue(journal.policy().isPseudonymous());
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keyFile)));
        assertFalse(Files.exists(journalDir.resolve(DeviceRegistry.FILE_NAME)), "no device dictionary");
        try (Stream<Path> files = Files.walk(journalDir)) {
            for (final Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("alice"),
                    "a device key in " + file);
            }
        }
        try (Journal other = Journal.open(dir.resolve("k"), new JournalConfig().pseudonymKeyFile(keyFile))) {
            assertEquals(alice, other.devices().register("alice-laptop"), "same key file, same id");
        }
        try (Journal withKey = Journal.openReadOnly(journalDir, keyFile)) {
            assertEquals(alice, withKey.devices().lookup("alice-laptop"));
            assertEquals(1, withKey.verify().events());
        }
        try (Journal withoutKey = Journal.openReadOnly(journalDir)) {
            final JournalException e = assertThrows(JournalException.class,
                () -> withoutKey.devices().lookup("alice-laptop"));
            assertTrue(e.getMessage().contains("pseudonym key file"), e.getMessage());
            assertEquals(1, withoutKey.verify().events(), "data stays readable by id");
        }
        final JournalException e = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, new JournalConfig()));
        assertTrue(e.getMessage().contains("keyed pseudonyms"), e.getMessage());
    }

    @Test
    void refusesAKeyFileInsideTheJournal() {
        final Path journalDir = dir.resolve("j");
        final JournalException e = assertThrows(JournalException.class, () -> Journal.open(journalDir,
            new JournalConfig().pseudonymKeyFile(journalDir.resolve("key"))));
        assertTrue(e.getMessage().contains("inside the journal directory"), e.getMessage());
    }
}

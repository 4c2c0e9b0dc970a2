/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.privacy.PseudonymKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /**
     * A consent list on a pseudonymous journal is stored as the devices' pseudonymous ids: the policy file names
     * no one (it named every consented device before 2026-12-01), consent still decides what is stored, and opening
     * again with the same list adds no policy version.
     */
    @Test
    void aConsentListIsStoredAsPseudonymsAndStillDecidesWhatIsKept() throws Exception {
        final Path keyFile = dir.resolve("pseudonym.key");
        final Path journalDir = dir.resolve("j");
        final JournalConfig config = new JournalConfig().pseudonymKeyFile(keyFile).deviceDictionary(false)
            .privacyPolicy(PrivacyPolicy.defaults().consentedDevices(Set.of("alice-laptop", "bob-desktop")));
        try (Journal journal = Journal.open(journalDir, config); JournalWriter writer = journal.newWriter()) {
            final long alice = journal.devices().register("alice-laptop");
            final long carol = journal.devices().register("carol-tablet");
            writer.move(alice, 1_000, 1, 2, 0);
            writer.move(carol, 1_000, 1, 2, 0);
            writer.flush();
            assertEquals(1, writer.droppedWithoutConsent(), "carol did not consent");
            assertTrue(journal.policy().hasConsentList() && journal.policy().consentListSize() == 2,
                journal.policy().describe());
        }
        final String policyFile = new String(Files.readAllBytes(journalDir.resolve("policy.spoor")),
            StandardCharsets.ISO_8859_1);
        assertFalse(policyFile.contains("alice") || policyFile.contains("bob"), "the policy names a device");
        try (Journal again = Journal.open(journalDir, config); JournalWriter writer = again.newWriter()) {
            assertEquals(1, again.policyVersion().version(), "the same list, stored as ids, is the same policy");
            writer.move(again.devices().register("bob-desktop"), 2_000, 3, 4, 0);
            writer.move(again.devices().register("carol-tablet"), 2_000, 3, 4, 0);
        }
        try (Journal read = Journal.openReadOnly(journalDir, keyFile)) {
            assertEquals(2, read.verify().events(), "alice's and bob's events, none of carol's");
        }
    }

    @Test
    void anotherKeyFileOrAMissingOneIsRefusedAndChangesNothing() throws Exception {
        final Path keyFile = dir.resolve("real.key");
        final Path journalDir = dir.resolve("j");
        try (Journal journal = Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile));
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("alice-laptop"), 1_000, 1, 2, 0);
        }
        assertTrue(Files.exists(journalDir.resolve(PseudonymKey.CHECK_FILE_NAME)), "the first writer records it");
        final Path otherKey = dir.resolve("other.key");
        try (Journal other = Journal.open(dir.resolve("other"), new JournalConfig().pseudonymKeyFile(otherKey))) {
            assertTrue(other.policy().isPseudonymous());
        }
        final Map<String, byte[]> before = files(journalDir);

        final JournalException wrong = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(otherKey)));
        assertTrue(wrong.getMessage().contains(otherKey + " is not the key journal " + journalDir), wrong.getMessage());
        final JournalException wrongToRead = assertThrows(JournalException.class,
            () -> Journal.openReadOnly(journalDir, otherKey));
        assertTrue(wrongToRead.getMessage().contains("is not the key"), wrongToRead.getMessage());

        final Path typo = dir.resolve("reel.key");
        final JournalException missing = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(typo)));
        assertTrue(missing.getMessage().contains(typo + " does not exist"), missing.getMessage());
        assertFalse(Files.exists(typo), "no new key is made for a journal that has pseudonyms");

        assertEquals(before.keySet(), files(journalDir).keySet());
        files(journalDir).forEach((name, bytes) -> assertArrayEquals(before.get(name), bytes, name));
        try (Journal right = Journal.openReadOnly(journalDir, keyFile)) {
            assertEquals(1, right.verify().events(), "the right key still opens it");
        }
    }

    @Test
    void aJournalWrittenBeforeChecksGetsOneFromItsNextWriter() {
        final Path keyFile = dir.resolve("real.key");
        final Path journalDir = dir.resolve("j");
        try (Journal journal = Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile))) {
            assertTrue(journal.policy().isPseudonymous());
        }
        // As a journal written before the check existed.
        assertTrue(journalDir.resolve(PseudonymKey.CHECK_FILE_NAME).toFile().delete());
        final Path otherKey = dir.resolve("other.key");
        Journal.open(dir.resolve("other"), new JournalConfig().pseudonymKeyFile(otherKey)).close();
        try (Journal unchecked = Journal.openReadOnly(journalDir, otherKey)) {
            assertTrue(unchecked.policy().isPseudonymous(), "with no check recorded, a reader cannot tell");
        }
        Journal.open(journalDir, new JournalConfig().pseudonymKeyFile(keyFile)).close();
        assertTrue(Files.exists(journalDir.resolve(PseudonymKey.CHECK_FILE_NAME)));
        assertThrows(JournalException.class, () -> Journal.open(journalDir,
            new JournalConfig().pseudonymKeyFile(otherKey)));
    }

    private static Map<String, byte[]> files(final Path root) throws IOException {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (final Path file : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                files.put(root.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void refusesAKeyFileInsideTheJournal() {
        final Path journalDir = dir.resolve("j");
        final JournalException e = assertThrows(JournalException.class, () -> Journal.open(journalDir,
            new JournalConfig().pseudonymKeyFile(journalDir.resolve("key"))));
        assertTrue(e.getMessage().contains("inside the journal directory"), e.getMessage());
        assertFalse(Files.exists(journalDir), "a refused key leaves no half-made journal");
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceRegistryTest {
    @TempDir
    Path dir;

    @Test
    void keepsKeysAcrossReopenAndGivesEachItsOwnId() {
        final Set<Long> ids = new HashSet<>();
        final long alice;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            alice = journal.devices().register("alice-laptop");
            assertEquals(alice, journal.devices().register("alice-laptop"), "same key, same id");
            for (int i = 0; i < 5_000; i++) {
                assertTrue(ids.add(journal.devices().register("host-" + i)), "two keys share an id at host-" + i);
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals("alice-laptop", journal.devices().keyOf(alice));
            assertEquals(5_001, journal.devices().all().size());
            final JournalException e = assertThrows(JournalException.class,
                () -> journal.devices().register("new-host"));
            assertTrue(e.getMessage().contains("read only"), e.getMessage());
        }
    }

    /**
     * A reader opened before a writer registered a device finds the device's key once its blocks reach it, as a scan
     * running through an ingest does (it used to show such devices by id to the end of its run).
     */
    @Test
    void aReaderFindsTheKeyOfADeviceRegisteredAfterItOpened() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            journal.devices().register("early");
            try (Journal reader = Journal.openReadOnly(dir); JournalWriter writer = journal.newWriter()) {
                final long late = journal.devices().register("e6/user21/session_5306911480");
                writer.move(late, 1_000, 1, 2, 0);
                writer.flush();
                assertEquals("e6/user21/session_5306911480", reader.devices().keyOf(late));
                final long later = journal.devices().register("later");
                assertEquals(Set.of("early", "e6/user21/session_5306911480"),
                    new HashSet<>(reader.devices().all().values()),
                    "a key is written before the next event is staged, not at register");
                writer.move(later, 2_000, 1, 2, 0);
                writer.flush();
                assertEquals(Set.of("early", "e6/user21/session_5306911480", "later"),
                    new HashSet<>(reader.devices().all().values()), "all() reads the file again");
                assertEquals(null, reader.devices().keyOf(42), "an id no one registered");
                assertEquals(null, reader.devices().keyOf(42), "asked again, without reading the file");
            }
        }
    }

    /**
     * A journal closing (it writes the keys waiting, holding the journal's lock) while another thread registers keys
     * (holding the registry's lock, then asking the journal's policy for consent) must not deadlock: the waiting keys
     * have a lock of their own, taken after either.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void registeringWhileTheJournalClosesNeverDeadlocks() throws Exception {
        for (int round = 0; round < 30; round++) {
            final Journal journal = Journal.open(dir.resolve("r" + round), new JournalConfig());
            journal.devices().register("first");
            final Thread registering = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        journal.devices().register("key-" + i);
                    }
                } catch (final RuntimeException closed) {
                    // the journal closed under it
                }
            });
            registering.setDaemon(true); // a deadlock fails the test at its timeout, and leaves the JVM free to end
            registering.start();
            Thread.sleep(1);
            journal.close();
            registering.join(10_000);
            assertFalse(registering.isAlive(), "round " + round + ": register and close deadlocked");
        }
    }

    @Test
    void cutsATornLastRecordButRefusesDamageInTheMiddle() throws Exception {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            journal.devices().register("a");
            journal.devices().register("b");
        }
        final Path file = dir.resolve(DeviceRegistry.FILE_NAME);
        final long intact = Files.size(file);
        Files.write(file, new byte[] {20, 0, 0, 0, 1, 2}, StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(2, journal.devices().all().size());
        }
        assertEquals(intact, Files.size(file), "the torn record was cut off");

        final byte[] bytes = Files.readAllBytes(file);
        bytes[14] ^= 0x40;
        Files.write(file, bytes);
        final JournalException e = assertThrows(JournalException.class, () -> Journal.open(dir, new JournalConfig()));
        assertTrue(e.getMessage().contains("not a torn tail"), e.getMessage());
    }

    /** A key UTF-8 cannot store exactly (a lone surrogate became '?') or an export cannot carry is refused. */
    @Test
    void aKeyThatIsNotStorableTextIsRefusedNamingTheCharacter() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final DeviceRegistry devices = journal.devices();
            final IllegalArgumentException surrogate = assertThrows(IllegalArgumentException.class,
                () -> devices.register("k\ud800"));
            assertEquals("device key 'k\\uD800' holds the unpaired surrogate U+D800 at character 2, which UTF-8"
                + " cannot store", surrogate.getMessage());
            assertThrows(IllegalArgumentException.class, () -> devices.register("k\udc00x"));
            assertThrows(IllegalArgumentException.class, () -> devices.register("\ud800"));
            final IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> devices.register("esc\u001b[31m"));
            assertEquals("device key 'esc\\u001B[31m' holds the control character U+001B at character 4",
                escape.getMessage());
            assertThrows(IllegalArgumentException.class, () -> devices.register("nul\u0000"));
            assertThrows(IllegalArgumentException.class, () -> devices.register("del\u007f"));
            assertThrows(IllegalArgumentException.class, () -> devices.register("csi\u009b"));
            assertEquals(0, devices.all().size(), "nothing registered");

            devices.register("emoji \ud83d\ude00"); // a surrogate pair is one character
            devices.register("desk \"7\",\trow\r\n2"); // CSV quotes them, JSON escapes them
            assertEquals(2, devices.all().size());
            assertEquals(devices.lookup("k\ud800"), devices.lookup("k\ud800"), "lookup still resolves old keys");
        }
    }

    @Test
    void lookupResolvesAKeyWithoutRegisteringIt() {
        final long alice;
        final long bob;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            alice = journal.devices().register("alice");
            bob = journal.devices().lookup("bob");
            assertEquals(alice, journal.devices().lookup("alice"), "lookup gives the registered id");
            assertEquals(null, journal.devices().keyOf(bob), "lookup registers nothing");
            assertEquals(1, journal.devices().all().size());
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(alice, journal.devices().lookup("alice"));
            assertEquals(bob, journal.devices().lookup("bob"));
        }
    }

    @Test
    void lookupRefusesAKeyFileOnAJournalOfPlainIds() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("j"), new JournalConfig())) {
            journal.devices().register("alice");
        }
        Files.write(dir.resolve("k"), new byte[32]);
        Files.setPosixFilePermissions(dir.resolve("k"), PosixFilePermissions.fromString("rw-------"));
        try (Journal journal = Journal.openReadOnly(dir.resolve("j"), dir.resolve("k"))) {
            final JournalException e = assertThrows(JournalException.class, () -> journal.devices().lookup("alice"));
            assertTrue(e.getMessage().contains("plain device ids"), e.getMessage());
        }
    }

    @Test
    void rejectsEmptyKeys() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertThrows(IllegalArgumentException.class, () -> journal.devices().register(""));
        }
    }
}

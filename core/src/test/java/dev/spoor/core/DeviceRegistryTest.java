/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            alice = journal.devices().idOf("alice-laptop");
            assertEquals(alice, journal.devices().idOf("alice-laptop"), "same key, same id");
            for (int i = 0; i < 5_000; i++) {
                assertTrue(ids.add(journal.devices().idOf("host-" + i)), "two keys share an id at host-" + i);
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals("alice-laptop", journal.devices().keyOf(alice));
            assertEquals(5_001, journal.devices().all().size());
            final JournalException e = assertThrows(JournalException.class, () -> journal.devices().idOf("new-host"));
            assertTrue(e.getMessage().contains("read only"), e.getMessage());
        }
    }

    @Test
    void cutsATornLastRecordButRefusesDamageInTheMiddle() throws Exception {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            journal.devices().idOf("a");
            journal.devices().idOf("b");
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

    @Test
    void rejectsEmptyKeys() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertThrows(IllegalArgumentException.class, () -> journal.devices().idOf(""));
        }
    }
}

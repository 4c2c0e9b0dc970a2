/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether a journal names its devices is the journal's choice, not each run's: a journal written without a
 * dictionary goes on without one when a later run does not say (a cron job that forgot the option), and keeps one
 * when asked.
 */
class DeviceDictionaryTest {
    @TempDir
    Path dir;

    @Test
    void aJournalWrittenWithoutADictionaryGoesOnWithoutOneUnlessAsked() {
        write(new JournalConfig().deviceDictionary(false), "alice");
        write(new JournalConfig(), "bob");
        assertFalse(Files.exists(dir.resolve(DeviceRegistry.FILE_NAME)), "a run that did not say names no one");
        write(new JournalConfig().deviceDictionary(true), "carol");
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(Map.of(journal.devices().lookup("carol"), "carol"), journal.devices().all(),
                "asked for, the dictionary starts with the device registered then");
        }
        write(new JournalConfig(), "dave");
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertTrue(journal.devices().all().containsValue("dave"), "a journal with a dictionary goes on with it");
        }
    }

    @Test
    void aNewJournalKeepsADictionaryByDefault() {
        write(new JournalConfig(), "alice");
        write(new JournalConfig(), "bob");
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(2, journal.devices().all().size());
        }
    }

    private void write(final JournalConfig config, final String device) {
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register(device), 1_000, 1, 2, 0);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device ids are written with 16 hex digits everywhere (the audit log used to drop a leading zero, which `erase
 * --device-id` and `spoor devices` keep), and an audit log written before, without it, still reads as naming the
 * same erasure: the journal opens, and erasing the id again finds it audited.
 */
class DeviceIdTextTest {
    @TempDir
    Path dir;

    @Test
    void idsKeepTheirLeadingZeroAndOldAuditEntriesStillMatch() throws Exception {
        final long id;
        final String key;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            key = keyWithLeadingZero(journal);
            id = journal.devices().register(key);
            try (JournalWriter writer = journal.newWriter()) {
                writer.move(id, 1_000, 1, 2, 0);
            }
            journal.governance().erase(key);
            final String details = journal.governance().auditLog().stream().filter(e -> "erase".equals(e.action()))
                .findFirst().orElseThrow().details();
            assertTrue(details.startsWith("device " + DeviceRegistry.hex(id) + " "), details);
            assertEquals(16, DeviceRegistry.hex(id).length());
        }
        // The audit log as a build before 2026-12-01 wrote it: the same entries, the id without its leading zero.
        final List<AuditEntry> entries = AuditLog.read(dir);
        Files.delete(dir.resolve(AuditLog.FILE_NAME));
        for (final AuditEntry e : entries) {
            AuditLog.append(dir, new AuditEntry(e.atMs(), e.tool(), e.action(), e.details()
                .replace(DeviceRegistry.hex(id), Long.toHexString(id))));
        }
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(0, journal.verify().events(), "the erasure checks against the old entry: the journal reads");
            assertTrue(journal.governance().eraseById(id, Erasure.WHOLE_FROM_NS, Erasure.WHOLE_TO_NS)
                .isAlreadyErased(), "the id is known to the audit log in either form");
        }
    }

    private static String keyWithLeadingZero(final Journal journal) {
        for (int i = 0; ; i++) {
            final String key = "ws-" + i;
            if (journal.devices().lookup(key) >>> 60 == 0) {
                return key;
            }
        }
    }
}

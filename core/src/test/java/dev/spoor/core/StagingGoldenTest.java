/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A staging file of version 1 (64-byte header), as a writer of that version left it when killed, is still recovered:
 * every staged event sealed once. {@code golden/staging-v1.stg} was written by version 1's {@code StagingArea}
 * (commit 1f53a55): writer 0, 4 slots of 64 events; slot 0 OPEN for device 42 with 5 moves at
 * 1,767,225,600,000,000,000 ns + i ms to (100 + i, 200 + i); slot 1 SEALING for device 43 with 3 moves at
 * 1,767,225,601,000,000,000 ns + i ms to (300 + i, 400 + i), its block never appended.
 */
class StagingGoldenTest {
    private static final long T0 = 1_767_225_600_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aVersion1StagingFileIsRecoveredWhole() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64))) {
            assertEquals(0, journal.recovery().blocksSealed());
        }
        final Path staging = Files.createDirectories(dir.resolve("staging")).resolve("writer-0.stg");
        try (InputStream golden = StagingGoldenTest.class.getResourceAsStream("/golden/staging-v1.stg")) {
            assertNotNull(golden, "golden/staging-v1.stg on the test class path");
            Files.copy(golden, staging);
        }
        try (StagingArea area = StagingArea.openReadOnly(staging.toFile())) {
            assertEquals(StagingLayout.fileLength(StagingLayout.VERSION_1, 4, 64), Files.size(staging));
            assertEquals(-1, area.queueIndexAtStart(), "version 1 does not bound where its blocks are");
            assertEquals(StagingLayout.SEALING, area.state(1));
        }
        final List<String> events = new ArrayList<>();
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(64))) {
            assertEquals(2, journal.recovery().blocksSealed(), journal.recovery().toString());
            assertEquals(8, journal.recovery().eventsRecovered());
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            JournalEvents.readAll(journal).forEach((device, stored) -> stored.forEach(e -> events.add(device + "@"
                + (e[1] - T0) + ":" + e[3] + "," + e[4])));
        }
        assertFalse(Files.exists(staging), "recovered and deleted");
        events.sort(null);
        assertEquals(List.of("42@0:100,200", "42@1000000:101,201", "42@2000000:102,202", "42@3000000:103,203",
            "42@4000000:104,204", "43@1000000000:300,400", "43@1001000000:301,401", "43@1002000000:302,402"),
            events);
    }
}

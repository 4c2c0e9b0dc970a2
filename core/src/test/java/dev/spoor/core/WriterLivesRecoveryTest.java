/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.SealIds;
import dev.spoor.core.internal.StagingArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writer ids and seal sequences start again in every process (the first writer is writer 0, its first block
 * sequence 0), so a journal's queue holds the same seal id once per life of a writer id. A writer killed with its
 * first block SEALING, before the block reached the queue, must not be taken as sealed because an earlier life of
 * its id left an excerpt with that seal id: recovery looks only at excerpts appended after the staging file was
 * made. Found by the bulk ingest crash test (one whole block of one device missing after re-runs); the state is
 * built the way the sealer leaves it, since a random kill lands in that window rarely.
 */
class WriterLivesRecoveryTest {
    private static final int BLOCK_EVENTS = 64;
    private static final int SLOTS = 4;
    private static final int EVENTS = 10;

    @TempDir
    Path dir;

    @Test
    void aBlockSealingAtTheKillIsSealedThoughAnEarlierLifeOfItsWriterLeftItsSealId() throws Exception {
        final long alice;
        final long bob;
        try (Journal journal = Journal.open(dir, config())) {
            alice = journal.devices().register("alice");
            bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < BLOCK_EVENTS; i++) {
                    writer.append(alice, 1_000_000L * (i + 1), EventType.MOVE, i, i, 0, 0);
                }
            }
        }
        final long queueEnd;
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(BLOCK_EVENTS, journal.verify().events(), "life 1 sealed alice's block");
            queueEnd = JournalInternals.of(journal).queue().lastIndex();
        }
        // Life 2 of writer 0, killed after marking its first block SEALING and before appending it.
        final Path stagingFile = dir.resolve("staging").resolve("writer-0.stg");
        Files.createDirectories(stagingFile.getParent());
        try (StagingArea staging = StagingArea.create(stagingFile.toFile(), 0, SLOTS, BLOCK_EVENTS, queueEnd)) {
            staging.open(0, bob, System.currentTimeMillis());
            for (int i = 0; i < EVENTS; i++) {
                staging.append(0, i, 5_000_000_000L + i, EventType.MOVE.code(), 100 + i, 200 + i, 0, 0, 0, i + 1);
            }
            assertEquals(SealIds.of(0, 0), staging.sealId(0), "the seal id life 1 gave alice's block");
            staging.markSealing(0);
        }
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(1, journal.recovery().blocksSealed(), journal.recovery().toString());
            assertEquals(0, journal.recovery().blocksAlreadyInQueue(), journal.recovery().toString());
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            assertEquals(BLOCK_EVENTS + EVENTS, journal.verify().events(), "bob's staged events sealed once");
        }
    }

    private static JournalConfig config() {
        return new JournalConfig().blockEvents(BLOCK_EVENTS).maxOpenBlocks(2);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer killed between appending an encrypted block and freeing its staging slot: recovery must find the
 * block in the queue and not seal it a second time. The state is built the way the sealer leaves it (slot
 * SEALING, excerpt appended with the ENCRYPTED seal id), because a random kill lands in that window rarely.
 */
class EncryptedRecoveryTest {
    private static final int BLOCK_EVENTS = 256;
    private static final int EVENTS = 10;

    @TempDir
    Path dir;

    @Test
    void encryptedBlockSealedBeforeTheKillIsNotSealedAgain() throws Exception {
        final JournalConfig config = new JournalConfig().blockEvents(BLOCK_EVENTS)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(true));
        final long alice;
        try (Journal journal = Journal.open(dir, config)) {
            alice = journal.devices().register("alice");
        }
        final Path stagingFile = dir.resolve("staging").resolve("writer-0.stg");
        Files.createDirectories(stagingFile.getParent());
        try (StagingArea staging = StagingArea.create(stagingFile.toFile(), 0, 4, BLOCK_EVENTS, -1);
             QueueStore queue = QueueStore.open(dir.resolve("queue"), config.rollPeriod(), SystemEpochClock.INSTANCE,
                 false);
             QueueStore.Appender appender = queue.appender()) {
            final EventBatch batch = new EventBatch(BLOCK_EVENTS);
            staging.open(0, alice, System.currentTimeMillis());
            for (int i = 0; i < EVENTS; i++) {
                staging.append(0, i, 1_000_000L * i, 0, 10 + i, 20 + i, 0, 0, 0, i + 1);
            }
            staging.readInto(0, batch);
            final BlockEncoder encoder = new BlockEncoder(BLOCK_EVENTS);
            final int length = encoder.encode(alice, batch);
            staging.markSealing(0);
            final BlockCipher cipher = new BlockCipher(new KeyStore(dir));
            final int sealedLength = cipher.encrypt(alice, encoder.blockBuffer(), length);
            appender.append(SealedExcerpt.encryptedSealId(staging.sealId(0)), cipher.output(), sealedLength);
            // killed here: the slot stays SEALING
        }
        try (Journal journal = Journal.open(dir, config)) {
            assertEquals(0, journal.recovery().blocksSealed(), "the block was already in the queue");
            assertEquals(1, journal.recovery().blocksAlreadyInQueue(), journal.recovery().toString());
            assertTrue(journal.verify().isClean(), journal.verify().toString());
            assertEquals(EVENTS, journal.verify().events(), "each staged event once");
        }
    }
}

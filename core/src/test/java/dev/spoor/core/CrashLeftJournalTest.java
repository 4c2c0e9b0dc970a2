/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.StagingArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals as a SIGKILL leaves them at the exact points the random kill tests hit only now and then: each opens
 * read only (as {@code spoor verify}, {@code scan} and other processes' readers do) and for writing, verifies clean
 * and returns exactly the events that were staged.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class CrashLeftJournalTest {
    private static final int EVENTS = 10;

    @TempDir
    Path root;

    /**
     * Killed during the first append of a roll cycle, with its block marked SEALING: recovery looks for the
     * block in the queue from its end, where the cycle file holds only a header that never completed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"torn", "empty", "zeroed", "unsized"})
    void recoveryOfAKillDuringACyclesFirstAppendSealsTheBlockOnce(final String how) throws Exception {
        final Path dir = root.resolve("j");
        final Path log = root.resolve("child.log");
        final Process child = ChildJvm.builder(FirstAppendKillMain.class, false, dir.toString(),
            Integer.toString(EVENTS), how.equals("torn") ? how : "empty").redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not halt within 60 s");
        } finally {
            child.destroyForcibly();
        }
        final String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(output.contains("halting"), output);
        if (how.equals("zeroed") || how.equals("unsized")) {
            // Killed while Chronicle made the cycle file: sized and not yet written, or not yet sized.
            try (Stream<Path> files = Files.list(dir.resolve("queue"))) {
                for (final Path cycle : (Iterable<Path>)files.filter(p -> p.toString().endsWith(".cq4"))::iterator) {
                    Files.write(cycle, new byte[how.equals("zeroed") ? (int)Files.size(cycle) : 0]);
                }
            }
        }
        assertEvents(dir, EVENTS, 0);
    }

    /** Killed while Chronicle created the queue: its metadata file is there, its header never written. */
    @Test
    void aJournalWhoseQueueCreationWasKilledOpensReadOnly() throws Exception {
        final Path dir = root.resolve("j");
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(0, journal.stats().events());
        }
        final Path metadata = dir.resolve("queue").resolve("metadata.cq4t");
        Files.write(metadata, new byte[(int)Files.size(metadata)]);
        assertEvents(dir, 0, 0);
        assertTrue(Files.size(metadata) > 0 && Files.readAllBytes(metadata)[0] != 0, "the writable open finishes it");
    }

    /** Killed after the journal's metadata file was written, before the queue directory was made. */
    @Test
    void aJournalWithoutItsQueueDirectoryOpensReadOnly() throws Exception {
        final Path dir = root.resolve("j");
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(0, journal.stats().events());
        }
        for (final Path file : List.of(dir.resolve("queue").resolve("metadata.cq4t"), dir.resolve("queue"))) {
            Files.delete(file);
        }
        assertEvents(dir, 0, 0);
    }

    /** Killed between writing the journal's metadata to its temporary and renaming it into place. */
    @Test
    void aJournalWhoseCreationWasKilledBeforeItsMetadataRenameIsCreated() throws Exception {
        final Path dir = Files.createDirectories(root.resolve("j"));
        Files.write(dir.resolve("journal.lock"), new byte[0]);
        Files.write(dir.resolve(JournalMeta.TEMPORARY_FILE_NAME), new byte[12]);
        assertFalse(Journal.isJournal(dir));
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(0, journal.stats().events());
        }
        assertEvents(dir, 0, 0);
    }

    /** Killed while a writer created its staging file: its temporary holds no header and no event. */
    @Test
    void aStagingFileLeftUnfinishedIsDeletedByRecovery() throws Exception {
        final Path dir = root.resolve("j");
        try (Journal journal = Journal.open(dir, config())) {
            assertEquals(0, journal.stats().events());
        }
        final Path staging = Files.createDirectories(dir.resolve(Journal.STAGING_DIR));
        final Path unfinished = staging.resolve("writer-0.stg" + StagingArea.TEMPORARY_SUFFIX);
        Files.write(unfinished, new byte[4096]);
        assertEvents(dir, 0, 0);
        assertFalse(Files.exists(unfinished), "recovery deletes it");
    }

    private static JournalConfig config() {
        return new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS);
    }

    /** Read only first (nothing repaired yet), then for writing (recovery), then read only again. */
    private static void assertEvents(final Path dir, final long events, final long beforeRecovery) {
        final KillChecks.Found found = KillChecks.reopen(dir, config(), dir.toString());
        assertEquals(beforeRecovery, found.beforeRecovery().size(), "read only, before recovery");
        assertEquals(events, found.afterRecovery().size(), "after recovery");
        if (events > 0) {
            final long[] ids;
            try (Journal journal = Journal.openReadOnly(dir)) {
                ids = KillEvents.devices(journal, 1);
            }
            assertEquals(KillEvents.expected(ids, 0, events, List.of()), found.afterRecovery());
        }
    }
}

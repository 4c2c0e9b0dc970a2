/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.RecoveryReport;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer killed on a full disk leaves a staging file whose freed slots still hold their pages: the room its staged
 * blocks need in the queue. On a real 8 MiB tmpfs filled to the last byte after the kill, recovery gives those pages
 * back before it seals (it used to fail on the full disk at every open, so the journal could never be written
 * again, however often the run was retried), and every staged event is then in the journal.
 */
class DiskFullRecoveryTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int SEALED_DEVICES = 28;
    private static final int OPEN_DEVICES = 4;
    private static final int STAGED_EACH = 3_000;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void recoveryGivesBackTheStagingSpaceItIsDoneWithAndSealsOnAFullDisk() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(8)) {
            final Path dir = fs.root().resolve("journal");
            assertTrue(stageAndHalt(dir).contains("staged"));
            fs.fill("filler", Long.MAX_VALUE);
            assertTrue(fs.freeBytes() < 64 * 1024, "the disk is full: " + fs.freeBytes() + " bytes free");

            final RecoveryReport report;
            try (Journal journal = Journal.open(dir, new JournalConfig()
                .blockEvents(StagedOnFullDiskMain.BLOCK_EVENTS))) {
                report = journal.recovery();
                assertEquals((long)SEALED_DEVICES * StagedOnFullDiskMain.BLOCK_EVENTS
                    + (long)OPEN_DEVICES * STAGED_EACH, journal.verify().events(), report.toString());
            }
            assertEquals(OPEN_DEVICES, report.blocksSealed(), report.toString());
            assertTrue(report.bytesReleased() > SEALED_DEVICES * 100_000L, report.toString());
        }
    }

    /**
     * Blocks a full disk refused on their way to the queue wait in SEALING slots: counted as staged by a read-only
     * open (they were left out before, an under-count of what a full disk left behind), then sealed by recovery on
     * the disk still full.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void blocksTheDiskRefusedCountAsStagedAndAreSealedByRecovery() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(8)) {
            final Path dir = fs.root().resolve("journal");
            final String output = stageAndHalt(dir, fs.root().resolve("filler").toString());
            assertTrue(output.contains("refused") && output.contains("staged"), output);
            final long staged = (long)OPEN_DEVICES * STAGED_EACH;
            try (Journal readOnly = Journal.openReadOnly(dir)) {
                assertEquals(staged, readOnly.stagedEvents(), "every refused block's events");
            }
            try (Journal journal = Journal.open(dir, new JournalConfig()
                .blockEvents(StagedOnFullDiskMain.BLOCK_EVENTS))) {
                assertEquals((long)SEALED_DEVICES * StagedOnFullDiskMain.BLOCK_EVENTS + staged,
                    journal.verify().events(), journal.recovery().toString());
            }
        }
    }

    /** Runs {@link StagedOnFullDiskMain} on the journal (with a filler path: filling the disk first). */
    private String stageAndHalt(final Path dir, final String... filler) throws Exception {
        final String[] args = {dir.toString(), Integer.toString(SEALED_DEVICES), Integer.toString(OPEN_DEVICES),
            Integer.toString(STAGED_EACH)};
        final Process child = children.start(ChildJvm.builder(StagedOnFullDiskMain.class, false,
            filler.length == 0 ? args : new String[] {args[0], args[1], args[2], args[3], filler[0]})
            .redirectErrorStream(true));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the staging child did not end: " + output);
        return output;
    }
}

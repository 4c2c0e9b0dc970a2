/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs a child ({@link IndexCrashMain}) while it replaces the index file ({@code index/blocks.idx}) again and
 * again over a journal of {@value #TEMPLATE_BLOCKS} blocks, with a flushed batch between replacements. After each
 * kill: the index file, when present, is whole (its checksum holds: the old or the new one, never a mix); the journal
 * opens read only and verifies clean (which checks every index entry against its block) before recovery, opens for
 * writing and verifies clean; and it holds exactly the acknowledged events, plus at most the batch in flight (a
 * prefix of the stream: each append is durable when it returns).
 * Kills mid-write: {@code -Dspoor.index.kills=N} (20 by default); seed {@code -Dspoor.test.seed}.
 */
class IndexCrashTest {
    private static final int KILLS = KillHarness.kills("spoor.index.kills", 20);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final int DEVICES = 200;
    private static final int TEMPLATE_BLOCKS = 2_000;
    private static final long TEMPLATE_EVENTS = (long)TEMPLATE_BLOCKS * SealCrashMain.BLOCK_EVENTS;
    private static final int ROUNDS = 30;
    private static final int BATCH = 16;

    @TempDir
    Path root;

    static JournalConfig config() {
        return new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillWhileTheIndexFileIsReplacedLeavesAWholeIndexAndEveryAcknowledgedEvent() throws Exception {
        System.out.println("IndexCrashTest seed=" + SEED + " (-Dspoor.test.seed=" + SEED + ")");
        final Path template = root.resolve("template");
        final long[] ids;
        try (Journal journal = Journal.open(template, config())) {
            ids = KillEvents.devices(journal, DEVICES);
            try (JournalWriter writer = journal.newWriter()) {
                for (long i = 0; i < TEMPLATE_EVENTS; i++) {
                    KillEvents.append(writer, ids, i);
                }
            }
        }
        final Path full = root.resolve("full");
        KillHarness.copy(template, full);
        final KillHarness.Run measured = KillHarness.runToEnd(child(full), SEED);
        System.out.println("IndexCrashTest: " + ROUNDS + " rounds take " + measured.doneNs / 1_000_000 + " ms");
        final KillHarness harness = new KillHarness(SEED, measured.doneNs);
        long acknowledged = 0;
        long found = 0;
        while (harness.isWanting(KILLS)) {
            final Path dir = root.resolve("run-" + harness.attempts());
            KillHarness.copy(template, dir);
            final KillHarness.Run run = harness.runAndKill(child(dir));
            final String context = "seed=" + SEED + " " + run;
            final long acked = Math.max(TEMPLATE_EVENTS, run.acked);
            assertIndexFileWhole(dir, context);
            final List<String> after = KillChecks.reopen(dir, config(), context).afterRecovery();
            final long held = after.size();
            assertTrue(held >= acked && held <= acked + BATCH, context + ": " + held + " events found, " + acked
                + " acknowledged (one batch of " + BATCH + " may be in flight)");
            assertEquals(KillEvents.expected(ids, 0, held, List.of()), after, context
                + ": not the stream's first events (a loss, duplicate or change)");
            if (run.isMidOperation) {
                acknowledged += acked;
                found += Math.min(acked, held);
            }
            KillHarness.delete(dir);
        }
        System.out.println("IndexCrashTest: " + harness.midway() + " kills mid-write, " + harness.late()
            + " after the last round");
        ReliabilityLog.record("SIGKILL", KillHarness.operation("index write"), harness.midway(), acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=IndexCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        assertEquals(KILLS, harness.midway(), "kills that landed mid-write; seed=" + SEED);
        assertEquals(acknowledged, found, "seed=" + SEED);
    }

    private static ProcessBuilder child(final Path dir) {
        return ChildJvm.quick(IndexCrashMain.class, false, dir.toString(), Integer.toString(DEVICES),
            Long.toString(TEMPLATE_EVENTS), Integer.toString(ROUNDS), Integer.toString(BATCH));
    }

    /** The file is replaced by a rename: whatever a kill leaves there reads whole. */
    private static void assertIndexFileWhole(final Path dir, final String context) {
        if (Files.exists(dir.resolve(IndexFile.FILE_NAME))) {
            final BlockIndex index = IndexFile.read(dir, config().indexSpacing());
            assertNotNull(index, context + ": the index file a kill left does not read whole");
            assertTrue(index.size() >= TEMPLATE_BLOCKS, context + ": the index file lost entries: " + index.size());
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs a child ({@link RetainCrashMain}) while retention deletes the oldest {@value #DELETED} of
 * {@value #CYCLES} hourly roll cycles, from a read-only open (as {@code spoor retain}) and a writable one in turn.
 * <p>What is allowed: retention that did not return may or may not have applied, but all or nothing. After each
 * kill the journal opens read only before anything repairs it and verifies clean, and returns either every event
 * (not applied) or exactly the events of the kept cycles (applied): never some of the deleted cycles. A writable
 * open, and a read-only open after it, return the same. Retention run again then leaves exactly the kept cycles.
 * Acknowledged events are those retention never covers (the kept cycles), found those of them read back.
 * Kills mid-retention: {@code -Dspoor.retain.kills=N} (20 by default); seed {@code -Dspoor.test.seed}.
 */
class RetainCrashTest {
    private static final int KILLS = KillHarness.kills("spoor.retain.kills", 20);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final int DEVICES = 20;
    private static final int CYCLES = 12;
    private static final int DELETED = 8;
    private static final int PER_CYCLE = 3_000;
    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    Path root;

    static JournalConfig config() {
        return new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillDuringRetentionAppliesItWholeOrNotAtAll() throws Exception {
        System.out.println("RetainCrashTest seed=" + SEED + " (-Dspoor.test.seed=" + SEED + ")");
        final Path template = root.resolve("template");
        final long[] ids = writeTemplate(template);
        final List<String> all = KillEvents.expected(ids, 0, (long)CYCLES * PER_CYCLE, List.of());
        final List<String> kept = KillEvents.expected(ids, (long)DELETED * PER_CYCLE, (long)CYCLES * PER_CYCLE,
            List.of());
        final long firstKeptMs = KillEvents.START_MS + DELETED * HOUR_MS;
        final Path full = root.resolve("full");
        KillHarness.copy(template, full);
        final KillHarness.Run measured = KillHarness.runToEnd(child(full, firstKeptMs, 0), SEED);
        System.out.println("RetainCrashTest: retention takes " + measured.doneNs / 1_000 + " us");
        final KillHarness harness = new KillHarness(SEED, measured.doneNs);
        long acknowledged = 0;
        long found = 0;
        int applied = 0;
        while (harness.isWanting(KILLS)) {
            final int attempt = harness.attempts();
            final Path dir = root.resolve("run-" + attempt);
            KillHarness.copy(template, dir);
            final KillHarness.Run run = harness.runAndKill(child(dir, firstKeptMs, attempt));
            final String context = "seed=" + SEED + " attempt " + attempt + " " + run;
            final KillChecks.Found reopened = KillChecks.reopen(dir, config(), context);
            final List<String> before = reopened.beforeRecovery();
            assertTrue(before.equals(all) || before.equals(kept), context + ": retention applied in part: "
                + before.size() + " events, expected " + all.size() + " (not applied) or " + kept.size()
                + " (applied)");
            assertEquals(before, reopened.afterRecovery(), context + ": recovery changed what retention left");
            if (run.isMidOperation) {
                applied += before.size() == kept.size() ? 1 : 0;
                acknowledged += kept.size();
                found += new HashSet<>(before).containsAll(kept) ? kept.size() : 0;
            }
            try (Journal journal = Journal.openReadOnly(dir)) {
                journal.governance().retain(System.currentTimeMillis() - firstKeptMs);
                assertEquals(kept, CompactionJournal.events(journal), context + ": retention run again");
                assertTrue(journal.verify().isClean(), context + ": " + journal.verify());
            }
            KillHarness.delete(dir);
        }
        System.out.println("RetainCrashTest: " + harness.midway() + " kills mid-retention (" + applied
            + " found it applied), " + harness.late() + " after it");
        ReliabilityLog.record("SIGKILL", KillHarness.operation("retain"), harness.midway(), acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=RetainCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        assertEquals(KILLS, harness.midway(), "kills that landed mid-retention; seed=" + SEED);
        assertEquals(acknowledged, found, "seed=" + SEED);
    }

    /** {@value #CYCLES} hourly cycles of {@value #PER_CYCLE} events each, written by a manual clock. */
    private static long[] writeTemplate(final Path dir) {
        final ManualClock clock = new ManualClock(KillEvents.START_MS);
        try (Journal journal = Journal.open(dir, config().clock(clock))) {
            final long[] ids = KillEvents.devices(journal, DEVICES);
            try (JournalWriter writer = journal.newWriter()) {
                for (int c = 0; c < CYCLES; c++) {
                    for (long i = (long)c * PER_CYCLE; i < (long)(c + 1) * PER_CYCLE; i++) {
                        KillEvents.append(writer, ids, i);
                    }
                    writer.flush();
                    clock.advance(HOUR_MS);
                }
            }
            return ids;
        }
    }

    private static ProcessBuilder child(final Path dir, final long firstKeptMs, final int attempt) {
        return ChildJvm.quick(RetainCrashMain.class, false, dir.toString(), Long.toString(firstKeptMs),
            attempt % 2 == 0 ? "readOnly" : "writable");
    }
}

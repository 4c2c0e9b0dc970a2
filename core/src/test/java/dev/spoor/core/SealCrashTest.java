/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs a child ({@link SealCrashMain}) while blocks are being sealed, three ways in turn: many part-filled
 * blocks sealed by {@code close}, the idle sealer sealing aged blocks, and blocks filling up and sealed on the
 * writer's sealing thread in a new journal (the queue's first cycle file and first excerpt included).
 * After each kill the journal opens read only and verifies clean before recovery, opens for writing and verifies
 * clean, and holds exactly the events acknowledged: for {@code close} and {@code idle} every event appended (all
 * were acknowledged before the sealing began), for {@code fill} the acknowledged ones plus at most the batch in
 * flight, which is a prefix of the stream since each append is durable when it returns.
 * Kills mid-seal: {@code -Dspoor.seal.kills=N} (21 by default, a third per way); seed {@code -Dspoor.test.seed}.
 */
class SealCrashTest {
    private static final int KILLS = KillHarness.kills("spoor.seal.kills", 21);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final String[] MODES = {"close", "idle", "fill"};
    private static final int[] DEVICES = {600, 600, 8};
    private static final long[] EVENTS = {12_000, 12_000, 10_000};

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillWhileBlocksAreSealedLosesNoAcknowledgedEventAndAddsNone() throws Exception {
        System.out.println("SealCrashTest seed=" + SEED + " (-Dspoor.test.seed=" + SEED + ")");
        final KillHarness[] harnesses = new KillHarness[MODES.length];
        for (int m = 0; m < MODES.length; m++) {
            final KillHarness.Run full = KillHarness.runToEnd(child(root.resolve("full-" + m), m), SEED);
            harnesses[m] = new KillHarness(SEED + m, full.doneNs);
            System.out.println("SealCrashTest: " + MODES[m] + " takes " + full.doneNs / 1_000_000 + " ms");
        }
        long acknowledged = 0;
        long found = 0;
        int kills = 0;
        for (int m = 0; kills < KILLS; m = (m + 1) % MODES.length) {
            final int wanted = (KILLS + MODES.length - 1 - m) / MODES.length;
            final KillHarness harness = harnesses[m];
            if (!harness.isWanting(wanted)) {
                assertTrue(harness.midway() >= wanted, MODES[m] + ": only " + harness.midway() + " of "
                    + harness.attempts() + " kills landed mid-seal; seed=" + SEED);
                continue;
            }
            final Path dir = root.resolve(MODES[m] + "-" + harness.attempts());
            final KillHarness.Run run = harness.runAndKill(child(dir, m));
            final String context = "seed=" + SEED + " " + MODES[m] + " " + run;
            final long[] counts = check(dir, m, run, context);
            if (run.isMidOperation) {
                kills++;
                acknowledged += counts[0];
                found += counts[1];
            }
            KillHarness.delete(dir);
        }
        for (int m = 0; m < MODES.length; m++) {
            System.out.println("SealCrashTest: " + MODES[m] + ": " + harnesses[m].midway() + " kills mid-seal, "
                + harnesses[m].late() + " after it");
        }
        ReliabilityLog.record("SIGKILL", KillHarness.operation("seal"), kills, acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=SealCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        assertEquals(acknowledged, found, "seed=" + SEED);
    }

    private static ProcessBuilder child(final Path dir, final int mode) {
        return ChildJvm.quick(SealCrashMain.class, false, dir.toString(), MODES[mode],
            Integer.toString(DEVICES[mode]), Long.toString(EVENTS[mode]));
    }

    /** @return {acknowledged, of those found}. */
    private static long[] check(final Path dir, final int mode, final KillHarness.Run run, final String context) {
        final KillChecks.Found found = KillChecks.reopen(dir, SealCrashMain.config(DEVICES[mode], false), context);
        if (found == null) {
            assertEquals(0, run.acked, context + ": events acknowledged, yet no journal");
            return new long[] {0, 0};
        }
        final long[] ids;
        try (Journal journal = Journal.openReadOnly(dir)) {
            ids = KillEvents.devices(journal, DEVICES[mode]);
        }
        final List<String> after = found.afterRecovery();
        if (MODES[mode].equals("fill")) {
            final long held = after.size();
            assertTrue(held >= run.acked && held <= run.acked + SealCrashMain.FILL_BATCH, context + ": " + held
                + " events found, " + run.acked + " acknowledged (one batch of " + SealCrashMain.FILL_BATCH
                + " may be in flight)");
            assertEquals(KillEvents.expected(ids, 0, held, List.of()), after, context
                + ": not the stream's first events (a loss, duplicate or change)");
            return new long[] {run.acked, Math.min(held, run.acked)};
        }
        assertEquals(EVENTS[mode], run.acked, context + ": the child acknowledges every append before sealing");
        assertEquals(KillEvents.expected(ids, 0, EVENTS[mode], List.of()), after, context);
        return new long[] {run.acked, after.size()};
    }
}

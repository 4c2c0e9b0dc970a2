/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasure;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs a child ({@link EraseCrashMain}) while it records {@value #ERASURES} erasures one after another (whole
 * devices and time ranges), on a plain and an encrypted journal in turn (where erasing a whole device also
 * destroys its keys), opened read only (as {@code spoor erase}) or for writing.
 * <p>What is allowed: every erasure that returned (acknowledged) applies; the one in flight, if any, may or may not
 * apply, but whole: its device's events in its range are all gone or all there. Nothing else changes. After each
 * kill the journal opens read only and verifies clean, opens for writing and verifies clean, and returns exactly
 * that. Acknowledged events are those no erasure, returned or in flight, covers; found those of them read back.
 * Kills mid-erasure: {@code -Dspoor.erase.kills=N} (20 by default); seed {@code -Dspoor.test.seed}.
 */
class EraseCrashTest {
    static final int DEVICES = 20;
    private static final int KILLS = KillHarness.kills("spoor.erase.kills", 20);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());
    private static final int ERASURES = 6;
    private static final long EVENTS = 20_000;

    @TempDir
    Path root;

    static JournalConfig config(final boolean isEncrypted) {
        final JournalConfig config = new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS);
        return isEncrypted ? config.privacyPolicy(PrivacyPolicy.defaults().encryption(true)) : config;
    }

    /** Device k: whole for even k, a range over some of its blocks for odd k. */
    static List<Erasure> erasures(final long[] ids) {
        final List<Erasure> erasures = new ArrayList<>();
        for (int k = 0; k < ERASURES; k++) {
            erasures.add(k % 2 == 0 ? new Erasure(ids[k], Erasure.WHOLE_FROM_NS, Erasure.WHOLE_TO_NS, 0)
                : new Erasure(ids[k], KillEvents.timestampNs(5_003), KillEvents.timestampNs(15_011), 0));
        }
        return erasures;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillDuringErasureAppliesEachErasureWholeOrNotAtAll() throws Exception {
        System.out.println("EraseCrashTest seed=" + SEED + " (-Dspoor.test.seed=" + SEED + ")");
        final Path[] templates = {root.resolve("plain"), root.resolve("encrypted")};
        long[] ids = null;
        for (int t = 0; t < 2; t++) {
            try (Journal journal = Journal.open(templates[t], config(t == 1))) {
                ids = KillEvents.devices(journal, DEVICES);
                try (JournalWriter writer = journal.newWriter()) {
                    for (long i = 0; i < EVENTS; i++) {
                        KillEvents.append(writer, ids, i);
                    }
                }
            }
        }
        final List<Erasure> erasures = erasures(ids);
        final Path full = root.resolve("full");
        KillHarness.copy(templates[1], full);
        final KillHarness.Run measured = KillHarness.runToEnd(child(full, 0), SEED);
        System.out.println("EraseCrashTest: " + ERASURES + " erasures take " + measured.doneNs / 1_000 + " us");
        final KillHarness harness = new KillHarness(SEED, measured.doneNs);
        long acknowledged = 0;
        long found = 0;
        int inFlightApplied = 0;
        while (harness.isWanting(KILLS)) {
            final int attempt = harness.attempts();
            final Path dir = root.resolve("run-" + attempt);
            KillHarness.copy(templates[attempt % 2], dir);
            final KillHarness.Run run = harness.runAndKill(child(dir, attempt / 2));
            final String context = "seed=" + SEED + " attempt " + attempt + (attempt % 2 == 1 ? " encrypted " : " ")
                + run;
            final int acked = (int)run.acked;
            final List<String> without = KillEvents.expected(ids, 0, EVENTS, erasures.subList(0, acked));
            final List<String> with = acked == ERASURES ? without
                : KillEvents.expected(ids, 0, EVENTS, erasures.subList(0, acked + 1));
            final KillChecks.Found reopened = KillChecks.reopen(dir, config(attempt % 2 == 1), context);
            final List<String> after = reopened.afterRecovery();
            assertTrue(after.equals(without) || after.equals(with), context + ": " + after.size() + " events, expected "
                + without.size() + " (erasure " + (acked + 1) + " not applied) or " + with.size() + " (applied whole)");
            assertEquals(after, reopened.beforeRecovery(), context + ": recovery changed what the erasures left");
            if (run.isMidOperation) {
                inFlightApplied += after.size() != without.size() ? 1 : 0;
                final Set<String> held = new HashSet<>(after);
                acknowledged += with.size();
                found += with.stream().filter(held::contains).count();
            }
            KillHarness.delete(dir);
        }
        System.out.println("EraseCrashTest: " + harness.midway() + " kills mid-erasure (" + inFlightApplied
            + " with the erasure in flight applied), " + harness.late() + " after the last");
        ReliabilityLog.record("SIGKILL", KillHarness.operation("erase"), harness.midway(), acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=EraseCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        assertEquals(KILLS, harness.midway(), "kills that landed mid-erasure; seed=" + SEED);
        assertEquals(acknowledged, found, "seed=" + SEED);
    }

    private static ProcessBuilder child(final Path dir, final int round) {
        return ChildJvm.quick(EraseCrashMain.class, false, dir.toString(), round % 2 == 0 ? "readOnly" : "writable");
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.ledger.SourceProgress;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ChildProcesses;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a real bulk ingest (a child JVM running {@link IngestDriver} with a ledger session) with SIGKILL at random
 * moments, twice per journal (the second run resumes from the first's progress), and checks after each kill, once
 * the journal is reopened (recovery ends the killed session): for every source, the ledger's progress says exactly
 * which events of it the journal holds, no more, no fewer, no duplicates (dropped events counted as offered); it
 * says the same before recovery, from the killed writer's staging file; and a final resume leaves every source
 * complete and in the journal exactly once.
 * Kills: {@code -Dspoor.ingest.crash.kills=N} (24 by default, scaled in the crash-soak profile); seed
 * {@code -Dspoor.test.seed}. Leaves the reliability row "ingest (ledger)": acknowledged are the events the ledger
 * says the journal holds after each kill, found those of them read back.
 */
class IngestCrashTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int KILLS = KillHarness.kills("spoor.ingest.crash.kills", 24);
    private static final long BASE_SEED = Long.getLong("spoor.test.seed", 0x1ED6_E5C4L);
    private static final int SOURCES = 6;
    /** Busy time per event, up to: the ingest of a journal's sources takes about 3 s, so kills land anywhere. */
    private static final long MAX_SPIN_NS = 300_000;
    private static final int MAX_KILL_DELAY_MS = 1_500;

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void progressIsExactlyWhatTheJournalHoldsAfterEveryKill() throws Exception {
        System.out.println("IngestCrashTest: base seed " + BASE_SEED + " (-Dspoor.test.seed=" + BASE_SEED + ")");
        final Random delays = new Random(BASE_SEED);
        int kills = 0;
        int journals = 0;
        long cutShort = 0;
        final long[] counts = new long[2];
        while (kills < KILLS) {
            final long seed = BASE_SEED + journals;
            final Path dir = root.resolve("journal-" + journals++);
            final List<IngestDriver.Source> sources = IngestDriver.sources(seed, SOURCES);
            for (int run = 0; run < 2 && kills < KILLS; run++) {
                final long delayMs = delays.nextInt(MAX_KILL_DELAY_MS);
                final boolean isKilled = runAndKill(dir, seed, run, delayMs);
                if (isKilled) {
                    kills++;
                }
                final String context = "seed=" + seed + " run=" + run + " delayMs=" + delayMs;
                try {
                    cutShort += checkProgress(dir, sources, context, isKilled ? counts : new long[2]);
                } catch (final RuntimeException | AssertionError e) {
                    throw new AssertionError(context + " (" + dir + "): " + e, e);
                }
            }
            resumeToTheEnd(dir, seed, sources);
        }
        System.out.println("IngestCrashTest: " + kills + " kills over " + journals + " journals, " + cutShort
            + " sources found with a batch cut short (base seed " + BASE_SEED + ")");
        ReliabilityLog.record("SIGKILL", KillHarness.operation("ingest (ledger)"), kills, counts[0], counts[1],
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=IngestCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + BASE_SEED));
        assertTrue(cutShort > 0, "no kill landed inside a batch: the cut-short path went untested");
    }

    /** Runs the child until its first batch, then kills it after {@code delayMs}; false if it finished first. */
    private boolean runAndKill(final Path dir, final long seed, final int run, final long delayMs)
        throws Exception {
        final Process child = children.start(ChildJvm.quick(IngestCrashMain.class, false, dir.toString(),
            Long.toString(seed), Integer.toString(SOURCES), Long.toString(MAX_SPIN_NS), Long.toString(seed * 31 + run))
            .redirectErrorStream(true));
        final AtomicLong batches = new AtomicLong();
        final AtomicBoolean isDone = new AtomicBoolean();
        final AtomicBoolean isBlockSeen = new AtomicBoolean();
        final StringBuilder output = new StringBuilder();
        final Thread pump = new Thread(() -> pumpOutput(child, batches, isBlockSeen, isDone, output));
        pump.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Not before the queue holds its first block: a kill while Chronicle creates the first cycle file or
        // appends its first excerpt leaves a cycle file without a whole excerpt, on which Chronicle's backward
        // toEnd() (recovery's lookup of a SEALING block) fails and falls back to toStart(), which trips an assert
        // under -ea. That is older than the ledger and not what this test is about.
        while ((batches.get() == 0 || !isBlockSeen.get()) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(delayMs);
        final boolean wasAlive = child.isAlive();
        child.toHandle().destroyForcibly(); // not Process.destroyForcibly(): it would lose output not yet read
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        pump.join();
        if (batches.get() == 0) {
            fail("seed=" + seed + " run=" + run + ": the ingest did no batch before the kill; its output:\n" + output);
        }
        if (!wasAlive && !(isDone.get() && child.exitValue() == 0)) {
            fail("seed=" + seed + " run=" + run + ": the ingest failed on its own (exit " + child.exitValue()
                + "); its output:\n" + output);
        }
        return wasAlive && !isDone.get();
    }

    private static void pumpOutput(final Process child, final AtomicLong batches, final AtomicBoolean isBlockSeen,
        final AtomicBoolean isDone, final StringBuilder output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("batch ")) {
                    batches.set(Long.parseLong(line.substring(6)));
                } else if (line.equals("block")) {
                    isBlockSeen.set(true);
                } else if (line.equals("done")) {
                    isDone.set(true);
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        } catch (final IOException | NumberFormatException ignored) {
            // the child was killed: its pipe closes (maybe mid-line)
        }
    }

    /**
     * Progress before recovery (from the killed writer's staging file) and after it must agree, and match the
     * journal exactly. Returns how many sources had a batch cut short with some of its events in.
     */
    private static long checkProgress(final Path dir, final List<IngestDriver.Source> sources, final String context,
        final long[] counts) {
        final Map<String, SourceProgress> beforeRecovery = new HashMap<>();
        try (Journal journal = Journal.openReadOnly(dir)) {
            for (final IngestDriver.Source source : sources) {
                beforeRecovery.put(source.key, journal.ingestLedger().progress(source.key));
            }
        }
        long cutShort = 0;
        try (Journal journal = Journal.open(dir, IngestDriver.config())) {
            assertTrue(journal.recovery().ingestSessionsEnded() <= 1, context + ": " + journal.recovery());
            final Map<Long, List<long[]>> held = JournalEvents.readAll(journal);
            for (final IngestDriver.Source source : sources) {
                final SourceProgress progress = journal.ingestLedger().progress(source.key);
                assertEquals(beforeRecovery.get(source.key), progress, context + " " + source.key
                    + ": the killed writer's staging file and recovery disagree");
                final long offered = progress == null ? 0 : progress.events();
                final List<long[]> acknowledged = source.stored(offered);
                final List<long[]> found = held.getOrDefault(source.deviceId, List.of());
                assertSameEvents(acknowledged, found, context + " " + source.key + " progress=" + progress);
                counts[0] += acknowledged.size();
                counts[1] += Math.min(acknowledged.size(), found.size());
                if (progress != null && progress.events() > progress.eventsCovered()) {
                    cutShort++;
                }
            }
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), context + ": " + report);
        }
        return cutShort;
    }

    private static void resumeToTheEnd(final Path dir, final long seed, final List<IngestDriver.Source> sources) {
        try (Journal journal = Journal.open(dir, IngestDriver.config())) {
            IngestDriver.run(journal, sources, new Random(seed), 0, n -> { });
            final Map<Long, List<long[]>> held = JournalEvents.readAll(journal);
            for (final IngestDriver.Source source : sources) {
                final SourceProgress progress = journal.ingestLedger().progress(source.key);
                assertNotNull(progress, "seed=" + seed + " " + source.key);
                assertTrue(progress.isComplete(), "seed=" + seed + " " + progress);
                assertEquals(source.events.length, progress.events(), "seed=" + seed + " " + progress);
                assertSameEvents(source.stored(source.events.length), held.get(source.deviceId),
                    "seed=" + seed + " " + source.key + " after the resume");
            }
            assertTrue(journal.verify().isClean(), "seed=" + seed + ": " + journal.verify());
        }
    }

    private static void assertSameEvents(final List<long[]> expected, final List<long[]> actual,
        final String context) {
        assertEquals(expected.size(), actual.size(), context + ": events of the source in the journal");
        for (int i = 0; i < expected.size(); i++) {
            final int at = i;
            assertTrue(Arrays.equals(expected.get(i), actual.get(i)), () -> context + ": event " + at + " expected "
                + Arrays.toString(expected.get(at)) + " found " + Arrays.toString(actual.get(at))
                + " (a loss, duplicate or reorder)");
        }
    }
}

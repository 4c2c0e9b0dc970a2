/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.SourceProgress;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import dev.spoor.testkit.ChildProcesses;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The same ingest command run again after a SIGKILL at a random moment (starting up, recovering, planning,
 * mid-batch, closing) stores the missing events exactly once: after every kill the journal holds no event twice,
 * and after the last re-run its events are the input's, as a multiset. Leaves the reliability row "bulk ingest":
 * acknowledged are the events the journal's ingest ledger reports stored after each kill (what a re-run will not
 * append again), found those the journal returns. Kills: {@code -Dspoor.ingest.kills=N} (22 by default, times
 * {@code spoor.crash.scale} in the crash-soak profile).
 */
class IngestCrashTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final boolean IS_SOAK = Boolean.getBoolean("spoor.crash.soak");
    private static final int KILLS = Integer.getInteger("spoor.ingest.kills",
        22 * (IS_SOAK ? Integer.getInteger("spoor.crash.scale", 6) : 1));

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void rerunsAfterKillsStoreEveryEventExactlyOnce() throws Exception {
        final long seed = Long.getLong("spoor.test.seed", System.nanoTime());
        System.out.println("IngestCrashTest seed " + seed + " (rerun with -Dspoor.test.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final Path input = Files.createDirectories(tmp.resolve("in"));
        final List<String> events = new ArrayList<>();
        for (int f = 0; f < 6; f++) {
            events.addAll(GeneratedCsv.write(input.resolve("part-" + f + ".csv"), "ws-" + f + "-", 5, 60_000,
                seed + f));
        }
        final List<String> expected = GeneratedCsv.sorted(events);
        int kills = 0;
        int killedMidIngest = 0;
        int journals = 0;
        long acknowledged = 0;
        long found = 0;
        while (kills < KILLS) {
            final Path dir = tmp.resolve("journal-" + journals++);
            while (true) {
                final Process child = start(dir, input, 1 + random.nextInt(2));
                if (!killAtARandomMoment(child, random)) {
                    assertEquals(0, child.exitValue(), "child failed: " + output(child));
                    break;
                }
                kills++;
                final long ledgerEvents = ledgerEvents(dir);
                final List<String> stored = GeneratedCsv.stored(dir);
                acknowledged += ledgerEvents;
                found += Math.min(ledgerEvents, stored.size());
                assertNoneTwice(expected, stored, seed, kills);
                if (!stored.isEmpty() && stored.size() < expected.size()) {
                    killedMidIngest++;
                }
            }
            assertEquals(expected, GeneratedCsv.stored(dir), "journal " + dir + " after " + kills + " kills; seed "
                + seed);
            final Process noop = start(dir, input, 2);
            assertTrue(noop.waitFor(120, TimeUnit.SECONDS));
            assertTrue(output(noop).contains("appended 0 skipped 0 done 6"), "a re-run after success stores nothing: "
                + output(noop));
        }
        System.out.println("IngestCrashTest: " + kills + " kills over " + journals + " journals, " + killedMidIngest
            + " with part of the input stored");
        ReliabilityLog.record("SIGKILL", IS_SOAK ? "bulk ingest (soak)" : "bulk ingest", kills, acknowledged, found,
            "./mvnw -B -o verify -pl ingest -am -Dtest=IngestCrashTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dspoor.test.seed=" + seed + (IS_SOAK ? " -Pcrash-soak -Dspoor.crash.scale="
                + Integer.getInteger("spoor.crash.scale", 6) : ""));
        assertTrue(killedMidIngest >= KILLS / 2, "only " + killedMidIngest + " kills landed mid-ingest; seed " + seed);
    }

    /**
     * A SIGKILL just after the ledger records a session's end finds every event that end counts in the queue, not
     * only in the staging file: the end is fsynced, the staged events are not, and a staging file lost after it
     * (a power cut, a cleaned-up directory) would otherwise lose events a re-run believes stored.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aSessionEndIsRecordedOnlyOnceItsEventsAreSealed() throws Exception {
        final long seed = Long.getLong("spoor.test.seed", System.nanoTime());
        System.out.println("IngestCrashTest seed " + seed + " (rerun with -Dspoor.test.seed=" + seed + ")");
        final Path input = Files.createDirectories(tmp.resolve("in"));
        for (int f = 0; f < 6; f++) {
            GeneratedCsv.write(input.resolve("part-" + f + ".csv"), "ws-" + f + "-", 8, 12_000, seed + f);
        }
        int caught = 0;
        for (int round = 0; round < 4; round++) {
            final Path dir = tmp.resolve("journal-end-" + round);
            final Process child = start(dir, input, 1);
            final long sessionId = awaitSessionId(dir, child);
            while (child.isAlive() && !LedgerFile.isSessionEnded(dir, sessionId)) {
                Thread.onSpinWait();
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            if (child.exitValue() == 0) {
                continue; // finished between two looks at the ledger
            }
            caught++;
            assertTrue(LedgerFile.isSessionEnded(dir, sessionId), output(child));
            assertEquals(ledgerEvents(dir), sealedEvents(dir), "events the ledger counts as stored, against the"
                + " events in the queue, without recovery (round " + round + ", seed " + seed + ")");
        }
        System.out.println("IngestCrashTest: " + caught + " of 4 kills landed after a session's end");
        assertTrue(caught > 0, "no kill landed after the session's end: nothing was checked; seed " + seed);
    }

    /** The id of the child's ingest session, from its staging file's header once the session has begun. */
    private long awaitSessionId(final Path dir, final Process child) throws Exception {
        final Path staging = dir.resolve("staging");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertTrue(child.isAlive(), "the child ended before its session began: " + output(child));
            try (Stream<Path> files = Files.list(staging)) {
                for (final Path file : files.filter(f -> f.toString().endsWith(".stg")).toList()) {
                    try (StagingArea area = StagingArea.openReadOnly(file.toFile())) {
                        if (area.ingestSessionId() != 0) {
                            return area.ingestSessionId();
                        }
                    }
                }
            } catch (final NoSuchFileException | RuntimeException e) {
                // not created yet, or its header not written yet
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no ingest session within 60 s: " + output(child));
    }

    /** Events in the queue's sealed blocks, read only (a killed writer's staged events are not recovered). */
    private static long sealedEvents(final Path dir) {
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            return scanner.stream(Scan.builder().build()).count();
        }
    }

    /** Events the ledger says the journal holds, summed over the sources (read only: nothing recovered yet). */
    private static long ledgerEvents(final Path dir) {
        if (!Journal.isJournal(dir)) {
            return 0;
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            return journal.ingestLedger().sources().stream().mapToLong(SourceProgress::events).sum();
        }
    }

    /**
     * Kills the child: one time in four at a random instant of its first 800 ms (starting up, recovering,
     * planning), else a few ms after a random number of its batches (the machine's speed does not matter).
     *
     * @return false when the child finished first.
     */
    private boolean killAtARandomMoment(final Process child, final SplittableRandom random) throws Exception {
        if (random.nextInt(4) == 0) {
            if (child.waitFor(random.nextInt(800), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } else {
            final int batches = 1 + random.nextInt(20);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (output(child).split("batch ", -1).length - 1 < batches) {
                if (!child.isAlive()) {
                    return false;
                }
                assertTrue(System.nanoTime() < deadline, "no batch " + batches + " within 120 s: " + output(child));
                Thread.sleep(2);
            }
            Thread.sleep(random.nextInt(20));
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        return true;
    }

    private Process start(final Path dir, final Path input, final int threads) throws IOException {
        return children.start(ChildJvm.quick(IngestChildMain.class, true, dir.toString(),
            Integer.toString(threads), input.toString()).redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile()));
    }

    private String output(final Process child) throws IOException {
        return Files.readString(tmp.resolve("child.log"), StandardCharsets.UTF_8);
    }

    /** Every stored event is an input event, and no input event is stored more often than it occurs. */
    private static void assertNoneTwice(final List<String> expected, final List<String> stored, final long seed,
        final int kill) {
        int e = 0;
        for (final String event : stored) {
            while (e < expected.size() && expected.get(e).compareTo(event) < 0) {
                e++;
            }
            if (e == expected.size() || !expected.get(e).equals(event)) {
                fail("after kill " + kill + " the journal holds " + event + " more often than the input; seed " + seed);
            }
            e++;
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ChildProcesses;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a repairing child JVM with SIGKILL at random moments (uniform over the time a full repair takes, measured
 * first) on copies of a journal with one cycle file cut short and one deleted. After each kill the journal opens;
 * when it does not verify clean, a new repair finishes the job; then it verifies clean, opens for writing and
 * returns exactly the events of the intact blocks, and no {@code repair-*} directory is left.
 * Runs: {@code -Dspoor.repair.kills=N} (20 by default, scaled in the crash-soak profile); seed
 * {@code -Dspoor.test.seed}. Leaves the reliability row "repair": the kills that landed mid-repair, each of which
 * must end with exactly the intact events (acknowledged) and does (found: the test fails otherwise).
 */
class RepairCrashTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int KILLS = KillHarness.kills("spoor.repair.kills", 20);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillAtAnyPointOfRepairLeavesAJournalThatRepairsToExactlyTheIntactEvents() throws Exception {
        System.out.println("RepairCrashTest seed=" + SEED);
        final Random random = new Random(SEED);
        final Path template = root.resolve("template");
        final DamagedJournal model = new DamagedJournal(template, 4, 3_000);
        final List<Path> files = JournalFiles.cycleFiles(template);
        final List<long[]> ends = DamagedCycleTest.excerptEnds(files.get(1));
        final long cut = ends.get(ends.size() / 2)[1] + 7;
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.setLength(cut);
        }
        Files.delete(files.get(2));
        final List<Long> intact = new ArrayList<>();
        for (final Map.Entry<Long, long[]> place : model.places.entrySet()) {
            final long[] p = place.getValue();
            if (p[0] != 2 && (p[0] != 1 || ends.get((int)p[1])[1] <= cut)) {
                intact.add(place.getKey());
            }
        }
        final List<String> expected = model.sorted(intact);
        final long fullNs = fullRunNs(template, expected);
        double window = 1.1;
        int midway = 0;
        int late = 0;
        int rerun = 0;
        for (int kill = 0; midway < KILLS && kill < KILLS * 3; kill++) {
            final Path dir = root.resolve("run-" + kill);
            DamagedCycleTest.copy(template, dir);
            final long delayUs = (long)(random.nextDouble() * window * fullNs / 1_000);
            if (runAndKill(dir, delayUs)) {
                late++;
                window *= 0.8;
            } else {
                midway++;
            }
            rerun += check(dir, expected, "kill " + kill + " after " + delayUs + " us, seed=" + SEED) ? 1 : 0;
            deleteRecursively(dir);
        }
        System.out.println("RepairCrashTest: " + midway + " kills before repair finished (" + rerun
            + " needed a new repair), " + late + " after it, full run " + fullNs / 1_000_000 + " ms");
        // Kills that landed mid-repair only: a run that finished first is checked the same, but was not killed in it.
        ReliabilityLog.record("SIGKILL", KillHarness.operation("repair"), midway, midway * (long)expected.size(),
            midway * (long)expected.size(),
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=RepairCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        assertEquals(KILLS, midway, midway + " kills landed before repair finished; seed=" + SEED);
    }

    private long fullRunNs(final Path template, final List<String> expected) throws Exception {
        final Path dir = root.resolve("full");
        DamagedCycleTest.copy(template, dir);
        final Process child = children.start(ChildJvm.quick(RepairMain.class, false, dir.toString())
            .redirectErrorStream(true));
        try {
            final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue(), output);
            final String done = output.lines().filter(l -> l.startsWith("done ")).findFirst().orElseThrow();
            assertTrue(!check(dir, expected, "an uninterrupted repair"), "an uninterrupted repair left work to do");
            return Long.parseLong(done.split(" ")[1]);
        } finally {
            child.destroyForcibly();
        }
    }

    /** @return true when the child finished before the kill. */
    private boolean runAndKill(final Path dir, final long delayUs) throws Exception {
        final Process child = children.start(ChildJvm.quick(RepairMain.class, false, dir.toString())
            .redirectErrorStream(true));
        try {
            final BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.equals("start")) {
                continue;
            }
            TimeUnit.MICROSECONDS.sleep(delayUs);
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        return child.exitValue() == 0; // 137 when the kill landed first
    }

    /** @return true when the kill left work a new repair had to finish. */
    private static boolean check(final Path dir, final List<String> expected, final String when) throws Exception {
        boolean isHalfDone;
        try (Journal journal = Journal.openReadOnly(dir)) {
            isHalfDone = !journal.damage().isEmpty() || !journal.verify().isClean();
        }
        try (Stream<Path> files = Files.list(dir)) {
            // A kill after the renames leaves only the temporary directory: the next repair removes it.
            isHalfDone |= files.anyMatch(p -> p.getFileName().toString().startsWith("repair-"));
        }
        if (isHalfDone) {
            Journal.repair(dir, false);
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            final VerifyReport verify = journal.verify();
            assertTrue(verify.isClean(), when + ": " + verify);
            assertEquals(expected, DamagedJournal.events(journal), when);
        }
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(DamagedJournal.BLOCK_EVENTS))) {
            assertTrue(journal.verify().isClean(), when + ": opened for writing");
            assertEquals(expected.size(), journal.stats().events(), when);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("repair-")), when + ": leftovers");
        }
        return isHalfDone;
    }

    private static void deleteRecursively(final Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

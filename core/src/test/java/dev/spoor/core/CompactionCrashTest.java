/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Governance;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a compacting child JVM with SIGKILL at random moments (uniform over the time a full compaction takes,
 * measured first) and checks after each kill that the journal opens, verifies clean and returns exactly the
 * model's events (everything written minus what was erased); then that a new compaction finishes the job and
 * leaves no {@code compact-*} directory. Plain and encrypted journals alternate.
 * Runs: {@code -Dspoor.compaction.kills=N} (24 by default, scaled in the crash-soak profile); seed
 * {@code -Dspoor.test.seed}. Leaves the reliability row "compaction".
 */
class CompactionCrashTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int KILLS = KillHarness.kills("spoor.compaction.kills", 24);
    private static final long SEED = Long.getLong("spoor.test.seed", System.nanoTime());

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void aKillAtAnyPointOfCompactionLeavesAJournalWithExactlyTheNonErasedEvents() throws Exception {
        System.out.println("CompactionCrashTest seed=" + SEED);
        final Random random = new Random(SEED);
        final CompactionJournal[] models = new CompactionJournal[2];
        final Path[] templates = {root.resolve("plain"), root.resolve("encrypted")};
        for (int i = 0; i < 2; i++) {
            models[i] = new CompactionJournal(templates[i], 6, 2_000, i == 1);
        }
        final long fullNs = fullRunNs(templates[0]);
        // The window is the measured full run; when a kill comes too late (the machine got faster than when it
        // was measured) the window shrinks, so KILLS kills land mid-compaction however busy the machine is.
        double window = 1.1;
        int midway = 0;
        int late = 0;
        long acknowledged = 0;
        long found = 0;
        for (int kill = 0; midway < KILLS && kill < KILLS * 3; kill++) {
            final int kind = kill % 2;
            final Path dir = root.resolve("run-" + kill);
            copy(templates[kind], dir);
            final long delayUs = (long)(random.nextDouble() * window * fullNs / 1_000);
            final boolean isLate = runAndKill(dir, delayUs);
            if (isLate) {
                late++;
                window *= 0.8;
            } else {
                midway++;
            }
            final long held = check(dir, models[kind], "kill " + kill + " after " + delayUs + " us, seed=" + SEED);
            if (!isLate) {
                acknowledged += models[kind].expected.size();
                found += held;
            }
            assertTrue(Governance.compact(dir).cyclesRewritten() >= 0);
            check(dir, models[kind], "compaction after kill " + kill + ", seed=" + SEED);
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("compact-")), "leftovers");
            }
            KillHarness.delete(dir);
        }
        ReliabilityLog.record("SIGKILL", KillHarness.operation("compaction"), midway, acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=CompactionCrashTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + SEED));
        System.out.println("CompactionCrashTest: " + midway + " kills before compaction finished, " + late
            + " after it, full run " + fullNs / 1_000_000 + " ms");
        assertEquals(KILLS, midway, midway + " kills landed before compaction finished; seed=" + SEED);
    }

    /** Runs a compaction of a copy to the end; returns how long it took inside the child. */
    private long fullRunNs(final Path template) throws Exception {
        final Path dir = root.resolve("full");
        copy(template, dir);
        final Process child = children.start(ChildJvm.quick(CompactionMain.class, false, dir.toString())
            .redirectErrorStream(true));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        final String done = output.lines().filter(l -> l.startsWith("done ")).findFirst().orElseThrow();
        return Long.parseLong(done.split(" ")[1]);
    }

    /** @return true when the child finished before the kill. */
    private boolean runAndKill(final Path dir, final long delayUs) throws Exception {
        final Process child = children.start(ChildJvm.quick(CompactionMain.class, false, dir.toString())
            .redirectErrorStream(true));
        final BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null && !line.equals("start")) {
            continue;
        }
        TimeUnit.MICROSECONDS.sleep(delayUs);
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        return child.exitValue() == 0; // 137 when the kill landed first
    }

    /** @return the model's events found. */
    private static long check(final Path dir, final CompactionJournal model, final String when) {
        final List<String> found;
        try (Journal journal = Journal.openReadOnly(dir)) {
            final VerifyReport verify = journal.verify();
            assertTrue(verify.isClean(), when + ": " + verify);
            assertEquals(model.expected.size(), verify.events(), when);
            found = CompactionJournal.events(journal);
            assertEquals(model.expected, found, when);
        }
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(CompactionJournal.BLOCK_EVENTS))) {
            assertTrue(journal.verify().isClean(), when + ": opened for writing");
        }
        final Set<String> held = new HashSet<>(found);
        return model.expected.stream().filter(held::contains).count();
    }

    private static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path file : (Iterable<Path>)files::iterator) {
                final Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES); // a directory: empty, owner-only
            }
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * SIGKILLs a child JVM inside one operation. The child prints {@code start} when the operation begins,
 * {@code acked N} each time it has been told N things were accepted (appends, erasures) and {@code done NANOS} when
 * the operation returned. The kill comes a random delay after {@code start}, uniform over a window that starts as
 * the operation's measured duration and shrinks whenever a kill lands after the end, so that on a busy machine too
 * the wanted number of kills lands mid-operation. Every child is killed and reaped before a run returns.
 * <p>Soak runs ({@code -Dspoor.crash.soak=true}, the crash-soak profile) scale every count by
 * {@code spoor.crash.scale} and record their reliability rows as "OPERATION (soak)".
 */
final class KillHarness {
    /** True in the crash-soak profile. */
    static final boolean IS_SOAK = Boolean.getBoolean("spoor.crash.soak");
    private static final long START_TIMEOUT_S = 120;

    private final long seed;
    private final Random random;
    private double windowNs;
    private int midway;
    private int late;
    private int attempts;

    /**
     * @param seed      the test's seed (printed by the caller).
     * @param initialNs the operation's duration, measured, or a guess: the first window.
     */
    KillHarness(final long seed, final long initialNs) {
        this.seed = seed;
        this.random = new Random(seed);
        this.windowNs = Math.max(1_000, initialNs) * 1.1;
    }

    /**
     * @param property the test's own property for its kill count.
     * @param normal   kills in the normal suite.
     * @return the kills wanted: the property if set, else normal times the soak scale when soaking.
     */
    static int kills(final String property, final int normal) {
        final int scale = IS_SOAK ? Integer.getInteger("spoor.crash.scale", 6) : 1;
        return Integer.getInteger(property, normal * scale);
    }

    /**
     * @param operation the operation.
     * @return its reliability row's operation: "(soak)" appended in soak runs.
     */
    static String operation(final String operation) {
        return IS_SOAK ? operation + " (soak)" : operation;
    }

    /**
     * @param command the command that reruns the test with its seed.
     * @return the command, with the crash-soak profile and scale when soaking (the seed alone gives other kills).
     */
    static String reproduce(final String command) {
        return IS_SOAK ? command + " -Pcrash-soak -Dspoor.crash.scale=" + Integer.getInteger("spoor.crash.scale", 6)
            : command;
    }

    /** @return kills that landed before the operation finished. */
    int midway() {
        return midway;
    }

    /** @return kills that came after the operation finished. */
    int late() {
        return late;
    }

    /** @return runs made. */
    int attempts() {
        return attempts;
    }

    /**
     * @param wanted kills wanted mid-operation.
     * @return true while fewer landed and the attempts left allow more (at most four per kill wanted).
     */
    boolean isWanting(final int wanted) {
        return midway < wanted && attempts < wanted * 4;
    }

    /** @return the random source of the run (seeded), for the caller's own choices. */
    Random random() {
        return random;
    }

    /**
     * Starts the child, waits for {@code start}, kills it after a random delay within the window.
     *
     * @param builder the child.
     * @return what the child reported.
     * @throws Exception when the child cannot be started or read.
     */
    Run runAndKill(final ProcessBuilder builder) throws Exception {
        attempts++;
        final long delayNs = (long)(random.nextDouble() * windowNs);
        final Run run = run(builder, delayNs, seed);
        if (run.isMidOperation) {
            midway++;
        } else {
            late++;
            windowNs = Math.max(20_000, windowNs * 0.8);
        }
        return run;
    }

    /**
     * Runs a child to its end (no kill): its {@code done} gives the operation's duration.
     *
     * @param builder the child.
     * @param seed    printed in failures.
     * @return what it reported.
     * @throws Exception when it cannot be started or read.
     */
    static Run runToEnd(final ProcessBuilder builder, final long seed) throws Exception {
        final Run run = run(builder, -1, seed);
        assertTrue(run.doneNs >= 0 && run.exit == 0, "seed=" + seed + ": the child failed: " + run.output);
        return run;
    }

    private static Run run(final ProcessBuilder builder, final long delayNs, final long seed) throws Exception {
        final Process child = builder.redirectErrorStream(true).start();
        final Run run = new Run(delayNs);
        final Thread pump = new Thread(() -> pump(child, run), "kill-harness-pump");
        pump.setDaemon(true);
        pump.start();
        try {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
            synchronized (run) {
                while (!run.isStarted && !run.isEnded && System.nanoTime() < deadline) {
                    run.wait(10);
                }
            }
            if (!run.isStarted) {
                fail("seed=" + seed + ": the child never began its operation; exit "
                    + (child.isAlive() ? "none yet" : child.exitValue()) + ", output:\n" + run.output);
            }
            if (delayNs < 0) {
                assertTrue(child.waitFor(START_TIMEOUT_S, TimeUnit.SECONDS), "seed=" + seed + ": child hangs");
            } else {
                final long killAt = run.startedNs + delayNs;
                long left;
                while ((left = killAt - System.nanoTime()) > 0) {
                    if (left > 2_000_000) {
                        Thread.sleep(1);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }
        } finally {
            // SIGKILL through the handle: Process.destroyForcibly() also closes our end of the child's output, and
            // the "acked" lines still in the pipe (the pump lags on a loaded machine) would be lost, making the
            // child look to have acknowledged less than it did. The pump reads to the end of the pipe instead.
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "seed=" + seed + ": child did not die");
            pump.join(30_000);
            assertTrue(!pump.isAlive(), "seed=" + seed + ": the child's output did not end");
        }
        run.exit = child.exitValue();
        run.isMidOperation = run.doneNs < 0;
        if (run.isMidOperation && run.exit != 137 && run.exit != 9 + 128) {
            fail("seed=" + seed + ": the child ended by itself (exit " + run.exit + ") before its operation did: "
                + run.output);
        }
        return run;
    }

    private static void pump(final Process child, final Run run) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (run) {
                    if (line.equals("start")) {
                        run.startedNs = System.nanoTime();
                        run.isStarted = true;
                        run.notifyAll();
                    } else if (line.startsWith("acked ") && isNumber(line, 6)) {
                        run.acked = Long.parseLong(line.substring(6));
                    } else if (line.startsWith("done ")) {
                        run.doneNs = Long.parseLong(line.substring(5).split(" ")[0]);
                    } else if (run.output.length() < 20_000) {
                        run.output.append(line).append('\n');
                    }
                }
            }
        } catch (final IOException | NumberFormatException ignored) {
            // killed: the pipe ends, maybe mid-line ("done" is printed whole by a child that finished)
        } finally {
            synchronized (run) {
                run.isEnded = true;
                run.notifyAll();
            }
        }
    }

    /** @return true when the line holds only digits from {@code from} on (a line a kill cut short may not). */
    private static boolean isNumber(final String line, final int from) {
        for (int i = from; i < line.length(); i++) {
            if (!Character.isDigit(line.charAt(i))) {
                return false;
            }
        }
        return line.length() > from;
    }

    /**
     * Copies a journal directory (a template) to a new place, keeping modes.
     *
     * @param from the template.
     * @param to   a path that does not exist.
     * @throws IOException when copying fails.
     */
    static void copy(final Path from, final Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path file : (Iterable<Path>)files::iterator) {
                final Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /**
     * Deletes a run's journal once it is checked: hundreds of runs would fill the disk otherwise.
     *
     * @param dir the directory.
     * @throws IOException when a file cannot be deleted.
     */
    static void delete(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path file : (Iterable<Path>)files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }

    /** What one child run reported. */
    static final class Run {
        final long delayNs;
        final StringBuilder output = new StringBuilder();
        long startedNs;
        boolean isStarted;
        boolean isEnded;
        long acked;
        long doneNs = -1;
        int exit;
        boolean isMidOperation;

        Run(final long delayNs) {
            this.delayNs = delayNs;
        }

        @Override
        public String toString() {
            return "[delayUs=" + delayNs / 1_000 + ", acked=" + acked + ", mid=" + isMidOperation + ", exit=" + exit
                + "]";
        }
    }
}

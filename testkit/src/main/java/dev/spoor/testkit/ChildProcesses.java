/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The child processes one test starts, and the promise that none outlives it: {@link #close()} kills each child
 * and every process it started (SIGKILL on Linux) and waits, bounded, until they are gone. Every test that starts
 * a process starts it here, as a JUnit 5 extension that closes after each test whether it passed, failed or timed
 * out:
 * <pre>
 * &#64;RegisterExtension
 * final ChildProcesses children = new ChildProcesses();
 *
 * final Process child = children.start(ChildJvm.builder(WriterMain.class, false, dir.toString()));
 * assertEquals(0, children.waitFor(child, Duration.ofSeconds(60)));
 * </pre>
 * (an instance field: a static one would kill, between tests, children the next test expects to find) or in
 * try-with-resources. A JVM shutdown hook kills what is still running if the test JVM itself exits first
 * (surefire's own timeout, Ctrl-C); only a SIGKILL of the test JVM can leave a child behind.
 * <p>
 * A test should not block on a child's output without a bound (a {@code readAllBytes()} on a pipe ignores the
 * JUnit timeout's interrupt): redirect output to a file, or read it on another thread and
 * {@link #waitFor(Process, Duration) wait} here.
 */
public final class ChildProcesses implements AutoCloseable, AfterEachCallback {
    /** How long {@link #close()} waits for a killed process to be gone before it reports it. */
    static final Duration KILL_WAIT = Duration.ofSeconds(20);
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Thread HOOK = new Thread(ChildProcesses::killAllAtExit, "spoor-child-processes-exit");

    static {
        Runtime.getRuntime().addShutdownHook(HOOK);
    }

    private final List<Process> started = new ArrayList<>();

    /**
     * Starts a child and keeps it to kill on {@link #close()}.
     *
     * @param builder what to run.
     * @return the child.
     * @throws IOException when it cannot start.
     */
    public Process start(final ProcessBuilder builder) throws IOException {
        final Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        LIVE.add(process.toHandle());
        return process;
    }

    /**
     * Waits a bounded time for a child to exit.
     *
     * @param process the child.
     * @param limit   how long to wait.
     * @return its exit code.
     * @throws InterruptedException  when the test's timeout interrupts the wait.
     * @throws IllegalStateException when it is still running after the limit (it is left to {@link #close()}).
     */
    public int waitFor(final Process process, final Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("child " + describe(process.toHandle()) + " still running after "
                + limit.toSeconds() + " s");
        }
        return process.exitValue();
    }

    /**
     * Kills a child and its descendants now (SIGKILL), as a crash test does, and waits until they are gone.
     *
     * @param process the child.
     * @throws IllegalStateException when one is still alive after {@link #KILL_WAIT}.
     */
    public void kill(final Process process) {
        killTree(process.toHandle());
    }

    /**
     * Kills every child started here and their descendants, and waits (bounded) until they are gone.
     *
     * @throws IllegalStateException naming the processes still alive after the wait.
     */
    @Override
    public void close() {
        final List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        final List<String> survivors = new ArrayList<>();
        for (final Process process : all) {
            try {
                killTree(process.toHandle());
            } catch (final IllegalStateException e) {
                survivors.add(e.getMessage());
            }
        }
        if (!survivors.isEmpty()) {
            throw new IllegalStateException(String.join("; ", survivors));
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        close();
    }

    private static void killTree(final ProcessHandle root) {
        // Descendants first in the list, but the snapshot is taken before anything dies: once a parent is gone its
        // children belong to init and are no longer found from it.
        final List<ProcessHandle> tree = root.descendants().collect(Collectors.toCollection(ArrayList::new));
        tree.add(root);
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        final long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        final List<String> alive = new ArrayList<>();
        for (final ProcessHandle handle : tree) {
            if (!awaitExit(handle, deadline - System.nanoTime())) {
                alive.add(describe(handle));
            }
        }
        LIVE.remove(root);
        if (!alive.isEmpty()) {
            throw new IllegalStateException("still alive " + KILL_WAIT.toSeconds() + " s after SIGKILL: " + alive);
        }
    }

    private static boolean awaitExit(final ProcessHandle handle, final long remainingNs) {
        try {
            handle.onExit().get(Math.max(0, remainingNs), TimeUnit.NANOSECONDS);
            return true;
        } catch (final TimeoutException e) {
            return !handle.isAlive();
        } catch (final ExecutionException e) {
            return !handle.isAlive();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static String describe(final ProcessHandle handle) {
        return "pid " + handle.pid() + handle.info().command().map(c -> " (" + c + ")").orElse("");
    }

    private static void killAllAtExit() {
        for (final ProcessHandle root : LIVE) {
            root.descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }
}

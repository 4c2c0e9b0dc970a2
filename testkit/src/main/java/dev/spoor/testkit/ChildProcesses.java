/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * A JUnit timeout interrupts the test's thread, but a read of a child's output (a {@code readLine()} or
 * {@code readAllBytes()} on its pipe) ignores interrupts, so the test would never end and never reach
 * {@code afterEach}. As an extension, this kit therefore watches the test's thread: once it is interrupted (a
 * timeout struck), the children are killed at once, their pipes close, and the blocked read returns. A test that
 * interrupts its own thread on purpose loses its children too.
 */
public final class ChildProcesses implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
    /** How long {@link #close()} waits for a killed process to be gone before it reports it. */
    static final Duration KILL_WAIT = Duration.ofSeconds(20);
    private static final Set<ProcessHandle> LIVE = ConcurrentHashMap.newKeySet();
    private static final Thread HOOK = new Thread(ChildProcesses::killAllAtExit, "spoor-child-processes-exit");
    /** Kits whose test is running, watched for an interrupt (a JUnit timeout). */
    private static final Set<ChildProcesses> WATCHED = ConcurrentHashMap.newKeySet();
    private static final long WATCH_MS = 200;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "spoor-child-processes-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    static {
        Runtime.getRuntime().addShutdownHook(HOOK);
        WATCHDOG.scheduleWithFixedDelay(ChildProcesses::killInterrupted, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    }

    private final List<Process> started = new ArrayList<>();
    /** Killed, not yet seen gone; guarded by {@code started}. */
    private final List<ProcessHandle> doomed = new ArrayList<>();
    private volatile Thread testThread;

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
        awaitGone(destroyTree(process.toHandle()));
    }

    /**
     * Kills every child started here and their descendants, and waits (bounded) until they are gone, also those the
     * timeout watchdog killed.
     *
     * @throws IllegalStateException naming the processes still alive after the wait.
     */
    @Override
    public void close() {
        final List<ProcessHandle> all;
        synchronized (started) {
            for (final Process process : started) {
                doomed.addAll(destroyTree(process.toHandle()));
            }
            started.clear();
            all = new ArrayList<>(doomed);
            doomed.clear();
        }
        awaitGone(all);
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        testThread = Thread.currentThread();
        WATCHED.add(this);
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        WATCHED.remove(this);
        testThread = null;
        close();
    }

    /** The watchdog: kills the children of a test whose thread was interrupted; close() waits for them. */
    private static void killInterrupted() {
        for (final ChildProcesses kit : WATCHED) {
            final Thread thread = kit.testThread;
            if (thread != null && thread.isInterrupted()) {
                synchronized (kit.started) {
                    for (final Process process : kit.started) {
                        if (process.isAlive()) {
                            kit.doomed.addAll(destroyTree(process.toHandle()));
                        }
                    }
                }
            }
        }
    }

    /** SIGKILLs a process and its descendants; returns them all, to wait for. */
    private static List<ProcessHandle> destroyTree(final ProcessHandle root) {
        // The snapshot is taken before anything dies: once a parent is gone its children belong to init and are no
        // longer found from it.
        final List<ProcessHandle> tree = root.descendants().collect(Collectors.toCollection(ArrayList::new));
        tree.add(root);
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        LIVE.remove(root);
        return tree;
    }

    private static void awaitGone(final List<ProcessHandle> handles) {
        final long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        final List<String> alive = new ArrayList<>();
        boolean isInterrupted = false;
        for (final ProcessHandle handle : handles) {
            // Not cut short by an interrupt (a timed-out test closes on an interrupted thread): the wait is bounded.
            while (true) {
                try {
                    handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (final InterruptedException e) {
                    isInterrupted = true;
                } catch (final TimeoutException | ExecutionException e) {
                    if (handle.isAlive()) {
                        alive.add(describe(handle));
                    }
                    break;
                }
            }
        }
        if (isInterrupted) {
            Thread.currentThread().interrupt();
        }
        if (!alive.isEmpty()) {
            throw new IllegalStateException("still alive " + KILL_WAIT.toSeconds() + " s after SIGKILL: " + alive);
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

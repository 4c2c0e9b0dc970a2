/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The journal's duty cycle for collectors that stop appending ({@link JournalConfig#visibilityMs(long)}): one
 * daemon thread that, every {@link JournalConfig#idleSealPeriodMs()}, has each writer seal its blocks that came
 * of age. It never touches a writer's state while the writer's own thread is inside it: it only acts through
 * {@link JournalWriter#sealDueForIdleSealer()}, which try-locks the writer (see {@link JournalWriter}). A failure
 * is kept by the writer and thrown to its collector at the next call, so nothing dies silently.
 */
final class IdleSealer implements AutoCloseable {
    private static final long JOIN_MS = 10_000;

    private final List<JournalWriter> writers = new CopyOnWriteArrayList<>();
    private final long periodNs;
    private final Thread thread;
    private volatile boolean isRunning = true;
    private volatile long rounds;

    /**
     * @param name     names the thread (the journal directory).
     * @param periodMs time between rounds, ms.
     */
    IdleSealer(final String name, final long periodMs) {
        this.periodNs = TimeUnit.MILLISECONDS.toNanos(periodMs);
        this.thread = new Thread(this::run, "spoor-idle-sealer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    void add(final JournalWriter writer) {
        writers.add(writer);
    }

    void remove(final JournalWriter writer) {
        writers.remove(writer);
    }

    /**
     * @return rounds completed (for tests and diagnostics).
     */
    long rounds() {
        return rounds;
    }

    /** Stops the thread and waits for its round to end (bounded: it never blocks on a collector). */
    @Override
    public void close() {
        isRunning = false;
        LockSupport.unpark(thread);
        try {
            thread.join(JOIN_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (isRunning) {
            LockSupport.parkNanos(periodNs);
            if (!isRunning) {
                break;
            }
            for (final JournalWriter writer : writers) {
                writer.sealDueForIdleSealer();
            }
            rounds++;
        }
    }
}

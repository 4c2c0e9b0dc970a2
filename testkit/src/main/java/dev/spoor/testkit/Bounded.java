/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a read of hostile input on a thread of its own under a time limit, and measures what it allocated: a
 * property test's proof that damaged input neither hangs a reader nor makes it allocate by an unchecked length
 * (a length read from a file and trusted would allocate up to 2 GiB, far above any bound set by the file's size).
 * The outcome is a value: what the read returned or threw, so the test decides which exceptions are allowed.
 */
public final class Bounded {
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /**
     * What a bounded call did.
     *
     * @param value          what it returned (null when it threw).
     * @param thrown         what it threw, or null.
     * @param allocatedBytes heap bytes the calling thread allocated during the call (-1 where unmeasurable).
     * @param <T>            the result type.
     */
    public record Outcome<T>(T value, Throwable thrown, long allocatedBytes) {
    }

    private Bounded() {
    }

    /**
     * @param limit             how long the call may take.
     * @param maxAllocatedBytes most heap bytes it may allocate.
     * @param task              the read.
     * @param <T>               its result.
     * @return what it returned or threw.
     * @throws AssertionError when it ran past the limit (it is interrupted and left) or allocated more.
     */
    public static <T> Outcome<T> call(final Duration limit, final long maxAllocatedBytes, final Callable<T> task) {
        final AtomicReference<T> value = new AtomicReference<>();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final AtomicLong allocated = new AtomicLong(-1);
        final Thread thread = new Thread(() -> {
            final boolean isMeasured = THREADS.isThreadAllocatedMemorySupported()
                && THREADS.isThreadAllocatedMemoryEnabled();
            final long before = isMeasured ? THREADS.getCurrentThreadAllocatedBytes() : 0;
            try {
                value.set(task.call());
            } catch (final Throwable t) {
                thrown.set(t);
            } finally {
                if (isMeasured) {
                    allocated.set(THREADS.getCurrentThreadAllocatedBytes() - before);
                }
            }
        }, "bounded-read");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(limit.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a bounded read", e);
        }
        if (thread.isAlive()) {
            thread.interrupt();
            throw new AssertionError("read did not finish within " + limit + " (a hang on hostile input)");
        }
        if (allocated.get() > maxAllocatedBytes) {
            throw new AssertionError("read allocated " + allocated.get() + " bytes, over the bound of "
                + maxAllocatedBytes + " (an allocation sized by an unchecked length?)", thrown.get());
        }
        return new Outcome<>(value.get(), thrown.get(), allocated.get());
    }
}

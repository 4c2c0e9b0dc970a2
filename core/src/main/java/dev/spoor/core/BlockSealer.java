/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.IntSpscQueue;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.recovery.Recovery;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Turns a writer's staged blocks into excerpts: encode, mark SEALING, append, index, free the slot (the
 * order {@link Recovery} relies on). With background sealing (the default) this runs on a thread of its
 * own, so the collector thread only stages events while another core encodes: slots are handed over
 * through one queue and come back through another. Without it, {@link #submit} seals in the caller's
 * thread. A failure on the sealing thread is reported to the writer at its next call. A full disk is not a
 * failure: the refused block stays in its slot and is retried (every 10 ms on the sealing thread, at the writer's
 * next call otherwise) while the writer refuses appends with a {@link DiskFullException}, until space is freed.
 * With the journal's idle sealer on, the writer's methods here may be called from the collector thread and the
 * idle sealer in turn, never at once: the writer's ownership lock orders them (see {@link JournalWriter}).
 */
final class BlockSealer implements AutoCloseable {
    /** How often a sealing thread refused by a full disk tries again (a writer's call also wakes it). */
    private static final long RETRY_NS = 10_000_000L;
    /** The longest a writer waits for the sealing thread's next attempt before refusing an append. */
    private static final long RETRY_WAIT_NS = 50_000_000L;
    private final Journal journal;
    private final StagingArea staging;
    /**
     * Held from marking a slot SEALING to freeing it, by every sealer of one writer: blocks of a writer are encoded
     * in parallel at close, but only one of its slots is ever SEALING, so a block that reached the queue before a
     * kill is that writer's last excerpt, which is what {@link Recovery} looks for.
     */
    private final Object sealingLock;
    private final BlockEncoder encoder;
    private final EventBatch batch;
    private final IntSpscQueue toSeal;
    private final IntSpscQueue freed;
    private final AtomicLong sealed = new AtomicLong();
    private final Thread thread;
    private final BlockCipher cipher;
    private QueueStore.Appender appender;
    private long submitted;
    private volatile boolean isRunning = true;
    private volatile Throwable failure;
    /** Set while the block at the head cannot reach the queue for want of disk space; cleared when it does. */
    private volatile DiskFullException stalled;
    /** Seal attempts the full disk refused (sealing thread): a writer waits for the next one before refusing. */
    private volatile long refusals;
    /** The slot whose seal the full disk refused, retried before any other (sealing thread, or the writer's). */
    private int pendingSlot = -1;

    /**
     * @param journal      the journal.
     * @param staging      the writer's staging area.
     * @param blockEvents  events per block.
     * @param isBackground seal on a thread of its own.
     * @param writerId     the writer's id, for the thread's name.
     * @param isHandedOver the writer's calls come from more than one thread, in turn (the idle sealer is on).
     */
    BlockSealer(final Journal journal, final StagingArea staging, final int blockEvents, final boolean isBackground,
        final int writerId, final boolean isHandedOver) {
        this(journal, staging, blockEvents, isBackground, writerId, isHandedOver, new Object());
    }

    private BlockSealer(final Journal journal, final StagingArea staging, final int blockEvents,
        final boolean isBackground, final int writerId, final boolean isHandedOver, final Object sealingLock) {
        this.journal = journal;
        this.staging = staging;
        this.sealingLock = sealingLock;
        this.encoder = new BlockEncoder(blockEvents).policyVersion(journal.policyVersion().version())
            .formatVersion(journal.config().blockFormatVersion()).clockLattice(journal.config().isClockLattice());
        this.cipher = journal.policy().isEncrypted() ? new BlockCipher(journal.keys()) : null;
        this.batch = new EventBatch(blockEvents);
        this.toSeal = new IntSpscQueue(staging.slotCount());
        this.freed = new IntSpscQueue(staging.slotCount());
        if (isBackground) {
            thread = new Thread(this::run, "spoor-sealer-" + writerId);
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
            appender = journal.queue().appender(isHandedOver);
        }
    }

    /**
     * Hands a slot over for sealing (writer thread).
     *
     * @param slot an OPEN slot with events; it comes back through {@link #pollFreed()}.
     */
    void submit(final int slot) {
        checkFailure();
        submitted++;
        if (!toSeal.offer(slot)) {
            throw new IllegalStateException("sealing queue full: more slots handed over than exist");
        }
        if (thread == null) {
            drain();
        }
    }

    /**
     * @return true while a full disk keeps blocks from the queue: the writer then refuses appends
     *         ({@link #checkStalled()}).
     */
    boolean isStalled() {
        return stalled != null;
    }

    /**
     * Retries the refused block (sealing in the caller's thread) or wakes the sealing thread to, and throws when
     * the disk is still full (writer thread). Nothing is lost either way: the blocks wait in their slots.
     *
     * @throws DiskFullException when blocks still cannot reach the queue.
     */
    void checkStalled() {
        checkFailure();
        if (thread == null) {
            drain();
        } else {
            awaitRetry();
        }
        final DiskFullException full = stalled;
        if (full != null) {
            throw new DiskFullException(full.getMessage(), full.directory(), full.bytesNeeded(), full);
        }
    }

    /**
     * Wakes the sealing thread and waits, at most {@value #RETRY_WAIT_NS} ns, for it to retry the refused block:
     * space freed since the last refusal must not be answered with that old refusal.
     */
    private void awaitRetry() {
        final long before = refusals;
        final long deadline = System.nanoTime() + RETRY_WAIT_NS;
        final IdleStrategy idle = waitingStrategy();
        while (stalled != null && refusals == before && failure == null && System.nanoTime() < deadline) {
            wake();
            idle.idle();
        }
    }

    /** Seals the handed-over slots in order, in the caller's thread, until done or refused by a full disk. */
    private void drain() {
        while (true) {
            final int slot = pendingSlot >= 0 ? pendingSlot : toSeal.poll();
            if (slot < 0 || !trySeal(slot)) {
                return;
            }
        }
    }

    /** Seals one slot; on a full disk keeps it as the pending slot, for a retry, and returns false. */
    private boolean trySeal(final int slot) {
        try {
            seal(slot);
        } catch (final DiskFullException e) {
            pendingSlot = slot;
            stalled = e;
            refusals++;
            return false;
        }
        pendingSlot = -1;
        if (stalled != null) {
            stalled = null;
        }
        return true;
    }

    /**
     * @return a slot whose block is in the queue, free for reuse, or -1 (writer thread).
     */
    int pollFreed() {
        return freed.poll();
    }

    /**
     * Waits until every submitted block is in the queue (writer thread).
     */
    void awaitIdle() {
        final IdleStrategy idle = waitingStrategy();
        while (sealed.get() < submitted) {
            if (stalled != null) {
                checkStalled();
                continue;
            }
            checkFailure();
            wake();
            idle.idle();
        }
        checkFailure();
    }

    /**
     * Wakes the sealing thread if it is parked: a writer about to wait for it should not also wait out the
     * sealer's idle park (up to a millisecond, which made every block cost a millisecond under backpressure).
     */
    void wake() {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * @return how a writer waits for the sealer: spin, yield, then park briefly, since the wait is short.
     */
    static IdleStrategy waitingStrategy() {
        return new BackoffIdleStrategy(64, 16, 1_000, 50_000);
    }

    /**
     * @return blocks handed over for sealing.
     */
    long submitted() {
        return submitted;
    }

    /**
     * A second sealer for the same writer that seals in the caller's thread, with an encoder and an appender of its
     * own: both encode at once, one at a time appends ({@link #sealingLock}). Close it after use.
     *
     * @param blockEvents events per block.
     * @param writerId    the writer's id.
     * @return the sealer.
     */
    BlockSealer callerLane(final int blockEvents, final int writerId) {
        return new BlockSealer(journal, staging, blockEvents, false, writerId, false, sealingLock);
    }

    /**
     * @return blocks handed over and not yet in the queue (writer thread).
     */
    long backlog() {
        return submitted - sealed.get();
    }

    /**
     * @return true when blocks are sealed on a thread of their own.
     */
    boolean isBackground() {
        return thread != null;
    }

    @Override
    public void close() {
        isRunning = false;
        if (thread != null) {
            try {
                thread.join();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (appender != null) {
            appender.close();
        }
    }

    private void run() {
        appender = journal.queue().appender();
        final IdleStrategy idle = new BackoffIdleStrategy();
        try {
            while (true) {
                final int slot = pendingSlot >= 0 ? pendingSlot : toSeal.poll();
                if (slot >= 0 && trySeal(slot)) {
                    idle.reset();
                } else if (slot >= 0) {
                    if (!isRunning) {
                        break; // the slot stays in the staging file: the next open seals it
                    }
                    LockSupport.parkNanos(RETRY_NS);
                } else if (!isRunning) {
                    break;
                } else {
                    idle.idle();
                }
            }
        } catch (final Throwable t) {
            failure = t;
        } finally {
            appender.close();
        }
    }

    private void seal(final int slot) {
        staging.readInto(slot, batch);
        final int length = encoder.encode(staging.deviceId(slot), batch);
        final int sealedLength = cipher == null ? length
            : cipher.encrypt(staging.deviceId(slot), encoder.blockBuffer(), length);
        synchronized (sealingLock) {
            staging.markSealing(slot);
            if (cipher != null) {
                appender.append(SealedExcerpt.encryptedSealId(staging.sealId(slot)), cipher.output(), sealedLength);
            } else {
                appender.append(staging.sealId(slot), encoder.blockBuffer(), length);
            }
            journal.onSealed();
            staging.free(slot);
        }
        sealed.incrementAndGet();
        freed.offer(slot);
    }

    private void checkFailure() {
        final Throwable t = failure;
        if (t != null) {
            throw new JournalException("sealing blocks of journal " + journal.directory() + " failed: " + t, t);
        }
    }
}

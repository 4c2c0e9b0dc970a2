/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventCodes;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.privacy.PrivacyFilter;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Arrays;

/**
 * Appends events of many devices, interleaved, for one thread. Each device with events has an open block,
 * staged in this writer's memory-mapped file, so an event is safe the moment its append method returns;
 * blocks are sealed (encoded and appended to the queue) when full, when older than the max age, when the
 * staging budget is exceeded (least recently used first), on a roll-cycle change, on {@link #flush()} and
 * on {@link #close()}.
 *
 * <h2>When other processes see an event</h2>
 * An event is visible to readers, in this process or another, once its block is sealed: when the block is
 * full, when it is older than {@link JournalConfig#maxBlockAgeMs(long) maxBlockAgeMs} (checked on every
 * 1,024th append, by {@link #poll()}, and by the idle sealer when enabled), on {@link #flush()} and on
 * {@link #close()}. A collector that keeps appending therefore needs no {@code poll()}: its events show within
 * the max age plus one check interval (the time it takes to make 1,024 appends). A writer that stops appending
 * is not checked by appends: either the collector calls {@code poll()} from its duty cycle, or
 * {@link JournalConfig#visibilityMs(long)} has the journal's idle sealer do it, and then every event is visible
 * within that bound however the collector behaves.
 *
 * <h2>The idle sealer and threads</h2>
 * A writer belongs to its collector thread, and its slot arrays are never locked for that thread's sake. The idle
 * sealer is a second thread that must seal aged blocks while the collector is away, so with
 * {@code visibilityMs} set each call of this writer brackets its work with a one-word ownership lock: a
 * compare-and-set from FREE to COLLECTOR on entry and a release store back to FREE on exit, on a word only the
 * collector's core touches between the idle sealer's rounds (one uncontended atomic instruction per call:
 * excluding a thread that may be preempted anywhere takes a store-load barrier on its side, so nothing cheaper
 * is safe). The idle sealer
 * only try-locks: when it wins, the collector is outside every method and waits, briefly, if it comes back
 * meanwhile; when it loses, the collector is inside, and the sealer leaves a request flag that the collector
 * serves on its next append by running the same age check itself. Either way one thread at a time mutates the
 * writer, and the lock's acquire and release order their writes, which is what lets both hand blocks to the
 * single-producer sealing queue in turn. Without {@code visibilityMs} the lock is skipped (a branch on a final
 * field) and nothing but the collector touches the writer.
 *
 * <p>Sealing (encode, append to the queue, index) runs on a background thread of the writer's own by default
 * ({@link JournalConfig#backgroundSealing(boolean)}), so the collector thread only stages events; either way
 * a block reaches the queue exactly once, and {@link #flush()} returns when every handed-over block is there.
 *
 * <p>Every append call that passes validation (a timestamp of 0 or later) is counted in the staging file's
 * header, the events the privacy policy drops included, ordered after the event it counts: the ingest ledger
 * ({@link Journal#ingestLedger()}) records batches against this count, and recovery reads it back exactly.
 *
 * <p>Appends allocate nothing, and an age check costs one comparison unless a block may have come of age.
 * Not thread safe: one writer per collector thread ({@link Journal#newWriter()}).
 */
public final class JournalWriter implements AutoCloseable {
    private static final long MISSING = -1;
    private static final int CLOCK_CHECK_MASK = 1023;
    /** At close, blocks the sealing thread may have waiting before the closing thread seals the next itself. */
    private static final int CLOSE_BACKLOG = 2;
    private static final int FREE = 0;
    private static final int COLLECTOR = 1;
    private static final int IDLE_SEALER = 2;
    /** Tries before the idle sealer leaves a busy collector a request instead. */
    private static final int IDLE_SEALER_TRIES = 64;
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(JournalWriter.class, "owner", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Journal journal;
    private final int writerId;
    private final int blockEvents;
    private final long budgetEvents;
    private final long maxAgeMs;
    private final InstantSource clock;
    private final RollPeriod rollPeriod;
    private final StagingArea staging;
    private final BlockSealer sealer;
    private final Long2LongHashMap slotByDevice = new Long2LongHashMap(MISSING);
    private final int[] counts;
    private final long[] lastUse;
    private final long[] lruScratch;
    private final long[] slotDevice;
    /** Per slot: handed to the sealing thread and not yet taken back free (its block may not be in the queue). */
    private final boolean[] isQueued;
    private final int[] freeSlots;
    private int freeCount;
    private int openBlocks;
    private final int maxOpenBlocks;
    private long stagedEvents;
    private final PrivacyFilter privacy;
    /** The journal's registry: its keys registered since the last event are written before the next is staged. */
    private final DeviceRegistry devices;
    /**
     * The journal's erasures as this writer last looked (at creation, then with every clock check: a stat of
     * {@code erasures.spoor}): an event they cover is dropped, not staged, since every reader would hide it anyway
     * and its bytes would wait on disk for a compaction.
     */
    private Erasures erasures;
    private long droppedErased;
    private long appendSequence;
    /** Append calls taken (staged or dropped by the policy), as the staging header counts them for the ledger. */
    private long appendedEvents;
    /** The ingest ledger session this writer appends for, 0 for none. */
    private long ingestSessionId;
    /** No open block was opened before this (epoch ms; MAX_VALUE when none is open): a lower bound, exact after
     * each scan, so most age checks need no scan. */
    private long oldestOpenedMs = Long.MAX_VALUE;
    private long currentCycle;
    private boolean isClosed;
    /** With the idle sealer: FREE, COLLECTOR or IDLE_SEALER, through {@link #OWNER} only. */
    @SuppressWarnings("unused")
    private int owner;
    private final boolean isShared;
    private final IdleStrategy ownerWait;
    /** Set by the idle sealer when the collector was inside: the collector checks the age at its next append. */
    private volatile boolean isSealDueRequested;
    /** What the idle sealer met while sealing for this writer; thrown to the collector (written under the lock). */
    private Throwable idleSealerFailure;

    JournalWriter(final Journal journal, final int writerId) {
        final JournalConfig config = journal.config();
        this.journal = journal;
        this.writerId = writerId;
        this.blockEvents = config.blockEvents();
        this.budgetEvents = config.memoryBudgetBytes() / StagingLayout.EVENT_BYTES;
        this.maxAgeMs = config.sealAgeMs();
        this.isShared = config.visibilityMs() > 0;
        this.ownerWait = isShared ? BlockSealer.waitingStrategy() : null;
        this.clock = config.clock();
        this.rollPeriod = config.rollPeriod();
        this.maxOpenBlocks = config.maxOpenBlocks();
        this.devices = journal.devices();
        this.privacy = new PrivacyFilter(journal.policy(), devices::lookup);
        this.erasures = Erasures.NONE;
        refreshErasures(); // a lost erasures.spoor does not stop a collector: readers refuse and name it
        // Spare slots hold blocks on their way to the queue, so a device whose block was just handed over
        // can open a new one at once instead of forcing early seals.
        final int slots = maxOpenBlocks + Math.max(16, maxOpenBlocks / 4);
        this.staging = createStaging(journal, writerId, slots, blockEvents);
        this.sealer = new BlockSealer(journal, staging, blockEvents, config.isBackgroundSealing(), writerId,
            isShared);
        this.counts = new int[slots];
        this.lastUse = new long[slots];
        this.lruScratch = new long[slots];
        this.slotDevice = new long[slots];
        this.isQueued = new boolean[slots];
        this.freeSlots = new int[slots];
        for (int i = 0; i < slots; i++) {
            freeSlots[i] = slots - 1 - i;
        }
        this.freeCount = slots;
        this.currentCycle = rollPeriod.cycleOf(clock.millis());
    }

    /**
     * A pointer move.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param buttons     buttons held.
     */
    public void move(final long deviceId, final long timestampNs, final int x, final int y, final int buttons) {
        append(deviceId, timestampNs, EventCodes.MOVE, x, y, buttons, 0);
    }

    /**
     * A button press.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param button      the button.
     */
    public void buttonDown(final long deviceId, final long timestampNs, final int x, final int y, final int button) {
        append(deviceId, timestampNs, EventCodes.BUTTON_DOWN, x, y, button, 0);
    }

    /**
     * A button release.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param button      the button.
     */
    public void buttonUp(final long deviceId, final long timestampNs, final int x, final int y, final int button) {
        append(deviceId, timestampNs, EventCodes.BUTTON_UP, x, y, button, 0);
    }

    /**
     * A wheel turn.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param x           pointer x.
     * @param y           pointer y.
     * @param dx          horizontal amount.
     * @param dy          vertical amount.
     */
    public void wheel(final long deviceId, final long timestampNs, final int x, final int y, final int dx,
        final int dy) {
        append(deviceId, timestampNs, EventCodes.WHEEL, x, y, dx, dy);
    }

    /**
     * A key press.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param key         the key (after the privacy policy).
     * @param modifiers   modifiers held.
     */
    public void keyDown(final long deviceId, final long timestampNs, final int key, final int modifiers) {
        append(deviceId, timestampNs, EventCodes.KEY_DOWN, 0, 0, key, modifiers);
    }

    /**
     * A key release.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param key         the key (after the privacy policy).
     * @param modifiers   modifiers held.
     */
    public void keyUp(final long deviceId, final long timestampNs, final int key, final int modifiers) {
        append(deviceId, timestampNs, EventCodes.KEY_UP, 0, 0, key, modifiers);
    }

    /**
     * Appends an event given by type.
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param type        the event type.
     * @param x           pointer x (0 for keys).
     * @param y           pointer y (0 for keys).
     * @param a           buttons, button, wheel dx or key.
     * @param b           wheel dy or modifiers (0 otherwise).
     */
    public void append(final long deviceId, final long timestampNs, final EventType type, final int x,
        final int y, final int a, final int b) {
        if (type == null) {
            throw new IllegalArgumentException("type must be one of " + Arrays.toString(EventType.values())
                + ", was null [device=" + DeviceRegistry.hex(deviceId) + ", timestampNs=" + timestampNs + "]");
        }
        append(deviceId, timestampNs, type.code(), x, y, a, b);
    }

    /**
     * Appends an event whose coordinates may have fractions of a pixel (macOS logical points, zoomed browser
     * pages): stored exactly for every multiple of 1/256 px ({@link SubPixel}).
     *
     * @param deviceId    the device.
     * @param timestampNs epoch ns, 0 or later.
     * @param type        the event type.
     * @param xSubpixels  pointer x in 1/256 px ({@link SubPixel#ofPixels(double)}; 0 for keys).
     * @param ySubpixels  pointer y in 1/256 px (0 for keys).
     * @param a           buttons, button, wheel dx or key.
     * @param b           wheel dy or modifiers (0 otherwise).
     * @throws IllegalArgumentException when the type is null, the time negative, a coordinate outside
     *         {@link SubPixel#MIN}..{@link SubPixel#MAX}, or a key event has coordinates.
     */
    public void appendSubPixel(final long deviceId, final long timestampNs, final EventType type,
        final long xSubpixels, final long ySubpixels, final int a, final int b) {
        if (type == null || xSubpixels < SubPixel.MIN || xSubpixels > SubPixel.MAX || ySubpixels < SubPixel.MIN
            || ySubpixels > SubPixel.MAX || !type.isPointer() && (xSubpixels | ySubpixels) != 0) {
            throw new IllegalArgumentException("cannot append " + type + " at (" + xSubpixels + ", " + ySubpixels
                + ") subpixels: the type must be given, coordinates within " + SubPixel.MIN + ".." + SubPixel.MAX
                + " and 0 for key events [device=" + DeviceRegistry.hex(deviceId) + ", timestampNs=" + timestampNs
                + "]");
        }
        final int fractions = SubPixel.fraction(xSubpixels) | SubPixel.fraction(ySubpixels) << SubPixel.FRACTION_BITS;
        enter();
        try {
            appendOwned(deviceId, timestampNs, type.code(), SubPixel.whole(xSubpixels), SubPixel.whole(ySubpixels),
                a, b, fractions);
        } finally {
            exit();
        }
    }

    /**
     * Seals blocks older than the max age and, after a roll-cycle change, every open block. Appends do the same
     * on every 1,024th call, so a collector that keeps appending need not call this; one that may go quiet
     * calls it from its duty cycle. Costs a clock read and a comparison when no block can be old enough.
     *
     * @return blocks sealed.
     */
    public int poll() {
        enter();
        try {
            checkOpen();
            return sealDue(clock.millis());
        } finally {
            exit();
        }
    }

    /**
     * Seals every open block now.
     *
     * @return blocks sealed.
     */
    public int flush() {
        enter();
        try {
            checkOpen();
            final int sealed = sealAll();
            sealer.awaitIdle();
            return sealed;
        } finally {
            exit();
        }
    }

    /**
     * @return devices with an open block.
     */
    public int openBlocks() {
        enter();
        try {
            return openBlocks;
        } finally {
            exit();
        }
    }

    /**
     * @return events of devices outside the policy's consent list, dropped at ingest.
     */
    public long droppedWithoutConsent() {
        return privacy.droppedWithoutConsent();
    }

    /**
     * @return events of erased devices and time ranges, dropped at ingest (an erasure recorded while the writer runs
     *         applies from its next clock check, within 1,024 events).
     */
    public long droppedErased() {
        return droppedErased;
    }

    /**
     * @return key events marked {@link PrivacyPolicy#SECURE_INPUT}, dropped at ingest.
     */
    public long droppedSecureInput() {
        return privacy.droppedSecureInput();
    }

    /**
     * @return key events dropped because the policy keeps no keystrokes.
     */
    public long droppedKeystrokes() {
        return privacy.droppedKeystrokes();
    }

    /**
     * @return events staged in open blocks.
     */
    public long stagedEvents() {
        enter();
        try {
            return stagedEvents;
        } finally {
            exit();
        }
    }

    /**
     * @return staging bytes in use (events x {@value StagingLayout#EVENT_BYTES}).
     */
    public long stagedBytes() {
        return stagedEvents() * StagingLayout.EVENT_BYTES;
    }

    /**
     * @return blocks this writer has handed over for sealing (all of them are in the queue after
     *         {@link #flush()}).
     */
    public long blocksSealed() {
        enter();
        try {
            return sealer.submitted();
        } finally {
            exit();
        }
    }

    /**
     * @return the writer's id (its staging file is writer-ID.stg).
     */
    public int writerId() {
        return writerId;
    }

    /** Seals every open block and releases the writer. */
    @Override
    public void close() {
        enter();
        try {
            closeOwned();
        } finally {
            exit();
        }
    }

    private void closeOwned() {
        if (isClosed) {
            return;
        }
        boolean isEverythingSealed = false;
        try {
            sealAllOnTwoThreads();
            sealer.awaitIdle();
            isEverythingSealed = true;
        } finally {
            isClosed = true;
            sealer.close();
            if (isEverythingSealed) {
                staging.closeForDeletion(); // not synced: the file goes below, once the ledger has its end
            } else {
                staging.close();
            }
            try {
                if (isEverythingSealed) {
                    // An ingest session's end count reaches the ledger before the file that holds it goes; if it
                    // cannot, the file stays and recovery ends the session.
                    endIngestSession();
                    // Every staged block is in the queue: the staging file holds nothing recovery would need, and
                    // keeping it would hold its slots' disk space (~160 KB per device) until the next writer.
                    deleteQuietly(staging.file().toPath());
                }
            } finally {
                journal.writerClosed(this);
            }
        }
    }

    private void endIngestSession() {
        if (ingestSessionId != 0) {
            LedgerFile.appendSessionEnd(journal.directory(), ingestSessionId, appendedEvents);
        }
    }

    /** @return the journal this writer appends to. */
    Journal journal() {
        return journal;
    }

    /** @return append calls taken, as the staging header counts them; safe from any thread, open or closed. */
    long storedAppendedEvents() {
        return staging.storedAppendedEvents();
    }

    /** Seals every open block and waits for the queue, unless closed: see {@code LedgerSession.close}. */
    void sealOpenBlocks() {
        enter();
        try {
            if (!isClosed) {
                sealAll();
                sealer.awaitIdle();
            }
        } finally {
            exit();
        }
    }

    /** Marks the staging file with an ingest ledger session: see {@code IngestLedger.begin}. */
    void startIngestSession(final long sessionId) {
        enter();
        try {
            checkOpen();
            if (ingestSessionId != 0) {
                throw new IllegalStateException("writer " + writerId + " of journal " + journal.directory()
                    + " is in ingest session 0x" + Long.toHexString(ingestSessionId) + " already");
            }
            if (appendedEvents != 0) {
                throw new IllegalStateException("writer " + writerId + " of journal " + journal.directory()
                    + " has taken " + appendedEvents + " appends: an ingest session starts on a fresh writer");
            }
            staging.startIngestSession(sessionId);
            ingestSessionId = sessionId;
        } finally {
            exit();
        }
    }

    /**
     * The idle sealer's turn (its thread only): seals the blocks that came of age, as {@link #poll()} does, if
     * the collector is outside the writer; otherwise leaves it a request to do so at its next append.
     *
     * @return blocks sealed, or -1 when the collector was inside.
     */
    int sealDueForIdleSealer() {
        for (int i = 0; i < IDLE_SEALER_TRIES; i++) {
            if (OWNER.compareAndSet(this, FREE, IDLE_SEALER)) {
                try {
                    return isClosed || idleSealerFailure != null ? 0 : sealDue(clock.millis());
                } catch (final Throwable t) {
                    idleSealerFailure = t;
                    return 0;
                } finally {
                    OWNER.setRelease(this, FREE);
                }
            }
            Thread.onSpinWait();
        }
        isSealDueRequested = true;
        return -1;
    }

    /** Takes the writer for the calling (collector) thread when the idle sealer shares it; never throws. */
    private void enter() {
        if (isShared && !OWNER.compareAndSet(this, FREE, COLLECTOR)) {
            awaitOwnership();
        }
    }

    /** The idle sealer holds the writer for the few microseconds a round takes: wait for it. */
    private void awaitOwnership() {
        ownerWait.reset();
        while (!OWNER.compareAndSet(this, FREE, COLLECTOR)) {
            ownerWait.idle();
        }
    }

    private void exit() {
        if (isShared) {
            OWNER.setRelease(this, FREE);
        }
    }

    private void append(final long deviceId, final long timestampNs, final int type, final int x, final int y,
        final int a, final int b) {
        enter();
        try {
            appendOwned(deviceId, timestampNs, type, x, y, a, b, 0);
        } finally {
            exit();
        }
    }

    private void appendOwned(final long deviceId, final long timestampNs, final int type, final int x, final int y,
        final int a, final int b, final int fractions) {
        checkOpen();
        if (timestampNs < 0) {
            throw new IllegalArgumentException("timestampNs=" + timestampNs + " is before 1970, outside the supported"
                + " range 0.." + Long.MAX_VALUE + " [device=" + DeviceRegistry.hex(deviceId) + "]");
        }
        if (sealer.isStalled()) {
            sealer.checkStalled(); // a full disk holds blocks back: refuse before anything is counted
        }
        if ((++appendSequence & CLOCK_CHECK_MASK) == 0 || isShared && isSealDueRequested) {
            if (isShared) {
                isSealDueRequested = false;
            }
            sealDue(clock.millis());
            refreshErasures();
        }
        if (!erasures.isEmpty() && erasures.isErased(deviceId, timestampNs)) {
            droppedErased++;
            staging.countDropped(++appendedEvents);
            return;
        }
        if (!privacy.admits(deviceId, type, b)) {
            staging.countDropped(++appendedEvents);
            return;
        }
        final int first = EventCodes.isKey(type) ? privacy.storedKey(a) : a;
        if (devices.hasPendingKeys()) {
            devices.writePending(); // keys registered since the last event: in devices.dict before any event is staged
        }
        int slot = (int)slotByDevice.get(deviceId);
        if (slot < 0) {
            slot = openSlot(deviceId);
        }
        final int index = counts[slot];
        staging.ensureBacked(slot, index); // may refuse (disk full) before the event is counted
        // Counted in the staging header with the event, before anything below can seal (or throw).
        staging.append(slot, index, timestampNs, type, x, y, first, b, fractions, ++appendedEvents);
        counts[slot] = index + 1;
        lastUse[slot] = appendSequence;
        stagedEvents++;
        if (index + 1 == blockEvents) {
            seal(slot);
        } else if (stagedEvents > budgetEvents) {
            sealLeastRecentlyUsed();
        }
    }

    /** Takes the journal's erasures again when the file changed; a damaged file keeps the last good snapshot. */
    private void refreshErasures() {
        try {
            erasures = journal.erasures();
        } catch (final JournalException damaged) {
            // Readers name the damage; the collector keeps appending under the erasures it knew.
        }
    }

    /**
     * Seals every open block after a roll-cycle change, else the blocks older than the max age. Costs a clock
     * read and a comparison unless some block may have come of age: only then are the slots scanned, and the
     * scan makes the bound on the oldest block exact again.
     */
    private int sealDue(final long nowMs) {
        final long cycle = rollPeriod.cycleOf(nowMs);
        if (cycle != currentCycle) {
            currentCycle = cycle;
            return sealAll();
        }
        return nowMs - oldestOpenedMs >= maxAgeMs ? sealAged(nowMs) : 0;
    }

    private int sealAged(final long nowMs) {
        int sealed = 0;
        long oldest = Long.MAX_VALUE;
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] > 0) {
                final long openedAt = staging.openedAtMs(slot);
                if (nowMs - openedAt >= maxAgeMs) {
                    seal(slot);
                    sealed++;
                } else if (openedAt < oldest) {
                    oldest = openedAt;
                }
            }
        }
        oldestOpenedMs = oldest;
        return sealed;
    }

    private int openSlot(final long deviceId) {
        takeBackFreedSlots();
        if (openBlocks >= maxOpenBlocks) {
            sealLeastRecentlyUsed();
        }
        if (freeCount == 0) {
            final IdleStrategy idle = BlockSealer.waitingStrategy();
            while (freeCount == 0) {
                if (sealer.isStalled()) {
                    sealer.checkStalled();
                }
                sealer.wake();
                idle.idle();
                takeBackFreedSlots();
            }
        }
        staging.ensureBacked(freeSlots[freeCount - 1], 0); // the slot's header and first events, or refuse
        final int slot = freeSlots[--freeCount];
        final long nowMs = clock.millis();
        staging.open(slot, deviceId, nowMs);
        if (nowMs < oldestOpenedMs) {
            oldestOpenedMs = nowMs;
        }
        slotByDevice.put(deviceId, slot);
        slotDevice[slot] = deviceId;
        counts[slot] = 0;
        openBlocks++;
        return slot;
    }

    /**
     * Seals the least recently used eighth of the open blocks (at least one). Finding them takes one scan and
     * a quickselect over the open slots, so the cost is shared by many seals instead of a scan per seal,
     * which with 10,000 devices over budget dominated ingest.
     */
    private void sealLeastRecentlyUsed() {
        int open = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] > 0) {
                lruScratch[open++] = lastUse[slot];
            }
        }
        if (open == 0) {
            return;
        }
        final long threshold = select(lruScratch, open, Math.max(1, open / 8) - 1);
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] > 0 && lastUse[slot] <= threshold) {
                seal(slot);
            }
        }
    }

    /** The k-th smallest of values[0..n) (Hoare's quickselect, in place). */
    private static long select(final long[] values, final int n, final int k) {
        int low = 0;
        int high = n - 1;
        while (low < high) {
            final long pivot = values[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    final long swap = values[i];
                    values[i++] = values[j];
                    values[j--] = swap;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private int sealAll() {
        int sealed = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] > 0) {
                seal(slot);
                sealed++;
            }
        }
        oldestOpenedMs = Long.MAX_VALUE;
        return sealed;
    }

    /**
     * Seals every open block with both the sealing thread and the caller's (at close, where the caller would
     * otherwise wait for one thread to encode every part-filled block). A device's blocks must reach the queue in
     * the order it filled them, so the block of a device whose earlier block still waits for the sealing thread goes
     * to that thread too, behind it; any other goes to the sealing thread while fewer than {@value #CLOSE_BACKLOG}
     * wait for it, else the caller seals it there and then through a second {@link BlockSealer} of the same writer
     * (its own encoder and appender, for this call only). So the caller starts at once, beside a backlog the
     * sealing thread may still have from the appends (waiting for that backlog first made the close of the Balabit
     * set wait about a third of its time). The two encode at once and append one at a time, so recovery still
     * finds at most one block of this writer half-sealed. A full disk leaves the refused blocks in their slots and
     * throws {@link DiskFullException}, as one thread would.
     */
    private void sealAllOnTwoThreads() {
        if (!sealer.isBackground() || openBlocks < 2) {
            sealAll();
            return;
        }
        final LongHashSet devicesQueued = devicesWithQueuedBlocks();
        try (BlockSealer callerLane = sealer.callerLane(blockEvents, writerId)) {
            for (int slot = 0; slot < counts.length; slot++) {
                if (counts[slot] > 0) {
                    if (sealer.backlog() < CLOSE_BACKLOG || callerLane.isStalled()
                        || devicesQueued.contains(slotDevice[slot])) {
                        seal(slot);
                    } else {
                        release(slot);
                        callerLane.submit(slot);
                    }
                }
            }
            oldestOpenedMs = Long.MAX_VALUE;
            if (callerLane.isStalled()) {
                callerLane.checkStalled();
            }
        }
    }

    /** The devices with a block handed to the sealing thread and maybe not yet in the queue (at close). */
    private LongHashSet devicesWithQueuedBlocks() {
        takeBackFreedSlots();
        final LongHashSet devices = new LongHashSet();
        for (int slot = 0; slot < isQueued.length; slot++) {
            if (isQueued[slot]) {
                devices.add(slotDevice[slot]);
            }
        }
        return devices;
    }

    /** Hands the slot to the sealer; it returns through {@link #takeBackFreedSlots()} once in the queue. */
    private void seal(final int slot) {
        release(slot);
        isQueued[slot] = true;
        sealer.submit(slot);
    }

    /** The slot's block is closed to appends: the device's next event opens another. */
    private void release(final int slot) {
        stagedEvents -= counts[slot];
        counts[slot] = 0;
        slotByDevice.remove(slotDevice[slot]);
        openBlocks--;
    }

    private void takeBackFreedSlots() {
        int slot;
        while ((slot = sealer.pollFreed()) >= 0) {
            isQueued[slot] = false;
            freeSlots[freeCount++] = slot;
        }
    }

    private void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("writer " + writerId + " of journal " + journal.directory() + " is closed");
        }
        if (idleSealerFailure != null) {
            throw new JournalException("the idle sealer failed sealing blocks of writer " + writerId + " of journal "
                + journal.directory() + ": " + idleSealerFailure, idleSealerFailure);
        }
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            // Harmless: recovery finds only empty slots in it, and the next writer replaces it.
        }
    }

    private static StagingArea createStaging(final Journal journal, final int writerId, final int slots,
        final int blockEvents) {
        final File file = journal.stagingDir().resolve("writer-" + writerId + ".stg").toFile();
        try {
            Files.createDirectories(journal.stagingDir());
            checkNoUnendedSession(journal, file);
            // Recovery sealed and emptied any file left here; a fresh file matches today's settings.
            Files.deleteIfExists(file.toPath());
        } catch (final IOException e) {
            throw new JournalException("cannot prepare staging file " + file + ": " + e.getMessage(), e);
        }
        // Writer ids and seal sequences start again in each process: recovery must know which excerpts are this life's.
        return StagingArea.create(file, writerId, slots, blockEvents, journal.queue().lastIndex());
    }

    /**
     * A staging file left by a writer of this process whose close could not end its ingest session: deleting it
     * would lose the session's end count, which only recovery (reopening the journal) can settle.
     */
    private static void checkNoUnendedSession(final Journal journal, final File file) {
        if (!file.exists()) {
            return;
        }
        final long sessionId;
        try (StagingArea left = StagingArea.openReadOnly(file)) {
            sessionId = left.ingestSessionId();
        } catch (final JournalException damaged) {
            return; // not readable as a staging file: nothing recovery could use either
        }
        if (sessionId != 0 && !LedgerFile.isSessionEnded(journal.directory(), sessionId)) {
            throw new JournalException("staging file " + file + " holds ingest session 0x" + Long.toHexString(sessionId)
                + ", which has no end in the ledger: reopen the journal so that recovery seals the file and ends"
                + " the session");
        }
    }
}

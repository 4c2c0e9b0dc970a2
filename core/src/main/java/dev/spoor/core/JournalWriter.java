/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.nio.file.Files;
import java.time.InstantSource;

/**
 * Appends events of many devices, interleaved, for one thread. Each device with events has an open block,
 * staged in this writer's memory-mapped file, so an event is safe the moment its append method returns;
 * blocks are sealed (encoded and appended to the queue) when full, older than the max age at
 * {@link #poll()}, when the staging budget is exceeded (least recently used first), on a roll-cycle
 * change, on {@link #flush()} and on {@link #close()}.
 *
 * <p>Sealing (encode, append to the queue, index) runs on a background thread of the writer's own by default
 * ({@link JournalConfig#backgroundSealing(boolean)}), so the collector thread only stages events; either way
 * a block reaches the queue exactly once, and {@link #flush()} returns when every handed-over block is there.
 *
 * <p>Appends allocate nothing. Not thread safe: one writer per collector thread ({@link Journal#newWriter()}).
 */
public final class JournalWriter implements AutoCloseable {
    private static final long MISSING = -1;
    private static final int CLOCK_CHECK_MASK = 1023;

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
    private final int[] freeSlots;
    private int freeCount;
    private int openBlocks;
    private final int maxOpenBlocks;
    private long stagedEvents;
    private static final int KEY_DOWN = 4;
    private final KeystrokeMode keystrokes;
    private final LongHashSet consented;
    private long droppedWithoutConsent;
    private long droppedSecureInput;
    private long droppedKeystrokes;
    private long appendSequence;
    private long currentCycle;
    private boolean isClosed;

    JournalWriter(final Journal journal, final int writerId) {
        final JournalConfig config = journal.config();
        this.journal = journal;
        this.writerId = writerId;
        this.blockEvents = config.blockEvents();
        this.budgetEvents = config.memoryBudgetBytes() / StagingLayout.EVENT_BYTES;
        this.maxAgeMs = config.maxBlockAgeMs();
        this.clock = config.clock();
        this.rollPeriod = config.rollPeriod();
        this.maxOpenBlocks = config.maxOpenBlocks();
        final PrivacyPolicy policy = journal.policy();
        this.keystrokes = policy.keystrokes();
        this.consented = consentedIds(journal, policy);
        // Spare slots hold blocks on their way to the queue, so a device whose block was just handed over
        // can open a new one at once instead of forcing early seals.
        final int slots = maxOpenBlocks + Math.max(16, maxOpenBlocks / 4);
        this.staging = createStaging(journal, writerId, slots, blockEvents);
        this.sealer = new BlockSealer(journal, staging, blockEvents, config.isBackgroundSealing(), writerId);
        this.counts = new int[slots];
        this.lastUse = new long[slots];
        this.lruScratch = new long[slots];
        this.slotDevice = new long[slots];
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
        append(deviceId, timestampNs, 0, x, y, buttons, 0);
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
        append(deviceId, timestampNs, 1, x, y, button, 0);
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
        append(deviceId, timestampNs, 2, x, y, button, 0);
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
        append(deviceId, timestampNs, 3, x, y, dx, dy);
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
        append(deviceId, timestampNs, 4, 0, 0, key, modifiers);
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
        append(deviceId, timestampNs, 5, 0, 0, key, modifiers);
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
            throw new IllegalArgumentException("type must be one of " + java.util.Arrays.toString(EventType.values())
                + ", was null [device=" + Long.toHexString(deviceId) + ", timestampNs=" + timestampNs + "]");
        }
        append(deviceId, timestampNs, type.code(), x, y, a, b);
    }

    /**
     * Seals blocks older than the max age and, after a roll-cycle change, every open block. Call it from the
     * collector's duty cycle; appends also check the clock every 1024 events.
     *
     * @return blocks sealed.
     */
    public int poll() {
        checkOpen();
        final long now = clock.millis();
        final long cycle = rollPeriod.cycleOf(now);
        if (cycle != currentCycle) {
            currentCycle = cycle;
            return sealAll();
        }
        int sealed = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (counts[slot] > 0 && now - staging.openedAtMs(slot) >= maxAgeMs) {
                seal(slot);
                sealed++;
            }
        }
        return sealed;
    }

    /**
     * Seals every open block now.
     *
     * @return blocks sealed.
     */
    public int flush() {
        checkOpen();
        final int sealed = sealAll();
        sealer.awaitIdle();
        return sealed;
    }

    /**
     * @return devices with an open block.
     */
    public int openBlocks() {
        return openBlocks;
    }

    /**
     * @return events of devices outside the policy's consent list, dropped at ingest.
     */
    public long droppedWithoutConsent() {
        return droppedWithoutConsent;
    }

    /**
     * @return key events marked {@link PrivacyPolicy#SECURE_INPUT}, dropped at ingest.
     */
    public long droppedSecureInput() {
        return droppedSecureInput;
    }

    /**
     * @return key events dropped because the policy keeps no keystrokes.
     */
    public long droppedKeystrokes() {
        return droppedKeystrokes;
    }

    /**
     * @return events staged in open blocks.
     */
    public long stagedEvents() {
        return stagedEvents;
    }

    /**
     * @return staging bytes in use (events x {@value StagingLayout#EVENT_BYTES}).
     */
    public long stagedBytes() {
        return stagedEvents * StagingLayout.EVENT_BYTES;
    }

    /**
     * @return blocks this writer has handed over for sealing (all of them are in the queue after
     *         {@link #flush()}).
     */
    public long blocksSealed() {
        return sealer.submitted();
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
        if (isClosed) {
            return;
        }
        boolean isEverythingSealed = false;
        try {
            sealAll();
            sealer.awaitIdle();
            isEverythingSealed = true;
        } finally {
            isClosed = true;
            sealer.close();
            staging.close();
            if (isEverythingSealed) {
                // Every staged block is in the queue: the staging file holds nothing recovery would need, and
                // keeping it would hold its slots' disk space (~160 KB per device) until the next writer.
                deleteQuietly(staging.file().toPath());
            }
            journal.writerClosed(this);
        }
    }

    private void append(final long deviceId, final long timestampNs, final int type, final int x, final int y,
        final int a, final int b) {
        checkOpen();
        if (timestampNs < 0) {
            throw new IllegalArgumentException("timestampNs=" + timestampNs + " is before 1970, outside the supported"
                + " range 0.." + Long.MAX_VALUE + " [device=" + Long.toHexString(deviceId) + "]");
        }
        if ((++appendSequence & CLOCK_CHECK_MASK) == 0) {
            checkClock();
        }
        if (consented != null && !consented.contains(deviceId)) {
            droppedWithoutConsent++;
            return;
        }
        int first = a;
        if (type >= KEY_DOWN) {
            if ((b & PrivacyPolicy.SECURE_INPUT) != 0) {
                droppedSecureInput++;
                return;
            }
            if (keystrokes == KeystrokeMode.DROP) {
                droppedKeystrokes++;
                return;
            }
            first = keystrokes == KeystrokeMode.CLASS ? KeyClass.ofKeyCode(a).code() : a;
        }
        int slot = (int)slotByDevice.get(deviceId);
        if (slot < 0) {
            slot = openSlot(deviceId);
        }
        final int index = counts[slot];
        staging.append(slot, index, timestampNs, type, x, y, first, b);
        counts[slot] = index + 1;
        lastUse[slot] = appendSequence;
        stagedEvents++;
        if (index + 1 == blockEvents) {
            seal(slot);
        } else if (stagedEvents > budgetEvents) {
            sealLeastRecentlyUsed();
        }
    }

    private void checkClock() {
        final long cycle = rollPeriod.cycleOf(clock.millis());
        if (cycle != currentCycle) {
            currentCycle = cycle;
            sealAll();
        }
    }

    private int openSlot(final long deviceId) {
        takeBackFreedSlots();
        if (openBlocks >= maxOpenBlocks) {
            sealLeastRecentlyUsed();
        }
        if (freeCount == 0) {
            final IdleStrategy idle = BlockSealer.waitingStrategy();
            while (freeCount == 0) {
                sealer.wake();
                idle.idle();
                takeBackFreedSlots();
            }
        }
        final int slot = freeSlots[--freeCount];
        staging.open(slot, deviceId, clock.millis());
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
        return sealed;
    }

    /** Hands the slot to the sealer; it returns through {@link #takeBackFreedSlots()} once in the queue. */
    private void seal(final int slot) {
        stagedEvents -= counts[slot];
        counts[slot] = 0;
        slotByDevice.remove(slotDevice[slot]);
        openBlocks--;
        sealer.submit(slot);
    }

    private void takeBackFreedSlots() {
        int slot;
        while ((slot = sealer.pollFreed()) >= 0) {
            freeSlots[freeCount++] = slot;
        }
    }

    private void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("writer " + writerId + " of journal " + journal.directory() + " is closed");
        }
    }

    private static LongHashSet consentedIds(final Journal journal, final PrivacyPolicy policy) {
        if (policy.consentedDevices() == null) {
            return null;
        }
        final LongHashSet ids = new LongHashSet();
        for (final String key : policy.consentedDevices()) {
            ids.add(journal.devices().lookup(key));
        }
        return ids;
    }

    private static void deleteQuietly(final java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final java.io.IOException e) {
            // Harmless: recovery finds only empty slots in it, and the next writer replaces it.
        }
    }

    private static StagingArea createStaging(final Journal journal, final int writerId, final int slots,
        final int blockEvents) {
        final File file = journal.stagingDir().resolve("writer-" + writerId + ".stg").toFile();
        try {
            Files.createDirectories(journal.stagingDir());
            // Recovery sealed and emptied any file left here; a fresh file matches today's settings.
            Files.deleteIfExists(file.toPath());
        } catch (final java.io.IOException e) {
            throw new JournalException("cannot prepare staging file " + file + ": " + e.getMessage(), e);
        }
        return StagingArea.create(file, writerId, slots, blockEvents);
    }
}

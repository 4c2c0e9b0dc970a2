/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Erasures;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.recovery.SalvagedCycles;
import org.agrona.collections.LongArrayList;

import java.util.function.Consumer;

/**
 * Reads sealed blocks: by device set and time range through the index (each device's blocks in time
 * order), by time range across devices, or all of them in journal order. Before each read it catches the
 * index up with blocks sealed since, in this process or another, so new blocks appear without reopening.
 * Only whole, checksummed excerpts are ever handed out (Chronicle never exposes an incomplete one).
 * One reader per thread. To follow a live journal as blocks are sealed, and resume after a restart, use a
 * {@link JournalTailer}.
 * <p><b>Erasures.</b> Each operation starts by taking the journal's current erasures ({@link Journal#erasures()},
 * a stat of {@code erasures.spoor}), so an erasure recorded by any process before the operation starts is
 * honoured: blocks lying entirely inside an erased range are passed over (counted in
 * {@link #erasedBlocksSkipped()}), and a block partly inside one is handed over re-encoded without its erased
 * events (counted in {@link #eventsErased()}). The reads of a {@link BlockPlan} apply the erasures the plan was
 * made under.
 */
public final class JournalReader implements AutoCloseable {
    private static final int MAX_STEPS_INSTEAD_OF_SEEK = 256;

    private final Journal journal;
    private final QueueStore.Cursor cursor;
    private final BlockOpener opener;
    private final WalkDetour detour;
    private final LongArrayList selectedIndexes = new LongArrayList();
    private final LongArrayList selectedDevices = new LongArrayList();
    private long blocksRead;
    private long erasedBlocksSkipped;
    private long excerptsWithoutBlockSkipped;
    private long blocksReadPastDamage;

    JournalReader(final Journal journal, final QueueStore.Cursor cursor) {
        this.journal = journal;
        this.cursor = cursor;
        this.opener = new BlockOpener(journal);
        this.detour = new WalkDetour(journal);
    }

    /**
     * Blocks of the given devices that may hold events in [from, to): per device (ascending id) in order of
     * their first timestamp. Only those blocks are read from the journal.
     *
     * @param devices device ids in any order (repeats count once; the array is not changed), or null for every
     *                device.
     * @param fromNs  inclusive start, epoch ns.
     * @param toNs    exclusive end, epoch ns; {@code Long.MAX_VALUE}: no end, so events at {@code Long.MAX_VALUE}
     *                are read too ({@link TimeRange}).
     * @param handler receives each block.
     * @return blocks handed to the handler.
     */
    public int readBlocks(final long[] devices, final long fromNs, final long toNs, final BlockHandler handler) {
        synchronized (journal) {
            journal.checkOpen();
            journal.refreshIndex();
            takeErasures();
            select(index -> index.forDevices(devices, fromNs, toNs, position -> keep(index, position)));
        }
        return readSelected(handler);
    }

    /**
     * Chooses, from the index alone, the blocks of the given devices that may hold events in [from, to) and
     * of at least one of the given types: per device (ascending id) in order of first timestamp. Nothing is
     * read from the journal; {@link #read(BlockPlan, int, BlockHandler)} reads a planned block. Blocks lying
     * entirely inside an erased range are left out (see {@link BlockPlan#erasedBlocks()}).
     *
     * @param devices   device ids in any order (repeats count once; the array is not changed), or null for
     *                  every device.
     * @param fromNs    inclusive start, epoch ns.
     * @param toNs      exclusive end, epoch ns; {@code Long.MAX_VALUE}: no end, so events at
     *                  {@code Long.MAX_VALUE} are planned too ({@link TimeRange}).
     * @param typeMask  wanted types (bit = 1 &lt;&lt; type code); blocks holding none of them are left out.
     * @param plan      cleared, then filled.
     */
    public void plan(final long[] devices, final long fromNs, final long toNs, final int typeMask,
        final BlockPlan plan) {
        plan.clear();
        synchronized (journal) {
            journal.checkOpen();
            journal.refreshIndex();
            final Erasures erasures = takeErasures();
            plan.erasures(erasures);
            final BlockIndex index = journal.index();
            final long examinedBefore = index.entriesExamined();
            index.forDevices(devices, fromNs, toNs, position -> {
                if ((index.typeMask(position) & typeMask) == 0) {
                    return true;
                }
                final long device = index.deviceId(position);
                if (!erasures.isEmpty() && erasures.covers(device, index.minTimestampNs(position),
                    index.maxTimestampNs(position))) {
                    plan.addErased(device);
                } else {
                    if (!erasures.isEmpty() && erasures.overlaps(device, index.minTimestampNs(position),
                        index.maxTimestampNs(position))) {
                        plan.addPartlyErased();
                    }
                    plan.add(index.queueIndex(position), index.cycle(position), index.deviceId(position),
                        index.minTimestampNs(position), index.maxTimestampNs(position), index.eventCount(position),
                        index.typeMask(position));
                }
                return true;
            });
            plan.entriesExamined(index.entriesExamined() - examinedBefore);
        }
    }

    /**
     * Reads block {@code i} of a plan under the erasures the plan was made with. A block a little after the
     * last one read (up to 256 excerpts) is reached by stepping forward without copying what lies between; any
     * other takes a seek. Reading a plan in journal order therefore never seeks.
     *
     * @param plan    a plan of this journal.
     * @param i       0 to plan.size() - 1.
     * @param handler receives the block, without its erased events; not called when none is left.
     * @return what the handler returned (true when it was not called).
     * @throws JournalException when the journal has no such excerpt.
     */
    public boolean read(final BlockPlan plan, final int i, final BlockHandler handler) {
        journal.checkOpen();
        opener.erasures(plan.erasures());
        return readAt(plan.queueIndex(i), plan.deviceId(i), handler);
    }

    /**
     * Reads one block by its queue index (from a {@link BlockPlan} or a handler), under the erasures in force
     * now; as {@link #read(BlockPlan, int, BlockHandler)} otherwise.
     *
     * @param queueIndex the block's queue index.
     * @param handler    receives it, without its erased events; not called when none is left.
     * @return what the handler returned (true when it was not called).
     * @throws JournalException when the journal has no such excerpt.
     */
    public boolean read(final long queueIndex, final BlockHandler handler) {
        journal.checkOpen();
        takeErasures();
        return readAt(queueIndex, 0, handler);
    }

    /**
     * The excerpt at {@code queueIndex} as Chronicle finds it; where Chronicle cannot (a damaged excerpt header
     * took its walk off the excerpts: no excerpt there, bytes that are no block, another device's block; or the
     * header was shortened and frames part of its block), as the salvage of its cycle file finds it.
     *
     * @param expectedDevice the device the index knows the block by, 0 when not known.
     */
    private boolean readAt(final long queueIndex, final long expectedDevice, final BlockHandler handler) {
        blocksRead++;
        final SalvagedCycles salvage = journal.salvagedCycles();
        final boolean isBroken = salvage.isBroken(journal.queue().cycleOf(queueIndex));
        if (!isBroken && (cursor.advanceTo(queueIndex, MAX_STEPS_INSTEAD_OF_SEEK) || cursor.seekAndRead(queueIndex))
            && SealedExcerpt.wholeLength(cursor.bytes(), cursor.length()) <= cursor.length()) { // not cut short
            final int length = opener.open(cursor.bytes(), cursor.length());
            if (length != BlockOpener.NO_BLOCK && (expectedDevice == 0 || length == BlockOpener.ERASED
                || opener.deviceId(length) == expectedDevice)) {
                return deliver(queueIndex, length, handler);
            }
        }
        final byte[] excerpt = salvage.excerpt(queueIndex);
        if (excerpt == null) {
            final String breaks = salvage.breaks(journal.queue().cycleOf(queueIndex));
            throw new JournalException("queue index " + Long.toHexString(queueIndex) + " holds no block"
                + (breaks.isEmpty() ? "" : ", and a scan of its cycle file past its damaged framing found none there ("
                + breaks + "); run spoor verify and spoor repair"));
        }
        blocksReadPastDamage++;
        return deliver(queueIndex, opener.open(excerpt, excerpt.length), handler);
    }

    /**
     * Blocks of every device that may hold events in [from, to), in journal order, skipping regions of the
     * journal outside the range with the sparse time index.
     *
     * @param fromNs  inclusive start, epoch ns.
     * @param toNs    exclusive end, epoch ns; {@code Long.MAX_VALUE}: no end, so events at {@code Long.MAX_VALUE}
     *                are read too ({@link TimeRange}).
     * @param handler receives each block.
     * @return blocks handed to the handler.
     */
    public int readRange(final long fromNs, final long toNs, final BlockHandler handler) {
        synchronized (journal) {
            journal.checkOpen();
            journal.refreshIndex();
            takeErasures();
            select(index -> index.forRange(fromNs, toNs, position -> keep(index, position)));
        }
        return readSelected(handler);
    }

    /**
     * Every block in journal order.
     *
     * @param handler receives each block.
     * @return blocks handed to the handler.
     */
    public int readAll(final BlockHandler handler) {
        journal.checkOpen();
        takeErasures();
        int read = 0;
        cursor.after(-1);
        detour.reset(-1);
        while (true) {
            final long salvaged = detour.nextSalvaged(cursor);
            final long index;
            final int length;
            if (salvaged >= 0) {
                final byte[] excerpt = detour.excerpt(salvaged);
                index = salvaged;
                length = opener.open(excerpt, excerpt.length);
                blocksReadPastDamage++;
            } else if (detour.mayWalk() && cursor.next()) {
                index = cursor.index();
                if (!detour.accept(index, cursor.bytes(), cursor.length())) {
                    continue; // bytes a damaged header made Chronicle take for excerpts: the salvage reads the cycle
                }
                length = opener.open(cursor.bytes(), cursor.length());
            } else if (detour.walkEnded(cursor)) {
                continue;
            } else {
                return read;
            }
            read++;
            blocksRead++;
            if (!deliver(index, length, handler)) {
                return read;
            }
        }
    }

    /**
     * @return blocks read where Chronicle could not find them, from the salvage of a cycle file whose framing a
     *         damaged excerpt header broke ({@link SalvagedCycles}); {@link Journal#verify()} names the damage and
     *         {@code spoor repair} rewrites the file.
     */
    public long blocksReadPastDamage() {
        return blocksReadPastDamage;
    }

    /**
     * @return excerpts passed over because they hold no block (zero-length or torn, as a full disk could leave one
     *         under older versions); {@link Journal#verify()} names each.
     */
    public long excerptsWithoutBlockSkipped() {
        return excerptsWithoutBlockSkipped;
    }

    /**
     * @return blocks passed over as erased (inside an erased range, or their keys are gone), not handed to any
     *         handler.
     */
    public long erasedBlocksSkipped() {
        return erasedBlocksSkipped;
    }

    /**
     * @return events dropped from blocks partly inside an erased range before they were handed over.
     */
    public long eventsErased() {
        return opener.eventsErased();
    }

    /**
     * Lets another thread use this reader from now on; the thread that used it before must be done with it
     * (a pool of readers hands them over this way instead of opening a reader per query).
     */
    public void handOver() {
        cursor.handOver();
    }

    /**
     * @return blocks read from the journal by this reader so far.
     */
    public long blocksRead() {
        return blocksRead;
    }

    @Override
    public void close() {
        cursor.close();
    }

    private void select(final Consumer<BlockIndex> query) {
        selectedIndexes.clear();
        selectedDevices.clear();
        query.accept(journal.index());
    }

    private Erasures takeErasures() {
        final Erasures erasures = journal.erasures();
        opener.erasures(erasures);
        return erasures;
    }

    private boolean keep(final BlockIndex index, final int position) {
        final Erasures erasures = opener.erasures();
        if (!erasures.isEmpty() && erasures.covers(index.deviceId(position), index.minTimestampNs(position),
            index.maxTimestampNs(position))) {
            erasedBlocksSkipped++;
            return true;
        }
        selectedIndexes.addLong(index.queueIndex(position));
        selectedDevices.addLong(index.deviceId(position));
        return true;
    }

    private int readSelected(final BlockHandler handler) {
        int read = 0;
        for (int i = 0; i < selectedIndexes.size(); i++) {
            read++;
            if (!readAt(selectedIndexes.getLong(i), selectedDevices.getLong(i), handler)) {
                break;
            }
        }
        return read;
    }

    private boolean deliver(final long queueIndex, final int length, final BlockHandler handler) {
        if (length == BlockOpener.ERASED) {
            erasedBlocksSkipped++;
            return true;
        }
        if (length == BlockOpener.NO_BLOCK) {
            excerptsWithoutBlockSkipped++;
            return true;
        }
        return handler.onBlock(queueIndex, opener.deviceId(length), opener.view(), 0, length);
    }
}

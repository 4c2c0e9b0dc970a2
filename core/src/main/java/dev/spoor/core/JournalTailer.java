/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.QueueStore;

/**
 * Follows a journal by position: each {@link #poll} hands over the blocks sealed after the last one it handed
 * over, in journal order, as they are sealed (by a writer in this process or another), like a Chronicle tailer
 * or a Kafka consumer. A trainer consumes new telemetry this way and resumes after a restart, without gaps or
 * repeats, from a position it stored:
 * <pre>
 *   try (JournalTailer tailer = journal.newTailer(loadPosition())) {
 *       while (running) {
 *           if (tailer.poll(handler, 64) == 0) { idle.idle(); }
 *           // after recording what handler was given, durably:
 *           storePosition(tailer.position());
 *       }
 *   }
 * </pre>
 *
 * <h2>Positions</h2>
 * A position is an opaque long that names one block of this journal and only increases along it, across roll
 * cycles; it is the value {@link BlockHandler#onBlock} receives as {@code queueIndex} (the Chronicle queue
 * index, the same a {@link JournalReader} hands out). {@link #START} is the position before the first block.
 * A position stays valid until retention deletes its roll cycle; a tailer created from, or standing on, a
 * position in a deleted cycle resumes at the first block kept and counts it in {@link #retentionSkips()}: the
 * blocks between, if any, were deleted unread. Compaction keeps every position: an erased block it removes
 * leaves a tombstone in its place (docs/format.md, Compaction), which a tailer passes over as erased.
 *
 * <h2>What is handed over</h2>
 * Sealed blocks only, each whole and as a {@link JournalReader} hands it: blocks of encrypted journals are
 * decrypted. Erasures ({@link Journal#erasures()}, taken afresh at the start of every poll, so an erasure recorded
 * by any process before a poll starts is honoured by it): a block lying entirely inside an erased range, or whose
 * device's keys were destroyed, is passed over and counted in {@link #erasedBlocksSkipped()}; a block partly
 * inside an erased range is decoded, its erased events dropped, and the rest handed over as a block re-encoded
 * into a scratch buffer (same device, policy version and position; events in stored order; counted in
 * {@link #eventsErased()}). A block that fails authentication (damaged or altered), or is damaged and partly
 * erased, is counted in {@link #undecryptableBlocksSkipped()}; the position moves past all of these. Other
 * plain blocks are handed over as stored: decoding checks their checksum. Events still staged
 * in a writer are not blocks yet: see {@link JournalWriter} for when they are sealed.
 *
 * <p>A journal with damaged cycle files ({@link Journal#damage()}) gives no tailer until it is repaired: the blocks
 * those files lost would be passed over unseen. A damaged excerpt header inside a cycle file (found by
 * {@link Journal#verify()}, not at open) takes Chronicle's walk off the excerpts: where the walk ends before what
 * the cycle summary knows, or meets bytes that hold no block, the tailer reads on from a salvage of the file
 * ({@code SalvagedCycles}), each block at its own position, and then walks on from the next cycle.
 *
 * <p>Polling allocates nothing once the tailer has seen its largest block. One tailer per thread; close it
 * before its journal.
 */
public final class JournalTailer implements AutoCloseable {
    /** The position before the first block of a journal. */
    public static final long START = -1;

    private final Journal journal;
    private final QueueStore.Cursor cursor;
    private final BlockOpener opener;
    private long position;
    private int retentionGeneration;
    /** The cursor is not right after {@link #position}: a handler threw, or retention moved the journal's start. */
    private boolean isSeekNeeded;
    private long blocksDelivered;
    private long erasedBlocksSkipped;
    private long undecryptableBlocksSkipped;
    private long retentionSkips;
    private boolean isClosed;
    /** Keeps the walk going past a damaged excerpt header. */
    private final WalkDetour detour;

    JournalTailer(final Journal journal, final QueueStore.Cursor cursor, final long afterPosition) {
        this.journal = journal;
        this.cursor = cursor;
        this.opener = new BlockOpener(journal);
        this.detour = new WalkDetour(journal);
        this.position = afterPosition < 0 ? START : afterPosition;
        try {
            this.retentionGeneration = journal.retentionGeneration();
            seek();
        } catch (final RuntimeException e) {
            cursor.close();
            throw e;
        }
    }

    /**
     * Hands over the blocks sealed after {@link #position()}, oldest first, up to {@code limit} of them. The
     * position moves past each block when the handler returns; if the handler throws, the block is handed over
     * again by the next poll. A handler returning false ends this poll after its block.
     *
     * @param handler receives each block, with its position as {@code queueIndex}; the buffer is valid only
     *                during the call.
     * @param limit   most blocks to hand over, at least 1.
     * @return blocks handed over: 0 when nothing new was sealed (erased and undecryptable blocks passed over
     *         do not count).
     * @throws IllegalArgumentException when limit is below 1.
     */
    public int poll(final BlockHandler handler, final int limit) {
        checkOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit=" + limit + " must be at least 1 [position=" + position + "]");
        }
        final int generation = journal.retentionGeneration();
        if (generation != retentionGeneration) {
            retentionGeneration = generation;
            isSeekNeeded = true;
        }
        if (isSeekNeeded) {
            seek();
        }
        opener.erasures(journal.erasures());
        int delivered = 0;
        while (delivered < limit) {
            final long salvaged = detour.nextSalvaged(cursor);
            final long index;
            final byte[] excerpt;
            final int excerptLength;
            if (salvaged >= 0) {
                index = salvaged;
                excerpt = detour.excerpt(salvaged);
                excerptLength = excerpt.length;
            } else if (detour.mayWalk() && cursor.next()) {
                index = cursor.index();
                if (!detour.accept(index, cursor.bytes(), cursor.length())) {
                    continue; // bytes a damaged header made Chronicle take for excerpts: the salvage reads the cycle
                }
                excerpt = cursor.bytes();
                excerptLength = cursor.length();
            } else if (detour.walkEnded(cursor)) {
                continue;
            } else {
                break;
            }
            final int length;
            try {
                length = opener.open(excerpt, excerptLength);
            } catch (final JournalException damaged) {
                position = index;
                undecryptableBlocksSkipped++;
                continue;
            }
            if (length == BlockOpener.ERASED) {
                position = index;
                erasedBlocksSkipped++;
                continue;
            }
            if (length == BlockOpener.NO_BLOCK) {
                position = index; // a zero-length or torn excerpt: nothing to hand on; verify names it
                undecryptableBlocksSkipped++;
                continue;
            }
            isSeekNeeded = true;
            final boolean isMore = handler.onBlock(index, opener.deviceId(length), opener.view(), 0, length);
            isSeekNeeded = false;
            position = index;
            delivered++;
            blocksDelivered++;
            if (!isMore) {
                break;
            }
        }
        return delivered;
    }

    /**
     * @return the position of the last block handed over or passed over, {@link #START} before any, or the
     *         position the tailer was created after: store it, after recording the blocks handed over, to resume
     *         with {@link Journal#newTailer(long)}.
     */
    public long position() {
        return position;
    }

    /**
     * @return blocks handed to handlers by this tailer.
     */
    public long blocksDelivered() {
        return blocksDelivered;
    }

    /**
     * @return blocks passed over as erased (entirely inside an erased range, or their device's keys are gone).
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
     * @return encrypted blocks passed over because they failed authentication (damaged or altered), and excerpts
     *         that hold no block (zero-length or torn, as a full disk could leave one under older versions).
     */
    public long undecryptableBlocksSkipped() {
        return undecryptableBlocksSkipped;
    }

    /**
     * @return times the tailer's position lay in a roll cycle retention had deleted, so it resumed at the first
     *         block kept; blocks between, if there were any, were deleted before this tailer read them.
     */
    public long retentionSkips() {
        return retentionSkips;
    }

    @Override
    public void close() {
        if (!isClosed) {
            isClosed = true;
            cursor.close();
        }
    }

    /**
     * Places the cursor right after {@link #position}, or at the first block kept when retention deleted the
     * position's cycle (or, for {@link #START}, may have deleted the cycle the cursor stood in).
     */
    private void seek() {
        if (position == START) {
            cursor.after(-1);
            detour.reset(-1);
        } else if (isDeleted(position)) {
            retentionSkips++;
            cursor.after(-1);
            detour.reset(-1);
        } else if (cursor.seekAfter(position)) {
            if (detour.isDamagedHeader(cursor, position)) {
                detour.resetIntoSalvage(position); // Chronicle must not walk on from a damaged header
            } else {
                detour.reset(position);
            }
        } else if (journal.salvagedCycles().excerpt(position) != null) {
            detour.resetIntoSalvage(position); // a block Chronicle cannot reach, past a damaged header
        } else {
            throw new IllegalArgumentException("position 0x" + Long.toHexString(position) + " is not a block of"
                + " journal " + journal.directory() + " [cycle=" + journal.cycleOf(position) + ", firstKeptCycle="
                + journal.firstKeptCycle() + ", lastPosition=0x" + Long.toHexString(journal.queue().lastIndex())
                + "]: from another journal?");
        }
        isSeekNeeded = false;
    }

    /** Retention deleted the position's cycle (its record says so, or its files are gone already). */
    private boolean isDeleted(final long at) {
        if (journal.cycleOf(at) < journal.firstKeptCycle()) {
            return true;
        }
        return at < journal.firstQueueIndex();
    }

    private void checkOpen() {
        if (isClosed) {
            throw new IllegalStateException("tailer of journal " + journal.directory() + " is closed [position="
                + position + "]");
        }
        journal.checkOpen();
    }
}

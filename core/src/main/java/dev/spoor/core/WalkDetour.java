/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.recovery.SalvagedCycles;
import org.agrona.collections.LongArrayList;

import java.nio.file.Path;
import java.util.NavigableMap;

/**
 * Keeps a walk of the queue by Chronicle (a full read, a tailer, the index catching up) going past a damaged
 * excerpt header. Such a header takes Chronicle's walk off the excerpts of its cycle file: it reads bytes that are
 * no excerpt (they hold no block), ends as if at the end of the data, or (rarely) reaches the cycle's end marker
 * through them and goes on with the next cycle. Each is seen here: an excerpt without a block in a cycle whose
 * salvage finds its framing broken; a walk that ends before the newest excerpt the cycle summary knows; a walk that
 * leaves a cycle before the last excerpt the summary knows of it. The rest of that cycle then comes from the
 * salvage of its file ({@link SalvagedCycles}), each block at its own queue index, and what Chronicle's walk reads
 * in it is passed over; then the walk goes on from the next cycle's first excerpt. On a sound journal it costs a
 * compare per excerpt and a volatile read where the walk ends, and allocates nothing. One per walk; not thread
 * safe.
 * <p>The owner's loop: deliver {@link #nextSalvaged} while it answers one; else, when {@link #mayWalk}, read the
 * next excerpt from the cursor and deliver it when {@link #accept} says so; else, or where the walk ended, go on
 * while {@link #walkEnded} says so. Once a cycle is found damaged, Chronicle walks none of it past the damage.
 */
final class WalkDetour {
    private final Journal journal;
    private final SalvagedCycles salvage;
    private final LongArrayList pending = new LongArrayList();
    private int nextPending;
    /** The cycle read from its salvage: Chronicle's excerpts of it are passed over. */
    private int detourCycle = Journal.NO_CYCLE;
    /** The cycle of the last excerpt the walk read or the salvage gave. */
    private int cycle = Journal.NO_CYCLE;
    /** The last excerpt read in {@link #cycle}, -1 for none. */
    private long last = -1;
    /** The last of them that held a block (or a tombstone): where the salvage goes on from. */
    private long lastBlock = -1;
    /** Where the cursor goes once the salvage is delivered (the excerpt of the next cycle it had read), or -1. */
    private long resumeAt = -1;

    WalkDetour(final Journal journal) {
        this.journal = journal;
        this.salvage = journal.salvagedCycles();
    }

    /**
     * Starts over after the cursor was placed right after {@code position}.
     *
     * @param position the excerpt the cursor was placed after, -1 for the start.
     */
    void reset(final long position) {
        pending.clear();
        nextPending = 0;
        detourCycle = Journal.NO_CYCLE;
        cycle = position < 0 ? Journal.NO_CYCLE : journal.cycleOf(position);
        last = position;
        lastBlock = position;
        resumeAt = -1;
    }

    /**
     * Starts over at a position Chronicle cannot place the cursor after (a block past a damaged header): the rest of
     * its cycle from the salvage.
     *
     * @param position a block's queue index that the salvage of its cycle file holds.
     */
    void resetIntoSalvage(final long position) {
        reset(position);
        detourCycle = cycle;
        queue(cycle, position);
    }

    /**
     * @param cursor   a cursor that has just read the excerpt at {@code position}.
     * @param position its queue index.
     * @return true when that excerpt frames a block wrongly in a cycle whose framing breaks: a damaged header, after
     *         which Chronicle must not walk (start over with {@link #resetIntoSalvage}).
     */
    boolean isDamagedHeader(final QueueStore.Cursor cursor, final long position) {
        return SealedExcerpt.wholeLength(cursor.bytes(), cursor.length()) != cursor.length()
            && salvage.isFramingBroken(journal.cycleOf(position));
    }

    /**
     * @param cursor the walk's cursor, placed where the walk resumes once the salvaged blocks are delivered.
     * @return the next block to deliver from a salvage, its queue index; -1 when none is waiting.
     */
    long nextSalvaged(final QueueStore.Cursor cursor) {
        if (nextPending < pending.size()) {
            final long index = pending.getLong(nextPending++);
            last = index;
            lastBlock = index;
            return index;
        }
        if (resumeAt >= 0) {
            final long at = resumeAt;
            resumeAt = -1;
            cycle = journal.cycleOf(at);
            last = -1;
            lastBlock = -1;
            if (cursor.seekTo(at)) {
                detourCycle = Journal.NO_CYCLE;
            } else {
                // Chronicle cannot find it now: that cycle from its salvage too.
                detourCycle = cycle;
                queue(cycle, -1);
                return nextSalvaged(cursor);
            }
        }
        return -1;
    }

    /**
     * @return true when Chronicle's walk may go on: false while a cycle is read from its salvage, whose bytes past
     *         the damage Chronicle must not walk (a length read from inside a block can send it past the end of
     *         the file, where the read faults); the owner calls {@link #walkEnded} instead.
     */
    boolean mayWalk() {
        return detourCycle == Journal.NO_CYCLE;
    }

    /**
     * Chronicle's walk read an excerpt.
     *
     * @return true to deliver it (a block, a tombstone, or a torn excerpt in sound framing that the owner passes
     *         over and counts); false to pass it over unseen (its cycle is read from the salvage, which
     *         {@link #nextSalvaged} delivers next).
     */
    boolean accept(final long index, final byte[] bytes, final int length) {
        final int c = journal.cycleOf(index);
        if (c != cycle) {
            if (cycle != Journal.NO_CYCLE && journal.knowsMoreOf(cycle, last)) {
                // The walk left a cycle before its last excerpt: the rest of it first, then this excerpt again.
                detourCycle = cycle;
                queue(cycle, lastBlock);
                resumeAt = index;
                return false;
            }
            cycle = c;
            lastBlock = -1;
        }
        last = index;
        if (SealedExcerpt.wholeLength(bytes, length) == length) {
            lastBlock = index;
            return true;
        }
        // No block, or a block its header frames too many or too few bytes of: a damaged excerpt header, whose
        // walk may go on misaligned (even onto later excerpts under wrong numbers), or a torn excerpt.
        if (salvage.isFramingBroken(c)) {
            detourCycle = c;
            queue(c, lastBlock);
            return false;
        }
        return true;
    }

    /**
     * Chronicle's walk found nothing more.
     *
     * @param cursor the walk's cursor, moved to the next cycle's start when the walk goes on there.
     * @return true when the walk goes on: salvaged blocks wait in {@link #nextSalvaged}, or the cursor stands at
     *         the start of a later cycle; false at the end of what is sealed.
     */
    boolean walkEnded(final QueueStore.Cursor cursor) {
        if (cycle == Journal.NO_CYCLE) {
            if (!journal.isWalkCut(-1)) {
                return false;
            }
            final NavigableMap<Integer, Path> files = journal.queue().cycleFiles();
            if (files.isEmpty()) {
                return false;
            }
            cycle = files.firstKey();
        }
        if (cycle != detourCycle) {
            if (!journal.isWalkCut(last)) {
                return false;
            }
            detourCycle = cycle;
            queue(cycle, lastBlock);
            return true;
        }
        final int next = journal.cycleAfter(cycle);
        if (next == Journal.NO_CYCLE) {
            queue(cycle, lastBlock); // blocks sealed into the file since, if any
            return nextPending < pending.size();
        }
        cycle = next;
        last = -1;
        lastBlock = -1;
        if (cursor.seekTo(journal.firstIndexOf(next))) {
            detourCycle = Journal.NO_CYCLE;
            return true;
        }
        detourCycle = next;
        queue(next, -1);
        return true;
    }

    /**
     * @param index a queue index {@link #nextSalvaged} answered.
     * @return the excerpt's bytes, exactly its length.
     */
    byte[] excerpt(final long index) {
        return salvage.excerpt(index);
    }

    /** Queues the blocks the salvage of {@code c} holds after {@code after} (-1: all). */
    private void queue(final int c, final long after) {
        pending.clear();
        nextPending = 0;
        for (final long index : salvage.placedAfter(c, after)) {
            pending.addLong(index);
        }
    }
}

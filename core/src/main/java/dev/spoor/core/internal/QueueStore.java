/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.EpochClock;

import java.io.File;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The only class that touches Chronicle Queue: one excerpt per sealed block, laid out as
 * {@link SealedExcerpt} draws it.
 * Appenders and tailers are single-threaded: each {@link Appender} and {@link Cursor} belongs to one thread.
 */
public final class QueueStore implements AutoCloseable {
    /**
     * Every excerpt indexed: a scan seeks to planned blocks, and with Chronicle's default spacing of 16 each
     * seek scanned on average 8 excerpts (13% of a one-device query). Costs 8 bytes per ~9 KB block.
     */
    private static final int INDEX_SPACING = 1;
    /** Chronicle's file block size: small, so a closed journal does not hold large preallocated chunks. */
    private static final long CHRONICLE_BLOCK_SIZE = 1L << 20;
    /** How long an appender waits on a lock left by a killed writer before recovering it. */
    private static final long LOCK_TIMEOUT_MS = 500;

    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;

    private QueueStore(final SingleChronicleQueue queue, final RollCycle rollCycle) {
        this.queue = queue;
        this.rollCycle = rollCycle;
    }

    /**
     * @param dir        the queue directory.
     * @param rollPeriod roll cycle.
     * @param clock      time source for roll cycles.
     * @param isReadOnly open without writing.
     * @return the store.
     */
    public static QueueStore open(final Path dir, final RollPeriod rollPeriod, final EpochClock clock,
        final boolean isReadOnly) {
        final RollCycle cycle = rollCycleOf(rollPeriod);
        try {
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir)
                .rollCycle(cycle)
                .blockSize(CHRONICLE_BLOCK_SIZE)
                .indexSpacing(INDEX_SPACING)
                .timeoutMS(LOCK_TIMEOUT_MS)
                .timeProvider(clock::time)
                .readOnly(isReadOnly)
                .build();
            return new QueueStore(queue, cycle);
        } catch (final RuntimeException e) {
            throw new JournalException("cannot open the queue in " + dir + ": " + e, e);
        }
    }

    /**
     * @param queueIndex an excerpt's index.
     * @return its roll cycle.
     */
    public int cycleOf(final long queueIndex) {
        return rollCycle.toCycle(queueIndex);
    }

    private static RollCycle rollCycleOf(final RollPeriod rollPeriod) {
        return rollPeriod == RollPeriod.DAILY ? RollCycles.FAST_DAILY : RollCycles.FAST_HOURLY;
    }

    /**
     * @return the queue's cycle files by cycle (files whose names are not cycle names are left out).
     */
    public NavigableMap<Integer, Path> cycleFiles() {
        return cycleFiles(queue.file(), rollCycle);
    }

    /**
     * The cycle files of a queue directory, without opening the queue.
     *
     * @param dir        the queue directory.
     * @param rollPeriod its roll period.
     * @return its cycle files by cycle.
     */
    public static NavigableMap<Integer, Path> cycleFiles(final Path dir, final RollPeriod rollPeriod) {
        return cycleFiles(dir.toFile(), rollCycleOf(rollPeriod));
    }

    /**
     * @param rollPeriod a roll period.
     * @param cycle      a roll cycle.
     * @param sequence   an excerpt's number in the cycle.
     * @return its queue index.
     */
    public static long indexOf(final RollPeriod rollPeriod, final int cycle, final long sequence) {
        return rollCycleOf(rollPeriod).toIndex(cycle, sequence);
    }

    private static NavigableMap<Integer, Path> cycleFiles(final File dir, final RollCycle rollCycle) {
        final DateTimeFormatter name = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        final NavigableMap<Integer, Path> files = new TreeMap<>();
        final File[] listed = dir.listFiles((d, n) -> n.endsWith(".cq4"));
        for (final File file : listed == null ? new File[0] : listed) {
            final String base = file.getName().substring(0, file.getName().length() - 4);
            try {
                final long ms = Instant.from(name.parse(base)).toEpochMilli();
                files.put((int)(ms / rollCycle.lengthInMillis()), file.toPath());
            } catch (final DateTimeException notACycle) {
                // another file in the folder: not ours to touch
            }
        }
        return files;
    }

    /**
     * @param cycle a roll cycle.
     * @return the queue index of the cycle's first possible excerpt.
     */
    public long firstIndexOf(final int cycle) {
        return rollCycle.toIndex(cycle, 0);
    }

    /** Makes Chronicle look at the directory again after cycle files were deleted. */
    public void refreshListing() {
        queue.refreshDirectoryListing();
    }

    /**
     * @return the index of the first excerpt the queue's files can hold (its first cycle's first index), or
     *         Long.MAX_VALUE when it has no cycle file; up to date with the directory after
     *         {@link #refreshListing()}.
     */
    public long firstIndex() {
        return queue.firstIndex();
    }

    /**
     * @return the index of the last excerpt, or -1 when empty.
     */
    public long lastIndex() {
        final long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    /**
     * @return a new appender for the calling thread.
     */
    public Appender appender() {
        return appender(false);
    }

    /**
     * @param isHandedOver false for an appender one thread uses; true when threads take turns with it, each
     *                     call ordered after the last by a lock of the caller's (Chronicle's own check that a
     *                     single thread uses it is then turned off).
     * @return a new appender.
     */
    public Appender appender(final boolean isHandedOver) {
        final ExcerptAppender appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(isHandedOver);
        return new Appender(appender);
    }

    /**
     * @return a new cursor over the excerpts, for the calling thread.
     */
    public Cursor cursor() {
        final ExcerptTailer tailer = queue.createTailer();
        // Callers serialise access (the journal's index cursor is shared under its lock).
        tailer.singleThreadedCheckDisabled(true);
        return new Cursor(tailer);
    }

    /**
     * @return the queue's directory.
     */
    public File directory() {
        return queue.file();
    }

    /**
     * Closes the queue and waits for Chronicle to release its files: Chronicle unmaps and closes them on a
     * background thread, and a journal that was closed (or failed to open) should hold no file of its
     * directory once close returns.
     */
    @Override
    public void close() {
        queue.close();
        BackgroundResourceReleaser.releasePendingResources();
    }

    /** Appends excerpts. */
    public static final class Appender implements AutoCloseable {
        private final ExcerptAppender appender;
        private long endPosition;

        Appender(final ExcerptAppender appender) {
            this.appender = appender;
        }

        /**
         * Appends one excerpt.
         *
         * @param sealId the block's seal id.
         * @param block  the block bytes.
         * @param length their length.
         * @return the excerpt's queue index.
         */
        public long append(final long sealId, final byte[] block, final int length) {
            try (DocumentContext context = appender.writingDocument()) {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeLong(sealId);
                bytes.write(block, 0, length);
                endPosition = bytes.writePosition();
            }
            return appender.lastIndexAppended();
        }

        /**
         * @return the byte position, in its cycle file, just after the excerpt {@link #append} wrote last.
         */
        public long endPosition() {
            return endPosition;
        }

        @Override
        public void close() {
            appender.close();
        }
    }

    /** Reads excerpts forwards or backwards; copies each into a reusable array. */
    public static final class Cursor implements AutoCloseable {
        private final ExcerptTailer tailer;
        private byte[] excerpt = new byte[64 * 1024];
        private int length;
        private long index = -1;
        private long endPosition;

        Cursor(final ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /**
         * Positions the cursor so the next {@link #next()} reads the excerpt after {@code queueIndex}.
         *
         * @param queueIndex an existing excerpt's index, or -1 for the start.
         * @return this.
         */
        public Cursor after(final long queueIndex) {
            tailer.direction(TailerDirection.FORWARD);
            if (queueIndex < 0) {
                tailer.toStart();
            } else if (tailer.moveToIndex(queueIndex)) {
                next();
            } else {
                throw new JournalException("queue index " + Long.toHexString(queueIndex) + " is not in the queue");
            }
            return this;
        }

        /**
         * Like {@link #after(long)} for an existing excerpt, without throwing when it is missing.
         *
         * @param queueIndex an excerpt's index.
         * @return false, the cursor's place undefined, when the queue holds no excerpt at {@code queueIndex}.
         */
        public boolean seekAfter(final long queueIndex) {
            tailer.direction(TailerDirection.FORWARD);
            if (!tailer.moveToIndex(queueIndex)) {
                return false;
            }
            next();
            return true;
        }

        /**
         * Reads the excerpt at {@code queueIndex}.
         *
         * @param queueIndex an existing excerpt's index.
         * @return this.
         * @throws JournalException when there is no such excerpt.
         */
        public Cursor at(final long queueIndex) {
            tailer.direction(TailerDirection.FORWARD);
            if (!tailer.moveToIndex(queueIndex) || !next()) {
                throw new JournalException("queue index " + Long.toHexString(queueIndex) + " is not in the queue");
            }
            return this;
        }

        /**
         * Lets another thread use this cursor from now on (the previous one must be done with it).
         */
        public void handOver() {
            tailer.singleThreadedCheckReset();
        }

        /**
         * Reads the excerpt at {@code queueIndex} by stepping forward over at most {@code maxSteps} excerpts
         * without copying them: far cheaper than a seek when the target is a little ahead (a seek looks the
         * index up and scans, and random positions make Chronicle map and unmap file chunks).
         *
         * @param queueIndex an excerpt after the current one.
         * @param maxSteps   excerpts to step over at most.
         * @return true when the excerpt is now read; false when it is further than {@code maxSteps} ahead
         *     (the cursor has not moved) or was not found (the cursor may have moved): seek with {@link #at(long)}.
         */
        public boolean advanceTo(final long queueIndex, final int maxSteps) {
            // Same cycle: indexes are consecutive, so the distance is known before stepping (another cycle
            // gives a distance far above any limit).
            if (index < 0 || queueIndex <= index || queueIndex - index > maxSteps) {
                return false;
            }
            tailer.direction(TailerDirection.FORWARD);
            for (int step = 0; step < maxSteps; step++) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        return false;
                    }
                    index = context.index();
                    if (index == queueIndex) {
                        copy(context);
                        return true;
                    }
                    if (index > queueIndex) {
                        return false;
                    }
                }
            }
            return false;
        }

        /**
         * Positions the cursor at the last excerpt, reading backwards.
         *
         * @return this.
         */
        public Cursor fromEndBackwards() {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            return this;
        }

        /**
         * Reads the next excerpt into {@link #bytes()}.
         *
         * @return false at the end.
         */
        public boolean next() {
            try (DocumentContext context = tailer.readingDocument()) {
                if (!context.isPresent()) {
                    return false;
                }
                copy(context);
                index = context.index();
                return true;
            }
        }

        private void copy(final DocumentContext context) {
            final Bytes<?> bytes = context.wire().bytes();
            final int available = (int)bytes.readRemaining();
            if (available > excerpt.length) {
                excerpt = new byte[Math.max(available, excerpt.length * 2)];
            }
            endPosition = bytes.readLimit();
            bytes.read(excerpt, 0, available);
            length = available;
        }

        /**
         * @return the byte position, in its cycle file, just after the current excerpt.
         */
        public long endPosition() {
            return endPosition;
        }

        /**
         * @return the current excerpt's bytes, from offset 0, valid until the next read.
         */
        public byte[] bytes() {
            return excerpt;
        }

        /**
         * @return the current excerpt's length.
         */
        public int length() {
            return length;
        }

        /**
         * @return the current excerpt's queue index.
         */
        public long index() {
            return index;
        }

        @Override
        public void close() {
            tailer.close();
        }
    }
}

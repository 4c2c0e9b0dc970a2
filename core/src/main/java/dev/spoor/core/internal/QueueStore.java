/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.EpochClock;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The only class that touches Chronicle Queue: one excerpt per sealed block, laid out as
 * {@link SealedExcerpt} draws it.
 * Appenders and tailers are single-threaded: each {@link Appender} and {@link Cursor} belongs to one thread.
 *
 * <h2>Disk space</h2>
 * Chronicle grows its files sparse ({@code RandomAccessFile.setLength}) and writes through mappings, so on a full
 * file system a write lands in a page nobody can back: a SIGBUS that kills the JVM. Every append therefore goes
 * through {@link #ensureRoom} first, under one lock per store: the region it may write (the excerpt, a new index
 * array, the end-of-cycle marker of a roll) is backed with zeros written through a file channel beforehand, where
 * ENOSPC is an ordinary {@code IOException}, turned into a {@code DiskFullException} with nothing written.
 * <ul>
 *   <li>a new cycle file is pre-created, backed, under Chronicle's own pre-created name
 *       ({@code yyyyMMdd-HH'F'.precreated}, renamed by Chronicle when it opens the cycle);</li>
 *   <li>in the current cycle file, pages from the last write position on are backed {@value #BACKING_STEP} bytes
 *       ahead; pages holding data are never rewritten;</li>
 *   <li>{@code metadata.cq4t} is created backed, or its holes backed, before Chronicle opens it for writing;</li>
 *   <li>the time Chronicle sees never passes the end of the last cycle prepared, so it cannot roll into a cycle
 *       file that was not.</li>
 * </ul>
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
    /** Chronicle's table store of queue metadata: created with its pages backed before Chronicle maps it to write. */
    private static final String TABLE_STORE = "metadata.cq4t";
    private static final long TABLE_STORE_LENGTH = 128 * 1024;
    /** What a new cycle file needs besides its first excerpt: header, index-of-indexes and first index array. */
    private static final long NEW_CYCLE_BYTES = 256 * 1024;
    /** Room kept beyond an excerpt for a new index array (4,096 entries), the header and the end-of-cycle marker. */
    private static final long APPEND_MARGIN = 128 * 1024;
    /** How often a provisional store looks for the queue's first cycle file. */
    private static final long PROVISIONAL_CHECK_NS = 50_000_000L;
    /** How far ahead the current cycle file is backed at a time. */
    private static final long BACKING_STEP = 512 * 1024;

    /** Chronicle's queue; replaced once when a provisional read-only store finds the queue begun. */
    private volatile SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private volatile Path dir;
    /**
     * While this store is provisional (read only, opened before the queue had a cycle file), the journal's queue
     * directory, which it reopens on once a writer has made one; null otherwise. Chronicle's read-only queue, opened
     * on a directory without its metadata or cycle files, never sees the ones a writer makes later.
     */
    private volatile Path provisionalOf;
    private long provisionalCheckedNs;
    /** Incremented when the queue is replaced: a cursor made on the old one takes a tailer of the new one. */
    private volatile int generation;
    /** Queues replaced, closed with the store: a cursor of another thread may still be reading one. */
    private final List<SingleChronicleQueue> retired = new ArrayList<>();
    private final EpochClock clock;
    private final Object appendLock = new Object();
    /** Chronicle's time stops at the end of this cycle's last ms until the next cycle's file is prepared. */
    private volatile long ceilingMs = Long.MAX_VALUE;
    /** The newest cycle at open when its file's end is damaged ({@link #endWalkedIn}); Integer.MIN_VALUE if not. */
    private volatile int damagedEndCycle = Integer.MIN_VALUE;
    /** Guarded by appendLock: the cycle whose file is backed, how far, and where its last excerpt ended. */
    private int backedCycle = Integer.MIN_VALUE;
    private long backedTo;
    private long dataEnd = -1;
    /** The cycle Chronicle last appended to: it never appends to an earlier one, whatever the clock says. */
    private int lowestCycle = Integer.MIN_VALUE;
    /** Cycle file lengths as last looked up, for cursors' checks that an excerpt ends within its file. */
    private final Long2LongHashMap fileLengths = new Long2LongHashMap(-1);
    private ByteBuffer zeros;
    /** The empty directory a read-only store reads instead of a queue that was never finished, or null. */
    private final Path standIn;

    private QueueStore(final SingleChronicleQueue queue, final RollCycle rollCycle, final Path dir,
        final EpochClock clock, final Path standIn) {
        this.queue = queue;
        this.rollCycle = rollCycle;
        this.dir = dir;
        this.clock = clock;
        this.standIn = standIn;
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
        if (isReadOnly && isNeverFinished(dir)) {
            return openStandIn(dir, cycle, clock, null).provisionalOn(dir);
        }
        if (!isReadOnly) {
            prepareTableStore(dir);
        }
        final QueueStore[] store = new QueueStore[1];
        try {
            final SingleChronicleQueue queue = build(dir, cycle,
                () -> Math.min(clock.time(), store[0] == null ? Long.MAX_VALUE : store[0].ceilingMs), isReadOnly);
            store[0] = new QueueStore(queue, cycle, dir, clock, null);
            return isReadOnly && !hasCycleFiles(dir) ? store[0].provisionalOn(dir) : store[0];
        } catch (final RuntimeException e) {
            if (isReadOnly && !hasCycleFiles(dir)) {
                // Killed while Chronicle built its metadata (the header written, its keys not yet): empty too.
                return openStandIn(dir, cycle, clock, e).provisionalOn(dir);
            }
            throw new JournalException("cannot open the queue in " + dir + ": " + e, e);
        }
    }

    private QueueStore provisionalOn(final Path queueDir) {
        this.provisionalOf = queueDir;
        return this;
    }

    /**
     * For a read-only store opened before the queue had a cycle file: once a writer has made one (and finished the
     * queue's metadata), reads the real queue from now on. Looks at the directory at most every 50 ms; costs a
     * field read once the store is not provisional.
     *
     * @return true when the queue was replaced: what was read of the old one (nothing) is to be read again.
     * @throws JournalException when the queue cannot be opened.
     */
    public boolean reopenIfBegun() {
        if (provisionalOf == null) {
            return false;
        }
        synchronized (retired) {
            final Path queueDir = provisionalOf;
            final long now = System.nanoTime();
            if (queueDir == null || provisionalCheckedNs != 0 && now - provisionalCheckedNs < PROVISIONAL_CHECK_NS) {
                return false;
            }
            provisionalCheckedNs = now;
            if (!hasCycleFiles(queueDir) || isNeverFinished(queueDir)) {
                return false;
            }
            final SingleChronicleQueue begun = build(queueDir, rollCycle, clock::time, true);
            retired.add(queue);
            queue = begun;
            dir = queueDir;
            provisionalOf = null;
            generation++;
            return true;
        }
    }

    /** Creates Chronicle's table store with every page backed, or backs the holes of the one there. */
    private static void prepareTableStore(final Path dir) {
        final Path file = dir.resolve(TABLE_STORE);
        try {
            Files.createDirectories(dir);
            final boolean isNew = !Files.exists(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
                FileSpace.fillHoles(channel, 0, Math.max(TABLE_STORE_LENGTH, channel.size()), FileSpace.zeros());
            } catch (final IOException e) {
                if (isNew) {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
        } catch (final IOException e) {
            throw FileSpace.failure(journalDirOf(dir), file, "the queue's table store", TABLE_STORE_LENGTH, e);
        }
    }

    private static Path journalDirOf(final Path queueDir) {
        final Path parent = queueDir.toAbsolutePath().getParent();
        return parent != null ? parent : queueDir;
    }

    /**
     * Backs what the next append of {@code length} bytes may write (see the class comment). Caller holds the
     * append lock.
     */
    private void ensureRoom(final int length) {
        if (backedCycle == Integer.MIN_VALUE) {
            // Chronicle appends to the queue's last cycle when the clock is behind it (a clock set back)
            final long last = lastIndex();
            lowestCycle = Math.max(lowestCycle, last < 0 ? Integer.MIN_VALUE : cycleOf(last));
        }
        final int cycle = Math.max(lowestCycle, (int)(clock.time() / rollCycle.lengthInMillis()));
        if (cycle > backedCycle) {
            prepareCycle(cycle);
        }
        final long needed = dataEnd + length + APPEND_MARGIN;
        if (needed > backedTo) {
            final Path file = cycleFile(backedCycle);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileSpace.fillHoles(channel, backedTo, needed, zeros());
                backedTo = needed;
                // Further ahead only when there is room: a nearly full disk still takes blocks that fit.
                FileSpace.fillHoles(channel, backedTo, needed + BACKING_STEP, zeros());
                backedTo = needed + BACKING_STEP;
            } catch (final IOException e) {
                if (needed > backedTo) {
                    throw FileSpace.failure(journalDirOf(dir), file, "a block of " + length + " bytes",
                        needed - backedTo, e);
                }
            }
        }
    }

    /**
     * Makes cycle {@code cycle}'s file ready for writing: pre-created and backed when missing, else its end
     * located; then lets Chronicle's time reach the cycle's end.
     */
    private void prepareCycle(final int cycle) {
        final Path file = cycleFile(cycle);
        if (Files.exists(file)) {
            // Data ends at most one excerpt past Chronicle's write position: at the first page of zeros after it.
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                dataEnd = FileSpace.firstZeroPage(channel, writePositionOf(cycle), zeros());
            } catch (final IOException e) {
                throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
            }
            backedTo = dataEnd;
        } else {
            final String name = file.getFileName().toString();
            final Path precreated = file.resolveSibling(name.substring(0, name.length() - 4) + ".precreated");
            try (FileChannel channel = FileChannel.open(precreated, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileSpace.fillHoles(channel, 0, NEW_CYCLE_BYTES, zeros());
            } catch (final IOException e) {
                deleteQuietly(precreated);
                throw FileSpace.failure(journalDirOf(dir), file, "a new roll cycle file", NEW_CYCLE_BYTES, e);
            }
            backedTo = NEW_CYCLE_BYTES;
            dataEnd = 0;
        }
        backedCycle = cycle;
        ceilingMs = (cycle + 1L) * rollCycle.lengthInMillis() - 1;
    }

    /** Chronicle's write position in an existing cycle file (at or before its last excerpt); 0 if unknown. */
    private long writePositionOf(final int cycle) {
        try {
            final SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
            if (store == null) {
                return 0;
            }
            try {
                return Math.max(0, store.writePosition());
            } finally {
                queue.closeStore(store);
            }
        } catch (final RuntimeException e) {
            return 0;
        }
    }

    /**
     * The length of a cycle file, at least {@code end} when it is that long: looked up (a stat) only when the length
     * last seen is shorter, so each cycle file costs a stat once, and again as it grows.
     *
     * @return its length; {@code Long.MAX_VALUE} when there is no such file (nothing to check against).
     */
    private synchronized long fileLength(final int cycle, final long end) {
        final long known = fileLengths.get(cycle);
        if (known >= end) {
            return known;
        }
        final File file = cycleFile(cycle).toFile();
        final long length = file.exists() ? file.length() : Long.MAX_VALUE;
        fileLengths.put(cycle, length);
        return length;
    }

    private Path cycleFile(final int cycle) {
        final DateTimeFormatter names = DateTimeFormatter.ofPattern(rollCycle.format()).withZone(ZoneOffset.UTC);
        return dir.resolve(names.format(Instant.ofEpochMilli(cycle * (long)rollCycle.lengthInMillis())) + ".cq4");
    }

    private ByteBuffer zeros() {
        if (zeros == null) {
            zeros = FileSpace.zeros();
        }
        return zeros;
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // the failure that brought us here is the one to report
        }
    }

    private static SingleChronicleQueue build(final Path dir, final RollCycle cycle, final TimeProvider time,
        final boolean isReadOnly) {
        return SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(cycle)
            .blockSize(CHRONICLE_BLOCK_SIZE)
            .indexSpacing(INDEX_SPACING)
            .timeoutMS(LOCK_TIMEOUT_MS)
            .timeProvider(time)
            .readOnly(isReadOnly)
            .build();
    }

    /** A read-only store over an empty directory of its own, for a queue that was never finished. */
    private static QueueStore openStandIn(final Path dir, final RollCycle cycle, final EpochClock clock,
        final RuntimeException failure) {
        final Path standIn = emptyStandIn(dir);
        try {
            // Built writable on its own empty directory, so Chronicle makes the metadata it would otherwise warn is
            // missing; nothing is ever appended to it.
            prepareTableStore(standIn);
            return new QueueStore(build(standIn, cycle, clock::time, false), cycle, standIn, clock, standIn);
        } catch (final RuntimeException e) {
            deleteStandIn(standIn);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw new JournalException("cannot open the queue in " + dir + ", which was never finished, as empty: "
                + e, e);
        }
    }

    private static boolean hasCycleFiles(final Path dir) {
        final File[] cycles = dir.toFile().listFiles((d, n) -> n.endsWith(".cq4"));
        return cycles != null && cycles.length > 0;
    }

    /**
     * A queue a writer was killed while creating (or is creating now): the directory is missing, or its metadata
     * file is missing or was never completed (its first header word is not a finished document), and no cycle file
     * exists, since a writer appends only after the queue is built. It holds no excerpt; the next writable open
     * completes it. A read-only open cannot wait for that (Chronicle waits for the metadata's header until its
     * timeout, then fails) and must not write, so it reads an empty directory of its own instead.
     */
    static boolean isNeverFinished(final Path dir) {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        if (hasCycleFiles(dir)) {
            return false;
        }
        final Path metadata = dir.resolve(TABLE_STORE);
        // No metadata yet (a writer about to build the queue): Chronicle would read it read only, but log a warning
        // that looks like an error to whoever reads the output; the stand-in reads it as empty too.
        return !Files.exists(metadata) || !isFinished(metadata);
    }

    private static Path emptyStandIn(final Path dir) {
        try {
            return Files.createTempDirectory("spoor-unfinished-queue-");
        } catch (final IOException e) {
            throw new JournalException("the queue in " + dir + " was never finished (its writer was killed creating "
                + "it) and no empty directory can be made to read it as empty: " + e.getMessage(), e);
        }
    }

    private static void deleteStandIn(final Path standIn) {
        if (standIn == null) {
            return;
        }
        final File[] left = standIn.toFile().listFiles();
        for (final File file : left == null ? new File[0] : left) {
            if (!file.delete()) {
                file.deleteOnExit();
            }
        }
        if (!standIn.toFile().delete()) {
            standIn.toFile().deleteOnExit();
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

    /**
     * @param rollPeriod a roll period.
     * @param queueIndex a queue index.
     * @return its roll cycle.
     */
    public static int cycleOf(final RollPeriod rollPeriod, final long queueIndex) {
        return rollCycleOf(rollPeriod).toCycle(queueIndex);
    }

    /**
     * @param rollPeriod a roll period.
     * @param queueIndex a queue index.
     * @return its excerpt's number in its cycle.
     */
    public static long sequenceOf(final RollPeriod rollPeriod, final long queueIndex) {
        return rollCycleOf(rollPeriod).toSequenceNumber(queueIndex);
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
        final NavigableMap<Integer, Path> cycles = cycleFiles();
        if (!cycles.isEmpty() && !isFinished(cycles.lastEntry().getValue())) {
            return lastIndexWalked(cycles.headMap(cycles.lastKey(), false));
        }
        if (!cycles.isEmpty() && cycles.lastKey() == damagedEndCycle) {
            return lastIndexWalked(cycles);
        }
        final long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    /**
     * Has {@link #lastIndex()} and {@link Cursor#fromEndBackwards()} find the end of the queue by walking forwards
     * while {@code cycle} is the newest: its file's last excerpt headers are damaged ({@link CycleTail}), and
     * Chronicle's own search, a walk on from its last index entry, would read past the end of the mapping.
     *
     * @param cycle the newest cycle at open.
     */
    public void endWalkedIn(final int cycle) {
        damagedEndCycle = cycle;
    }

    /**
     * The last whole excerpt of the newest of {@code cycles} that holds one, found by walking forwards. Chronicle's
     * {@code lastIndex()} cannot find it in two cases: a newest cycle file a kill left unfinished (made, its header
     * not yet written), where its backward {@code toEnd()} falls back to {@code toStart()} and trips its own
     * assertion; and a damaged excerpt header at the end of the newest file, whose length sends its linear scan
     * past the end of the mapping. The walk stops before such a header, as every {@link Cursor} walk does (readers
     * go on from a salvage of the file).
     */
    private long lastIndexWalked(final NavigableMap<Integer, Path> cycles) {
        for (final int cycle : cycles.descendingKeySet()) {
            try (Cursor cursor = cursor()) {
                if (!cursor.seekTo(firstIndexOf(cycle))) {
                    continue;
                }
                long last = -1;
                while (cursor.next() && cycleOf(cursor.index()) == cycle) {
                    last = cursor.index();
                }
                if (last >= 0) {
                    return last;
                }
            }
        }
        return -1;
    }

    /**
     * Chronicle maps cycle files and reads them as memory. A damaged excerpt header can send its walk to bytes past
     * the end of a file, where the read faults (SIGBUS), which the JVM raises as an {@link InternalError} ("a fault
     * occurred in a recent unsafe memory access operation"): damage on disk, not a fault of the process. In compiled
     * code the JVM may raise it later than the read, outside the caller's catch: walks check lengths first
     * ({@link Cursor}, {@link CycleTail}), and this is a second line only.
     */
    static boolean isMappingFault(final InternalError e) {
        return e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }

    /** A cycle file whose header Chronicle finished writing: a non-zero first word without its NOT_COMPLETE bit. */
    private static boolean isFinished(final Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            final ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && channel.read(header) >= 0) {
                continue;
            }
            return !header.hasRemaining() && header.getInt(0) > 0;
        } catch (final IOException e) {
            return true; // gone meanwhile (retention): Chronicle's answer stands
        }
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
        return new Appender(this, appender);
    }

    /**
     * @return a new cursor over the excerpts, for the calling thread.
     */
    public Cursor cursor() {
        return new Cursor(this);
    }

    /** A tailer of the queue as it is now, for a cursor. */
    private ExcerptTailer newTailer() {
        final ExcerptTailer tailer = queue.createTailer();
        // Callers serialise access (the journal's index cursor is shared under its lock).
        tailer.singleThreadedCheckDisabled(true);
        return tailer;
    }

    /**
     * @return the queue's directory.
     */
    public File directory() {
        return queue.file();
    }

    /**
     * Closes the queue and its files: a journal that was closed (or failed to open) holds no file of its directory
     * once close returns. Chronicle releases them in this thread ({@link ChronicleSupport}); where its background
     * releaser is on in this JVM all the same, the close waits for it.
     */
    @Override
    public void close() {
        queue.close();
        synchronized (retired) {
            retired.forEach(SingleChronicleQueue::close);
        }
        if (ChronicleSupport.isBackgroundRelease()) {
            BackgroundResourceReleaser.releasePendingResources();
        }
        deleteStandIn(standIn);
    }

    /** Appends excerpts. */
    public static final class Appender implements AutoCloseable {
        private final QueueStore store;
        private final ExcerptAppender appender;
        private long endPosition;

        Appender(final QueueStore store, final ExcerptAppender appender) {
            this.store = store;
            this.appender = appender;
        }

        /**
         * Appends one excerpt.
         *
         * @param sealId the block's seal id.
         * @param block  the block bytes.
         * @param length their length.
         * @return the excerpt's queue index.
         * @throws dev.spoor.core.DiskFullException when the file system has no room for it: nothing was written.
         */
        public long append(final long sealId, final byte[] block, final int length) {
            synchronized (store.appendLock) {
                store.ensureRoom(SealedExcerpt.BLOCK_OFFSET + length);
                long end;
                try (DocumentContext context = appender.writingDocument()) {
                    final Bytes<?> bytes = context.wire().bytes();
                    bytes.writeLong(sealId);
                    bytes.write(block, 0, length);
                    end = bytes.writePosition();
                }
                endPosition = end;
                final long index = appender.lastIndexAppended();
                store.lowestCycle = Math.max(store.lowestCycle, store.rollCycle.toCycle(index));
                if (store.rollCycle.toCycle(index) == store.backedCycle && end > 0) {
                    store.dataEnd = Math.max(store.dataEnd, end);
                } else {
                    store.backedCycle = Integer.MIN_VALUE; // not where it was prepared: prepare again next time
                }
                return index;
            }
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
        private final QueueStore store;
        /** Read through {@link #tailer()}, which takes a new one when the store replaced its queue. */
        private ExcerptTailer tailer;
        private int generation;
        private byte[] excerpt = new byte[64 * 1024];
        private int length;
        private long index = -1;
        private long endPosition;
        private boolean hasFirstLong;
        /** Set when a positioning found nothing to read: {@link #next()} answers false without asking Chronicle. */
        private boolean isDrained;
        private long walkFaults;
        /** The cycle whose file's length {@link #sizedLength} is, as last looked up. */
        private int sizedCycle = Integer.MIN_VALUE;
        private long sizedLength;

        Cursor(final QueueStore store) {
            this.store = store;
            this.generation = store.generation;
            this.tailer = store.newTailer();
        }

        /** The tailer, of the store's queue as it is now (a provisional store's queue is replaced once). */
        private ExcerptTailer tailer() {
            if (generation != store.generation) {
                generation = store.generation;
                tailer = store.newTailer(); // the old one is closed with its retired queue
                isDrained = false;
                index = -1;
            }
            return tailer;
        }

        /**
         * Positions the cursor so the next {@link #next()} reads the excerpt after {@code queueIndex}.
         *
         * @param queueIndex an existing excerpt's index, or -1 for the start.
         * @return this.
         */
        public Cursor after(final long queueIndex) {
            isDrained = false;
            tailer().direction(TailerDirection.FORWARD);
            if (queueIndex < 0) {
                toFirstCycleFile();
            } else if (tailer().moveToIndex(queueIndex)) {
                next();
            } else {
                throw new JournalException("queue index " + Long.toHexString(queueIndex) + " is not in the queue");
            }
            return this;
        }

        /**
         * Before the first excerpt of the first cycle file there is. Not Chronicle's {@code toStart()}: a read-only
         * queue never refreshes its directory listing (a reader may not write the metadata that holds it), so after
         * retention deleted cycle files it still starts from the first one deleted, finds nothing there and reads
         * nothing at all.
         */
        private void toFirstCycleFile() {
            final NavigableMap<Integer, Path> cycles = store.cycleFiles();
            if (cycles.isEmpty() || !tailer().moveToIndex(store.firstIndexOf(cycles.firstKey()))) {
                tailer().toStart(); // empty, or the first cycle holds no whole first excerpt: Chronicle knows best
            }
        }

        /**
         * Like {@link #after(long)} for an existing excerpt, without throwing when it is missing.
         *
         * @param queueIndex an excerpt's index.
         * @return false, the cursor's place undefined, when the queue holds no excerpt at {@code queueIndex}.
         */
        public boolean seekAfter(final long queueIndex) {
            tailer().direction(TailerDirection.FORWARD);
            if (!tailer().moveToIndex(queueIndex)) {
                return false;
            }
            next();
            return true;
        }

        /**
         * Positions the cursor so the next {@link #nextFirstLong()} or {@link #next()} reads the excerpt at
         * {@code queueIndex}, reading forwards.
         *
         * @param queueIndex an excerpt's index.
         * @return false, the cursor's place undefined, when the queue holds no whole excerpt at {@code queueIndex}.
         */
        public boolean seekTo(final long queueIndex) {
            try {
                return seekTo0(queueIndex);
            } catch (final InternalError e) {
                return walkFaulted(e);
            }
        }

        private boolean seekTo0(final long queueIndex) {
            isDrained = false;
            tailer().direction(TailerDirection.FORWARD);
            return tailer().moveToIndex(queueIndex);
        }

        /**
         * Reads the next excerpt's first 8 bytes (a seal id) without copying the excerpt.
         *
         * @return the first long, little-endian; {@code Long.MIN_VALUE} with {@link #index()} -1 at the end, and
         *         {@code Long.MIN_VALUE} for an excerpt shorter than 8 bytes.
         */
        public long nextFirstLong() {
            try (DocumentContext context = tailer().readingDocument()) {
                if (!context.isPresent()) {
                    index = -1;
                    return Long.MIN_VALUE;
                }
                index = context.index();
                final Bytes<?> bytes = context.wire().bytes();
                hasFirstLong = bytes.readRemaining() >= Long.BYTES;
                return hasFirstLong ? bytes.readLong() : Long.MIN_VALUE;
            }
        }

        /**
         * @return true when the excerpt {@link #nextFirstLong()} read last held at least 8 bytes, so what it returned
         *         is the excerpt's (a zero-length or torn excerpt, as a full disk left them, holds no seal id).
         */
        public boolean hasFirstLong() {
            return hasFirstLong;
        }

        /**
         * Reads the excerpt at {@code queueIndex} when Chronicle finds it, without throwing when it does not.
         *
         * @param queueIndex an excerpt's index.
         * @return false, the cursor's place undefined, when Chronicle finds no excerpt at {@code queueIndex}.
         */
        public boolean seekAndRead(final long queueIndex) {
            try {
                return seekAndRead0(queueIndex);
            } catch (final InternalError e) {
                return walkFaulted(e);
            }
        }

        private boolean seekAndRead0(final long queueIndex) {
            isDrained = false;
            tailer().direction(TailerDirection.FORWARD);
            return tailer().moveToIndex(queueIndex) && next() && index == queueIndex;
        }

        /**
         * Reads the excerpt at {@code queueIndex}.
         *
         * @param queueIndex an existing excerpt's index.
         * @return this.
         * @throws JournalException when there is no such excerpt.
         */
        public Cursor at(final long queueIndex) {
            isDrained = false;
            tailer().direction(TailerDirection.FORWARD);
            if (!tailer().moveToIndex(queueIndex) || !next()) {
                throw new JournalException("queue index " + Long.toHexString(queueIndex) + " is not in the queue");
            }
            return this;
        }

        /**
         * Lets another thread use this cursor from now on (the previous one must be done with it).
         */
        public void handOver() {
            tailer().singleThreadedCheckReset();
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
            try {
                return advanceTo0(queueIndex, maxSteps);
            } catch (final InternalError e) {
                return walkFaulted(e);
            }
        }

        private boolean advanceTo0(final long queueIndex, final int maxSteps) {
            // Same cycle: indexes are consecutive, so the distance is known before stepping (another cycle
            // gives a distance far above any limit).
            if (index < 0 || queueIndex <= index || queueIndex - index > maxSteps) {
                return false;
            }
            tailer().direction(TailerDirection.FORWARD);
            for (int step = 0; step < maxSteps; step++) {
                try (DocumentContext context = tailer().readingDocument()) {
                    if (!context.isPresent()) {
                        return false;
                    }
                    if (!isWholeBlock(context.wire().bytes())) {
                        context.rollbackOnClose(); // a damaged header: no step past it (the caller seeks)
                        return false;
                    }
                    index = context.index();
                    if (index == queueIndex) {
                        return copy(context);
                    }
                    if (index > queueIndex) {
                        return false;
                    }
                }
            }
            return false;
        }

        /**
         * Positions the cursor at the last excerpt, reading backwards. When the newest cycle file was never finished
         * (a kill while Chronicle made it, or during its first append), Chronicle's {@code toEnd()} falls back to
         * {@code toStart()} and trips its own assertions, and a damaged header at the end of the newest file
         * ({@link #endWalkedIn}) sends it past the end of the mapping; the last whole excerpt is then found by
         * {@link #lastIndex()}.
         *
         * @return this.
         */
        public Cursor fromEndBackwards() {
            isDrained = false;
            final NavigableMap<Integer, Path> cycles = store.cycleFiles();
            if (cycles.isEmpty() || isFinished(cycles.lastEntry().getValue())
                && cycles.lastKey() != store.damagedEndCycle) {
                tailer().direction(TailerDirection.BACKWARD).toEnd();
                return this;
            }
            final long last = store.lastIndex();
            tailer().direction(TailerDirection.BACKWARD);
            isDrained = last < 0 || !tailer().moveToIndex(last); // no whole excerpt: nothing to read
            return this;
        }

        /**
         * Reads the next excerpt into {@link #bytes()}.
         *
         * @return false at the end.
         */
        public boolean next() {
            try {
                return next0();
            } catch (final InternalError e) {
                return walkFaulted(e);
            }
        }

        private boolean next0() {
            final ExcerptTailer current = tailer();
            if (isDrained) {
                return false;
            }
            try (DocumentContext context = current.readingDocument()) {
                if (!context.isPresent() || !copy(context)) {
                    return false;
                }
                index = context.index();
                return true;
            }
        }

        /**
         * Copies the excerpt, unless its header frames bytes past the end of its cycle file: a damaged header's
         * length, which reading would fault on (SIGBUS). Then the tailer stays where it is, and the walk ends
         * there as at the end of the data (readers go on from a salvage of the file).
         *
         * @return false when the excerpt runs past the end of its file.
         */
        private boolean copy(final DocumentContext context) {
            final Bytes<?> bytes = context.wire().bytes();
            final long end = bytes.readLimit();
            if (!isWithinFile(end)) {
                context.rollbackOnClose();
                return false;
            }
            final int available = (int)bytes.readRemaining();
            if (available > excerpt.length) {
                excerpt = new byte[Math.max(available, excerpt.length * 2)];
            }
            endPosition = end;
            bytes.read(excerpt, 0, available);
            length = available;
            return true;
        }

        /**
         * A walk that faulted in a mapping past the end of a cycle file ({@link #isMappingFault}) ends there, as at
         * the end of the data, and readers go on from a salvage of the file.
         *
         * @return false, the cursor's place undefined, for such a fault.
         * @throws InternalError any other.
         */
        private boolean walkFaulted(final InternalError e) {
            if (!isMappingFault(e)) {
                throw e;
            }
            walkFaults++;
            isDrained = false;
            return false;
        }

        /**
         * @return walks that ended at a read fault past the end of a cycle file ({@link #walkFaulted}).
         */
        public long walkFaults() {
            return walkFaults;
        }

        /**
         * True when the excerpt in {@code bytes} (from its read position to its limit) ends within its cycle file
         * and holds exactly one block as sealed, or a tombstone: its header's length is not damaged, so the next
         * header is where a step goes. Reads the seal id and two header words in place, copies nothing.
         */
        private boolean isWholeBlock(final Bytes<?> bytes) {
            final long start = bytes.readPosition();
            final long end = bytes.readLimit();
            final long length = end - start;
            if (!isWithinFile(end)) {
                return false;
            }
            if (length == SealedExcerpt.BLOCK_OFFSET) {
                return true;
            }
            if (length < SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH
                || bytes.readInt(start + SealedExcerpt.BLOCK_OFFSET) != BlockLayout.MAGIC) {
                return false;
            }
            return SealedExcerpt.wholeLength(bytes.readInt(start + SealedExcerpt.BLOCK_OFFSET
                + BlockLayout.STORED_LENGTH_OFFSET), (bytes.readLong(start) & SealedExcerpt.ENCRYPTED) != 0) == length;
        }

        /** True when {@code end} lies within the tailer's cycle file (its length looked up when it might not). */
        private boolean isWithinFile(final long end) {
            final int cycle = tailer().cycle();
            if (cycle == sizedCycle && end <= sizedLength) {
                return true;
            }
            sizedCycle = cycle;
            sizedLength = store.fileLength(cycle, end);
            return end <= sizedLength;
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

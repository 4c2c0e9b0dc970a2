/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.CycleCheck;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.LockFiles;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.RecordLog;
import dev.spoor.core.internal.SealedExcerpt;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Rewrites closed roll cycles without erased data, beside a running collector and open readers. A block of a
 * device whose keys were destroyed, or lying wholly inside an erased range, is replaced by a tombstone (its
 * seal id only, {@link SealedExcerpt#isCompacted}); a block straddling an erased range is decoded, its erased
 * events dropped and the rest re-encoded with the block's device and policy version (and, encrypted, sealed
 * again with the device's current key). Every excerpt keeps its place, so queue indexes (tailer positions,
 * index entries) stay what they were.
 * <p>
 * It needs no writer lock: a cycle is closed when it is before the current cycle by the wall clock and a
 * later cycle file exists (a writer rolled past it, so Chronicle will append nothing more to it). Beside a writer
 * the current cycle, and the last one until a writer appends in a later one, are left alone: compaction waits for
 * that. When no writer has the journal ({@code journal.lock} free), compaction holds that lock from the first such
 * cycle to the end and rewrites them too, the last file without an end-of-cycle marker, so the next writer goes on
 * in it.
 * Each changed cycle is written as a new queue in {@code DIR/compact-*}, fsynced, then renamed over the old
 * file (atomic; a process with the old file mapped keeps reading the old inode, through its erasure filter,
 * until it re-opens). Order, each step durable before the next, so a kill anywhere leaves a readable journal:
 * temporary files; {@code compaction.spoor} phase 0; index file deleted; renames; directory fsync;
 * {@code compaction.spoor} phase 1 (every process rebuilds its index when that file changes); index deleted
 * again. Leftover {@code compact-*} directories of a killed run are deleted by the next run. One compaction
 * at a time ({@code compaction.lock}).
 */
final class Compaction {
    private static final String LOCK_FILE = "compaction.lock";
    private static final String TEMP_PREFIX = "compact-";

    private final Path dir;
    private final Erasures erasures;
    private final KeyStore keys;
    private final BlockCipher cipher;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final BlockDecoder decoder = new BlockDecoder();
    private EventBatch decoded = new EventBatch(1);
    private EventBatch kept = new EventBatch(1);
    private final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
    private BlockEncoder encoder = new BlockEncoder(1);
    private long blocksRemoved;
    private long blocksReencoded;
    private long bytesRemoved;

    private Compaction(final Path dir) {
        this.dir = dir;
        this.erasures = ErasureFile.read(dir);
        this.keys = new KeyStore(dir);
        this.cipher = new BlockCipher(keys);
    }

    /**
     * @param dir   the journal directory; may be open for writing and reading in any process.
     * @param nowMs the wall clock, epoch ms: cycles from the one holding it on are never touched.
     * @return what was rewritten.
     * @throws JournalException when another compaction runs or a file cannot be written, renamed or synced.
     */
    static CompactionReport run(final Path dir, final long nowMs) {
        try {
            final LockFiles.Held lock = LockFiles.tryHold(dir.resolve(LOCK_FILE));
            if (lock == null) {
                throw new JournalException("journal " + dir + " is being compacted by this or another process: wait"
                    + " for it");
            }
            try {
                return new Compaction(dir).compact(nowMs);
            } finally {
                lock.close();
            }
        } catch (final IOException e) {
            throw new JournalException("compaction of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private CompactionReport compact(final long nowMs) throws IOException {
        int leftOpen = 0;
        deleteLeftovers();
        final JournalMeta meta = JournalMeta.read(dir);
        final CycleCheck.Result check = CycleCheck.run(dir, meta.rollPeriod(), RetentionFile.firstKept(dir));
        if (!check.isClean()) {
            // Chronicle would map a cut file past its end; repair keeps what is intact first.
            throw new JournalException("journal " + dir + " has damaged cycle files, so it is not compacted: "
                + check.damage().get(0).describe() + (check.damage().size() > 1 ? " (and " + (check.damage().size()
                - 1) + " more)" : "") + ". Run `spoor repair --journal " + dir + "` first");
        }
        final int current = (int)meta.rollPeriod().cycleOf(nowMs);
        final List<Path[]> replacements = new ArrayList<>();
        LockFiles.Held writerLock = null;
        boolean isWithoutWriter = false;
        try {
            try (QueueStore source = QueueStore.open(dir.resolve("queue"), meta.rollPeriod(), () -> nowMs, true)) {
                final List<Map.Entry<Integer, Path>> cycles = new ArrayList<>(source.cycleFiles().entrySet());
                boolean isWriterChecked = false;
                for (int i = 0; i < cycles.size(); i++) {
                    final int cycle = cycles.get(i).getKey();
                    if (!hasErasedData(source, cycle)) {
                        continue;
                    }
                    final boolean isLast = i + 1 == cycles.size();
                    if ((cycle >= current || isLast) && !isWriterChecked) {
                        // A writer may append to the current cycle or the last file; with no writer (the journal's
                        // lock free, and held from here to the end) none can, so they are rewritten too.
                        writerLock = LockFiles.tryHold(dir.resolve(Journal.LOCK_FILE_NAME));
                        isWriterChecked = true;
                    }
                    if ((cycle >= current || isLast) && writerLock == null) {
                        leftOpen++;
                    } else {
                        // The last file is left without an end-of-cycle marker, so the next writer goes on in it.
                        replacements.add(new Path[] {writeCycle(meta, source, cycle, !isLast),
                            cycles.get(i).getValue(), Path.of(Integer.toString(cycle))});
                    }
                }
            }
            replace(replacements, meta.rollPeriod());
        } finally {
            if (writerLock != null) {
                isWithoutWriter = true;
                writerLock.close();
            }
        }
        if (!isWithoutWriter) {
            // No open cycle needed the lock: say whether a writer has the journal all the same.
            final LockFiles.Held probe = LockFiles.tryHold(dir.resolve(Journal.LOCK_FILE_NAME));
            if (probe != null) {
                isWithoutWriter = true;
                probe.close();
            }
        }
        final DeviceRegistry.Forgotten names = DeviceRegistry.forget(dir, erasures::isWholeDevice);
        return new CompactionReport(replacements.size(), blocksRemoved, blocksReencoded, bytesRemoved, leftOpen,
            isWithoutWriter ? "with no writer" : "online", names.records(), 0);
    }

    /** @return true when some excerpt of the cycle holds erased data (headers and keys only, nothing decoded). */
    private boolean hasErasedData(final QueueStore source, final int cycle) {
        final boolean[] found = {false};
        forEachExcerpt(source, cycle, excerpt -> {
            found[0] = isErased(excerpt);
            return !found[0];
        });
        return found[0];
    }

    /** Calls {@code visitor} with a copy of each excerpt of the cycle, in order, while it returns true. */
    private static void forEachExcerpt(final QueueStore source, final int cycle, final Predicate<byte[]> visitor) {
        try (QueueStore.Cursor cursor = source.cursor()) {
            boolean hasNext;
            try {
                cursor.at(source.firstIndexOf(cycle));
                hasNext = true;
            } catch (final JournalException empty) {
                hasNext = false;
            }
            while (hasNext && source.cycleOf(cursor.index()) == cycle) {
                if (!visitor.test(Arrays.copyOf(cursor.bytes(), cursor.length()))) {
                    return;
                }
                hasNext = cursor.next();
            }
        }
    }

    private boolean isErased(final byte[] excerpt) {
        if (SealedExcerpt.blockLength(excerpt.length) < BlockLayout.HEADER_LENGTH) {
            return false;
        }
        final long device = SealedExcerpt.deviceId(excerpt);
        if (SealedExcerpt.isEncrypted(excerpt) && SealedExcerpt.hasKeyId(excerpt)
            && keys.key(device, SealedExcerpt.keyId(excerpt, SealedExcerpt.BLOCK_OFFSET)) == null) {
            return true;
        }
        final long min = LittleEndian.getLong(excerpt, SealedExcerpt.BLOCK_OFFSET + BlockLayout.MIN_TIMESTAMP_OFFSET);
        final long max = LittleEndian.getLong(excerpt, SealedExcerpt.BLOCK_OFFSET + BlockLayout.MAX_TIMESTAMP_OFFSET);
        if (!erasures.overlaps(device, min, max)) {
            return false;
        }
        // A block straddling an erased range may hold none of it (re-encoded around it by an earlier run).
        return erasures.covers(device, min, max) || erasedEvents(excerpt, device, SealedExcerpt.isEncrypted(excerpt))
            > 0;
    }

    /** Decodes a block into {@link #decoded} ({@link #view} over its plaintext) and counts its erased events. */
    private int erasedEvents(final byte[] excerpt, final long device, final boolean isEncrypted) {
        int length = SealedExcerpt.blockLength(excerpt.length);
        if (isEncrypted) {
            length = cipher.decrypt(device, excerpt, SealedExcerpt.BLOCK_OFFSET, length);
            view.wrap(cipher.output(), 0, length);
        } else {
            view.wrap(excerpt, SealedExcerpt.BLOCK_OFFSET, length);
        }
        ensureCapacity(view.getInt(BlockLayout.COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN));
        try {
            decoder.decode(view, 0, length, decoded);
        } catch (final CorruptBlockException e) {
            throw new JournalException("block of device 0x" + DeviceRegistry.hex(device) + " lies partly in an erased"
                + " range and is damaged, so compaction cannot remove its erased events: " + e.getMessage(), e);
        }
        int erased = 0;
        for (int i = 0, n = decoded.size(); i < n; i++) {
            erased += erasures.isErased(device, decoded.timestampNs(i)) ? 1 : 0;
        }
        return erased;
    }

    /** @return the excerpt itself when it stays, else its tombstone or its re-encoded block. */
    private byte[] compactExcerpt(final byte[] excerpt) {
        final int length = SealedExcerpt.blockLength(excerpt.length);
        if (length < BlockLayout.HEADER_LENGTH) {
            return excerpt; // a tombstone already, or damaged: verify reports it
        }
        final long device = SealedExcerpt.deviceId(excerpt);
        final boolean isEncrypted = SealedExcerpt.isEncrypted(excerpt);
        if (isEncrypted && SealedExcerpt.hasKeyId(excerpt)
            && keys.key(device, SealedExcerpt.keyId(excerpt, SealedExcerpt.BLOCK_OFFSET)) == null) {
            return tombstone(excerpt);
        }
        final long min = LittleEndian.getLong(excerpt, SealedExcerpt.BLOCK_OFFSET + BlockLayout.MIN_TIMESTAMP_OFFSET);
        final long max = LittleEndian.getLong(excerpt, SealedExcerpt.BLOCK_OFFSET + BlockLayout.MAX_TIMESTAMP_OFFSET);
        if (erasures.covers(device, min, max)) {
            return tombstone(excerpt);
        }
        if (!erasures.overlaps(device, min, max)) {
            return excerpt;
        }
        return filter(excerpt, device, isEncrypted);
    }

    private byte[] tombstone(final byte[] excerpt) {
        blocksRemoved++;
        return Arrays.copyOf(excerpt, SealedExcerpt.BLOCK_OFFSET);
    }

    /**
     * Decodes a block straddling an erased range, keeps its events outside it, re-encodes (and re-seals) them; a
     * block holding none of the range stays as it is.
     */
    private byte[] filter(final byte[] excerpt, final long device, final boolean isEncrypted) {
        final int erased = erasedEvents(excerpt, device, isEncrypted);
        if (erased == 0) {
            return excerpt;
        }
        if (erased == decoded.size()) {
            return tombstone(excerpt);
        }
        kept.clear();
        for (int i = 0, n = decoded.size(); i < n; i++) {
            if (!erasures.isErased(device, decoded.timestampNs(i))) {
                kept.addFrom(decoded, i);
            }
        }
        final int length = view.capacity();
        blocksReencoded++;
        encoder.like(header.wrap(view, 0, length));
        int encoded = encoder.encode(device, kept);
        byte[] block = encoder.blockBuffer();
        if (isEncrypted) {
            encoded = cipher.encrypt(device, block, encoded);
            block = cipher.output();
        }
        final byte[] out = new byte[SealedExcerpt.BLOCK_OFFSET + encoded];
        System.arraycopy(excerpt, 0, out, 0, SealedExcerpt.BLOCK_OFFSET);
        System.arraycopy(block, 0, out, SealedExcerpt.BLOCK_OFFSET, encoded);
        return out;
    }

    private void ensureCapacity(final int count) {
        if (decoded.capacity() < count) {
            final int capacity = Math.min(Math.max(count, 1), BlockLayout.MAX_EVENTS);
            decoded = new EventBatch(capacity);
            kept = new EventBatch(capacity);
            encoder = new BlockEncoder(capacity);
        }
    }

    /**
     * Streams the cycle, compacted excerpt by excerpt, into a new queue under DIR/compact-*, fsynced; returns its
     * cycle file. Memory: one block at a time.
     */
    private Path writeCycle(final JournalMeta meta, final QueueStore source, final int cycle, final boolean isRolled)
        throws IOException {
        final Path temporary = Files.createTempDirectory(dir, TEMP_PREFIX);
        final long[] nowMs = {cycle * meta.rollPeriod().lengthMs()};
        final Path file;
        try (QueueStore target = QueueStore.open(temporary, meta.rollPeriod(), () -> nowMs[0], false);
             QueueStore.Appender appender = target.appender()) {
            forEachExcerpt(source, cycle, excerpt -> {
                final byte[] compacted = compactExcerpt(excerpt);
                bytesRemoved += excerpt.length - compacted.length;
                appender.append(LittleEndian.getLong(compacted, SealedExcerpt.SEAL_ID_OFFSET),
                    Arrays.copyOfRange(compacted, SealedExcerpt.BLOCK_OFFSET, compacted.length),
                    SealedExcerpt.blockLength(compacted.length));
                return true;
            });
            if (isRolled) {
                // Roll once, so the rewritten cycle ends with Chronicle's end-of-cycle marker: without it a reader
                // stops at its end instead of moving on to later cycles. The next file is discarded.
                nowMs[0] += meta.rollPeriod().lengthMs();
                appender.append(0, new byte[1], 1);
            }
            file = target.cycleFiles().get(cycle);
        }
        if (file == null) {
            throw new JournalException("compaction wrote no file for cycle " + cycle + " in " + temporary);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return file;
    }

    /** Renames each new cycle file over its old one, between the two compaction.spoor records. */
    private void replace(final List<Path[]> replacements, final RollPeriod rollPeriod) throws IOException {
        if (replacements.isEmpty()) {
            return;
        }
        final List<CycleSummary.Entry> entries = new ArrayList<>();
        for (final Path[] move : replacements) {
            try (CycleFileReader reader = CycleFileReader.open(move[0])) {
                final int cycle = Integer.parseInt(move[2].getFileName().toString());
                entries.add(CycleCheck.walk(rollPeriod, cycle, move[0], reader, null));
            }
        }
        CompactionFile.append(dir, System.currentTimeMillis(), CompactionFile.PHASE_REPLACING, replacements.size());
        Files.deleteIfExists(dir.resolve(IndexFile.FILE_NAME));
        RecordLog.syncDirectory(dir);
        // The cycle summary's records of the cycles replaced: unknown (a reader walks such a file whole) while
        // either file may be in place, then the new file's, once it is.
        final CycleSummary summary = Files.exists(dir.resolve(CycleSummary.FILE_NAME))
            ? CycleSummary.openForUpdate(dir) : null;
        try {
            if (summary != null) {
                entries.forEach(e -> summary.replace(CycleSummary.Entry.empty(e.cycle())));
                summary.sync();
            }
            Path queueDir = null;
            for (final Path[] move : replacements) {
                queueDir = move[1].getParent();
                if (!Files.exists(move[1])) {
                    continue; // retention deleted it meanwhile: do not bring it back
                }
                Files.move(move[0], move[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            RecordLog.syncDirectory(queueDir);
            if (summary != null) {
                entries.forEach(summary::replace);
                summary.sync();
            }
        } finally {
            if (summary != null) {
                summary.close();
            }
        }
        CompactionFile.append(dir, System.currentTimeMillis(), CompactionFile.PHASE_DONE, replacements.size());
        Files.deleteIfExists(dir.resolve(IndexFile.FILE_NAME));
        deleteLeftovers();
    }

    /**
     * For {@code verify}: what a compaction killed before its end left in the journal directory.
     *
     * @param dir the journal directory.
     * @return the names of leftover {@code compact-*} folders, which the next compaction deletes.
     * @throws IOException when the directory cannot be listed.
     */
    static List<String> leftovers(final Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(TEMP_PREFIX)).sorted()
                .toList();
        }
    }

    private void deleteLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (final Path temporary : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                .toList()) {
                try (Stream<Path> files = Files.walk(temporary)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

}

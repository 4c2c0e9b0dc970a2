/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.JournalException;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rewrites closed roll cycles without the blocks of erased devices, so their bytes are physically gone.
 * Offline: it takes the writer lock and expects no reader to have the journal open. Each affected cycle is
 * written anew into a temporary queue (same cycle, same file name) and renamed over the old file; the
 * index file is removed and rebuilt from the block headers on the next open.
 */
final class Compaction {
    private static final String LOCK_FILE = "journal.lock";

    private Compaction() {
    }

    static CompactionReport run(final Path dir) {
        try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new JournalException("journal " + dir + " is open for writing: compaction needs it closed");
            }
            return compact(dir);
        } catch (final IOException e) {
            throw new JournalException("compaction of " + dir + " failed: " + e.getMessage(), e);
        } catch (final OverlappingFileLockException e) {
            throw new JournalException("journal " + dir + " is open for writing in this process: close it first");
        }
    }

    private static CompactionReport compact(final Path dir) throws IOException {
        final JournalMeta meta = JournalMeta.read(dir);
        final KeyStore keys = new KeyStore(dir);
        final Path queueDir = dir.resolve("queue");
        final int current = (int)meta.rollPeriod().cycleOf(System.currentTimeMillis());
        final List<Path[]> replacements = new ArrayList<>();
        final List<Path> temporaries = new ArrayList<>();
        int cycles = 0;
        long dropped = 0;
        final long[] removedBytes = new long[1];
        try (QueueStore source = QueueStore.open(queueDir, meta.rollPeriod(), System::currentTimeMillis, true)) {
            for (final Map.Entry<Integer, Path> cycle : source.cycleFiles().entrySet()) {
                if (cycle.getKey() >= current) {
                    continue;
                }
                final List<byte[]> kept = new ArrayList<>();
                final long removed = keptExcerpts(source, cycle.getKey(), keys, kept, removedBytes);
                if (removed == 0) {
                    continue;
                }
                final Path temporary = Files.createTempDirectory(dir, "compact-");
                temporaries.add(temporary);
                final long[] nowMs = {cycle.getKey() * meta.rollPeriod().lengthMs()};
                try (QueueStore target = QueueStore.open(temporary, meta.rollPeriod(), () -> nowMs[0], false);
                     QueueStore.Appender appender = target.appender()) {
                    for (final byte[] excerpt : kept) {
                        appender.append(LittleEndian.getLong(excerpt, SealedExcerpt.SEAL_ID_OFFSET),
                            Arrays.copyOfRange(excerpt, SealedExcerpt.BLOCK_OFFSET, excerpt.length),
                            SealedExcerpt.blockLength(excerpt.length));
                    }
                    // Roll once, so the rewritten cycle ends with Chronicle's end-of-cycle marker: without it a
                    // reader stops at its end instead of moving on to later cycles. The next file is discarded.
                    nowMs[0] += meta.rollPeriod().lengthMs();
                    appender.append(0, new byte[1], 1);
                    replacements.add(new Path[] {target.cycleFiles().get(cycle.getKey()), cycle.getValue()});
                }
                cycles++;
                dropped += removed;
            }
        }
        for (final Path[] move : replacements) {
            if (move[0] == null) {
                Files.delete(move[1]);
            } else {
                Files.move(move[0], move[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (final Path temporary : temporaries) {
            try (Stream<Path> files = Files.walk(temporary)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (cycles > 0) {
            Files.deleteIfExists(dir.resolve(IndexFile.FILE_NAME));
        }
        return new CompactionReport(cycles, dropped, removedBytes[0]);
    }

    /** Copies the cycle's excerpts that can still be read into {@code kept}; returns how many were left out. */
    private static long keptExcerpts(final QueueStore source, final int cycle, final KeyStore keys,
        final List<byte[]> kept, final long[] removedBytes) {
        long removed = 0;
        try (QueueStore.Cursor cursor = source.cursor()) {
            boolean hasNext;
            try {
                cursor.at(source.firstIndexOf(cycle));
                hasNext = true;
            } catch (final JournalException empty) {
                hasNext = false;
            }
            while (hasNext && source.cycleOf(cursor.index()) == cycle) {
                final byte[] excerpt = Arrays.copyOf(cursor.bytes(), cursor.length());
                if (isErased(excerpt, keys)) {
                    removed++;
                    removedBytes[0] += excerpt.length;
                } else {
                    kept.add(excerpt);
                }
                hasNext = cursor.next();
            }
        }
        return removed;
    }

    private static boolean isErased(final byte[] excerpt, final KeyStore keys) {
        if (!SealedExcerpt.isEncrypted(excerpt) || !SealedExcerpt.hasKeyId(excerpt)) {
            return false;
        }
        final int keyId = SealedExcerpt.keyId(excerpt, SealedExcerpt.BLOCK_OFFSET);
        return keys.key(SealedExcerpt.deviceId(excerpt), keyId) == null;
    }
}

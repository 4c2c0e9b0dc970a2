/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes a new file for one roll cycle from the whole excerpts of an old one, read with {@link CycleFileReader}
 * (never mapped), the way compaction rewrites cycles: a new queue in a directory of the caller's, the same cycle,
 * rolled once (unless it is the last cycle) so the file ends with Chronicle's end-of-cycle marker (the next
 * cycle's file is deleted). Excerpts keep
 * their places, so queue indexes do not change; an excerpt the filter refuses, or one too short to hold a seal id,
 * becomes a tombstone (a seal id only, 0 when it had none).
 */
public final class CycleRewriter {
    /** Decides, per whole excerpt, whether its block is kept. */
    @FunctionalInterface
    public interface ExcerptFilter {
        /**
         * @param queueIndex the excerpt's queue index.
         * @param excerpt    its bytes from offset 0.
         * @param length     its length.
         * @return true to keep it as it is, false to leave a tombstone in its place.
         */
        boolean keep(long queueIndex, byte[] excerpt, int length);
    }

    private CycleRewriter() {
    }

    /**
     * @param source     the old cycle file (may be cut short).
     * @param rollPeriod the journal's roll period.
     * @param cycle      its cycle.
     * @param target     an empty directory to write the new queue in.
     * @param filter     which blocks stay.
     * @param isRolled   true to end the file with the end-of-cycle marker (every cycle but a writer's last).
     * @param isSynced   true to fsync the new file.
     * @return the new cycle file, in {@code target}; null when the old one holds no whole excerpt.
     */
    public static Path rewrite(final Path source, final RollPeriod rollPeriod, final int cycle, final Path target,
        final ExcerptFilter filter, final boolean isRolled, final boolean isSynced) {
        final long[] nowMs = {cycle * rollPeriod.lengthMs()};
        final Path file;
        long excerpts = 0;
        try (CycleFileReader reader = CycleFileReader.open(source);
             QueueStore queue = QueueStore.open(target, rollPeriod, () -> nowMs[0], false);
             QueueStore.Appender appender = queue.appender()) {
            while (reader.next(true)) {
                excerpts++;
                final byte[] bytes = reader.bytes();
                final int length = reader.length();
                final long sealId = length >= SealedExcerpt.BLOCK_OFFSET
                    ? LittleEndian.getLong(bytes, SealedExcerpt.SEAL_ID_OFFSET) : 0;
                final long queueIndex = QueueStore.indexOf(rollPeriod, cycle, reader.sequence());
                if (length > SealedExcerpt.BLOCK_OFFSET && filter.keep(queueIndex, bytes, length)) {
                    appender.append(sealId, Arrays.copyOfRange(bytes, SealedExcerpt.BLOCK_OFFSET, length),
                        length - SealedExcerpt.BLOCK_OFFSET);
                } else {
                    appender.append(sealId, new byte[0], 0);
                }
            }
            if (isRolled) {
                nowMs[0] += rollPeriod.lengthMs();
                appender.append(0, new byte[1], 1);
            }
            file = queue.cycleFiles().get(cycle);
        } catch (final IOException e) {
            throw new JournalException("cannot rewrite cycle file " + source + ": " + e.getMessage(), e);
        }
        if (file == null && excerpts == 0) {
            deleteAll(target, rollPeriod);
            return null;
        }
        if (file == null) {
            throw new JournalException("rewriting " + source + " wrote no file for cycle " + cycle + " in " + target);
        }
        try {
            for (final Map.Entry<Integer, Path> other : QueueStore.cycleFiles(target, rollPeriod).entrySet()) {
                if (other.getKey() != cycle) {
                    Files.delete(other.getValue());
                }
            }
            if (isSynced) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        } catch (final IOException e) {
            throw new JournalException("cannot finish " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static void deleteAll(final Path target, final RollPeriod rollPeriod) {
        try {
            for (final Path other : QueueStore.cycleFiles(target, rollPeriod).values()) {
                Files.delete(other);
            }
        } catch (final IOException e) {
            throw new JournalException("cannot clear " + target + ": " + e.getMessage(), e);
        }
    }
}

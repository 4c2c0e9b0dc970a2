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
import java.util.NavigableMap;
import java.util.TreeMap;

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
        // Every whole excerpt in its place; one the filter refuses (or too short for a block) keeps its seal id only.
        final NavigableMap<Long, long[]> placed = new TreeMap<>();
        try (CycleFileReader reader = CycleFileReader.open(source)) {
            while (reader.next(true)) {
                final int length = reader.length();
                final long queueIndex = QueueStore.indexOf(rollPeriod, cycle, reader.sequence());
                final boolean isKept = length > SealedExcerpt.BLOCK_OFFSET
                    && filter.keep(queueIndex, reader.bytes(), length);
                placed.put(reader.sequence(), new long[] {reader.dataEnd() - length,
                    isKept ? length : Math.min(length, SealedExcerpt.BLOCK_OFFSET)});
            }
        } catch (final IOException e) {
            throw new JournalException("cannot rewrite cycle file " + source + ": " + e.getMessage(), e);
        }
        if (placed.isEmpty()) {
            return null;
        }
        return write(source, rollPeriod, cycle, target, placed, placed.lastKey(), isRolled, isSynced);
    }

    /**
     * Writes a new file for one roll cycle from excerpts at known places in the old one (what a salvage past a
     * broken excerpt header found): the excerpt numbered n goes to sequence n, and every number with no excerpt,
     * up to {@code lastSequence}, gets a tombstone, so the queue indexes of what is kept do not change.
     *
     * @param source       the old cycle file.
     * @param rollPeriod   the journal's roll period.
     * @param cycle        its cycle.
     * @param target       an empty directory to write the new queue in.
     * @param placed       sequence to {@code {start, length, ...}} of each excerpt kept, in the old file.
     * @param lastSequence the last sequence to write (a tombstone when nothing is placed there).
     * @param isRolled     true to end the file with the end-of-cycle marker (every cycle but a writer's last).
     * @return the new cycle file, in {@code target}.
     * @throws JournalException when a file cannot be read or written.
     */
    public static Path rewritePlaced(final Path source, final RollPeriod rollPeriod, final int cycle,
        final Path target, final NavigableMap<Long, long[]> placed, final long lastSequence, final boolean isRolled) {
        return write(source, rollPeriod, cycle, target, placed, lastSequence, isRolled, true);
    }

    /** Sequences 0 to {@code lastSequence}: each placed excerpt's bytes (its seal id and block), else a tombstone. */
    private static Path write(final Path source, final RollPeriod rollPeriod, final int cycle, final Path target,
        final NavigableMap<Long, long[]> placed, final long lastSequence, final boolean isRolled,
        final boolean isSynced) {
        final long[] nowMs = {cycle * rollPeriod.lengthMs()};
        final Path file;
        try (CycleFileReader reader = CycleFileReader.open(source);
             QueueStore queue = QueueStore.open(target, rollPeriod, () -> nowMs[0], false);
             QueueStore.Appender appender = queue.appender()) {
            for (long sequence = 0; sequence <= lastSequence; sequence++) {
                final long[] excerpt = placed.get(sequence);
                if (excerpt == null) {
                    appender.append(0, new byte[0], 0);
                    continue;
                }
                final int length = (int)excerpt[1];
                final byte[] bytes = reader.read(excerpt[0], length);
                final long sealId = length >= SealedExcerpt.BLOCK_OFFSET
                    ? LittleEndian.getLong(bytes, SealedExcerpt.SEAL_ID_OFFSET) : 0;
                final int blockLength = Math.max(0, length - SealedExcerpt.BLOCK_OFFSET);
                appender.append(sealId, Arrays.copyOfRange(bytes, Math.min(length, SealedExcerpt.BLOCK_OFFSET),
                    length), blockLength);
            }
            if (isRolled) {
                nowMs[0] += rollPeriod.lengthMs();
                appender.append(0, new byte[1], 1);
            }
            file = queue.cycleFiles().get(cycle);
        } catch (final IOException e) {
            throw new JournalException("cannot rewrite cycle file " + source + ": " + e.getMessage(), e);
        }
        if (file == null) {
            throw new JournalException("rewriting " + source + " wrote no file for cycle " + cycle + " in " + target);
        }
        finish(file, target, rollPeriod, cycle, isSynced);
        return file;
    }

    /** Deletes the other cycles' files the roll left in {@code target} and syncs the new one. */
    private static void finish(final Path file, final Path target, final RollPeriod rollPeriod, final int cycle,
        final boolean isSynced) {
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
    }
}

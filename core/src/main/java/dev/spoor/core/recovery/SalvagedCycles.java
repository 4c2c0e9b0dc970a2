/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.QueueStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The blocks of cycle files whose excerpt framing Chronicle cannot walk, for readers. A damaged excerpt header (its
 * length) sends Chronicle's walk off the excerpts: a full read or a tailer stops there as if the cycle had ended,
 * and a seek to a block past it finds nothing, or bytes that are no excerpt. Readers then ask here. The cycle file
 * is salvaged as repair salvages it ({@link CycleSalvage}: its framing walked, scanned past each break for the next
 * sound block, each run of excerpts placed at its queue indexes by a block the index file knows or by the cycle
 * summary's last queue index), and its blocks are read straight from the file where the salvage found them: every
 * sound block stays readable before {@code spoor repair} rewrites the file. Nothing is written. A file's salvage is
 * kept while the file is the same one with the same length and modification time (and for a second after it was
 * made, for a file a writer keeps appending to). Thread safe.
 */
public final class SalvagedCycles {
    private final Path dir;
    private final RollPeriod rollPeriod;
    private final Map<Integer, Salvage> byCycle = new HashMap<>();
    private SoundBlockCheck check;
    /** Set once a salvage found a file's framing broken: until then {@link #isBroken} costs one volatile read. */
    private volatile boolean isAnyBroken;

    /** A cycle file's salvage and the file's stamp when it was made. */
    private record Salvage(Path file, Object fileKey, long length, long modified, long madeNs,
        CycleSalvage.Result result) {
    }

    /**
     * A file that keeps changing (the cycle a writer appends to) is salvaged again at most this often: each salvage
     * reads and checks the whole file, and a tailer in such a cycle asks on every poll.
     */
    private static final long RESALVAGE_INTERVAL_NS = 1_000_000_000L;

    /**
     * @param dir        the journal directory.
     * @param rollPeriod its roll period.
     */
    public SalvagedCycles(final Path dir, final RollPeriod rollPeriod) {
        this.dir = dir;
        this.rollPeriod = rollPeriod;
    }

    /**
     * @param queueIndex an excerpt's queue index.
     * @return the excerpt's bytes (seal id, then the block), read from its cycle file where the salvage placed it;
     *         null when the salvage placed no sound block (nor tombstone) at that queue index.
     * @throws JournalException when the cycle file cannot be read.
     */
    public synchronized byte[] excerpt(final long queueIndex) {
        final int cycle = QueueStore.cycleOf(rollPeriod, queueIndex);
        final Salvage salvage = salvage(cycle);
        final long[] place = salvage == null ? null
            : salvage.result().placed().get(QueueStore.sequenceOf(rollPeriod, queueIndex));
        if (place == null) {
            return null;
        }
        try (CycleFileReader reader = CycleFileReader.open(salvage.file())) {
            return Arrays.copyOf(reader.read(place[0], (int)place[1]), (int)place[1]);
        } catch (final IOException e) {
            throw new JournalException("cannot read " + salvage.file() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a salvage made already found the cycle's file framing broken, so Chronicle is better not asked to
     * walk it. Makes no salvage.
     *
     * @param cycle a cycle.
     * @return true when an earlier read of the cycle found its framing broken.
     */
    public boolean isBroken(final int cycle) {
        if (!isAnyBroken) {
            return false;
        }
        synchronized (this) {
            final Salvage kept = byCycle.get(cycle);
            return kept != null && !kept.result().breaks().isEmpty();
        }
    }

    /**
     * @param cycle      a cycle.
     * @param afterIndex a queue index in it, or -1 (or one of an earlier cycle) for its start.
     * @return the queue index of every excerpt the salvage placed in {@code cycle} after {@code afterIndex}, in
     *         order (none when the cycle has no file).
     */
    public synchronized long[] placedAfter(final int cycle, final long afterIndex) {
        final Salvage salvage = salvage(cycle);
        if (salvage == null) {
            return new long[0];
        }
        final long after = afterIndex < 0 || QueueStore.cycleOf(rollPeriod, afterIndex) < cycle ? -1
            : QueueStore.sequenceOf(rollPeriod, afterIndex);
        return salvage.result().placed().tailMap(after, false).keySet().stream()
            .mapToLong(sequence -> QueueStore.indexOf(rollPeriod, cycle, sequence)).toArray();
    }

    /**
     * Salvages the cycle's file, unless done already, and says whether its framing breaks.
     *
     * @param cycle a cycle.
     * @return true when a damaged excerpt header breaks the framing of its file.
     */
    public synchronized boolean isFramingBroken(final int cycle) {
        final Salvage salvage = salvage(cycle);
        return salvage != null && !salvage.result().breaks().isEmpty();
    }

    /**
     * @param cycle a cycle.
     * @return where its file's framing breaks and where the salvage resumed, for messages; empty when it does not
     *         break or there is no file.
     */
    public synchronized String breaks(final int cycle) {
        final Salvage salvage = salvage(cycle);
        return salvage == null ? "" : String.join("; ", salvage.result().breaks());
    }

    /**
     * True when the salvage still describes its file: the same file (not one a repair or compaction renamed over
     * it) with the same length and modification time, or changed since by appends less than
     * {@link #RESALVAGE_INTERVAL_NS} ago.
     */
    private static boolean isCurrent(final Salvage kept) {
        try {
            final BasicFileAttributes now = Files.readAttributes(kept.file(), BasicFileAttributes.class);
            if (!Objects.equals(now.fileKey(), kept.fileKey())) {
                return false;
            }
            return now.size() == kept.length() && now.lastModifiedTime().toMillis() == kept.modified()
                || System.nanoTime() - kept.madeNs() < RESALVAGE_INTERVAL_NS;
        } catch (final IOException e) {
            return false; // deleted (retention): look again
        }
    }

    private Salvage salvage(final int cycle) {
        final Salvage kept = byCycle.get(cycle);
        if (kept != null && isCurrent(kept)) {
            return kept;
        }
        final Path file = QueueStore.cycleFiles(dir.resolve("queue"), rollPeriod).get(cycle);
        if (file == null) {
            return null;
        }
        try {
            final BasicFileAttributes stamp = Files.readAttributes(file, BasicFileAttributes.class);
            if (check == null) {
                check = new SoundBlockCheck(new BlockCipher(new KeyStore(dir)));
            }
            final CycleSalvage.Result result = CycleSalvage.run(file, rollPeriod, cycle, check,
                IndexFile.read(dir, 64), CycleSummary.read(dir).get(cycle));
            final Salvage made = new Salvage(file, stamp.fileKey(), stamp.size(), stamp.lastModifiedTime().toMillis(),
                System.nanoTime(), result);
            byCycle.put(cycle, made);
            isAnyBroken |= !result.breaks().isEmpty();
            return made;
        } catch (final IOException e) {
            throw new JournalException("cannot salvage " + file + ": " + e.getMessage(), e);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealIds;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.internal.StagingArea;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.ledger.LedgerFile;
import org.agrona.collections.LongHashSet;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Seals what killed writers left staged, exactly once. A writer seals a slot in this order: encode, mark the
 * slot SEALING, append the excerpt (carrying the slot's seal id), index, free the slot. So after a kill:
 * <ul>
 *   <li>an OPEN slot's events never reached the queue: seal them now;</li>
 *   <li>a SEALING slot's block may or may not be in the queue. A writer seals one block at a time, so if it
 *       got there it is that writer's last excerpt: look back for the writer's last excerpt and compare seal
 *       ids. Found: free the slot. Not found: seal it now. Only excerpts past the queue index the staging file
 *       recorded when it was made count: writer ids and seal sequences start again in every process, so an
 *       earlier life of the same writer id left excerpts with the same seal ids before it.</li>
 * </ul>
 * Chronicle itself recovers an excerpt torn by the kill (its header never completes), so a torn append
 * reads as "not found" and is sealed again whole. Every SEALING slot is looked up before recovery appends
 * anything: the blocks recovery writes carry their writers' ids too, and would hide the answer.
 * <p>A staging file of an ingest writer (a non-zero ingest session id) ends its session in the ingest ledger
 * ({@code SESSION_END} with the writer's settled append count) before its slots are touched.
 */
public final class Recovery {
    private Recovery() {
    }

    /**
     * Seals what killed writers of {@code journal} left in its staging files, each block exactly once.
     *
     * @param journal a journal just opened for writing, before any writer of its own exists.
     * @return what was recovered.
     * @throws JournalException when a staging file cannot be read or sealed.
     */
    public static RecoveryReport recover(final Journal journal) {
        return recover(journal, false);
    }

    /**
     * As {@link #recover(Journal)}; with {@code isDroppingDamagedSlots} (what {@code spoor repair} asks), a slot
     * whose events do not read (a flipped type code, a cut file) is dropped, counted and named in the report,
     * instead of refusing the whole file, so the intact slots are sealed and the journal can be written again.
     *
     * @param journal               a journal just opened for writing, before any writer of its own exists.
     * @param isDroppingDamagedSlots true to drop damaged slots; false to refuse them, naming the file.
     * @return what was recovered, and dropped.
     * @throws JournalException when a staging file cannot be read or sealed (or, not dropping, holds a damaged slot).
     */
    public static RecoveryReport recover(final Journal journal, final boolean isDroppingDamagedSlots) {
        final JournalInternals internals = JournalInternals.of(journal);
        final Path dir = internals.stagingDir();
        final RecoveryReport report = new RecoveryReport();
        if (!Files.isDirectory(dir)) {
            return report;
        }
        deleteUnfinishedStagingFiles(dir);
        final List<Path> files = stagingFiles(dir);
        final LongHashSet alreadySealed = sealedBeforeTheKill(journal, files);
        for (final Path file : files) {
            recoverFile(journal, file.toFile(), alreadySealed, report, isDroppingDamagedSlots);
        }
        JournalInternals.of(journal).refreshIndex();
        return report;
    }

    /** Seal ids of SEALING slots whose block the queue already holds. */
    private static LongHashSet sealedBeforeTheKill(final Journal journal, final List<Path> files) {
        final LongHashSet sealed = new LongHashSet();
        for (final Path file : files) {
            try (StagingArea area = StagingArea.open(file.toFile())) {
                for (int slot = 0; slot < area.slotCount(); slot++) {
                    if (area.state(slot) == StagingLayout.SEALING && area.count(slot) > 0
                        && isInQueue(journal, area.sealId(slot), area.queueIndexAtStart())) {
                        sealed.add(area.sealId(slot));
                    }
                }
            }
        }
        return sealed;
    }

    private static void recoverFile(final Journal journal, final File file, final LongHashSet alreadySealed,
        final RecoveryReport report, final boolean isDroppingDamagedSlots) {
        final JournalInternals internals = JournalInternals.of(journal);
        try (StagingArea area = StagingArea.open(file); QueueStore.Appender appender = internals.queue().appender()) {
            endIngestSession(journal, area, report);
            final BlockEncoder encoder = new BlockEncoder(area.slotEvents())
                .policyVersion(journal.policyVersion().version())
                .formatVersion(journal.config().blockFormatVersion()).clockLattice(journal.config().isClockLattice());
            final BlockCipher cipher = journal.policy().isEncrypted() ? new BlockCipher(internals.keys()) : null;
            final EventBatch batch = new EventBatch(area.slotEvents());
            // A full disk may have stopped the writer: the pages of slots already sealed are the room its staged
            // blocks need in the queue, and each slot sealed below gives its own back as well.
            for (int slot = 0; slot < area.slotCount(); slot++) {
                if (area.state(slot) == StagingLayout.FREE) {
                    report.bytesReleased += area.releaseSpace(slot);
                }
            }
            for (final int slot : slotsInOpeningOrder(area)) {
                final int state = area.state(slot);
                if (state == StagingLayout.FREE) {
                    continue;
                }
                final boolean isSealed = state == StagingLayout.SEALING && alreadySealed.contains(area.sealId(slot));
                if (area.count(slot) > 0 && !isSealed) {
                    try {
                        area.readInto(slot, batch);
                    } catch (final JournalException damaged) {
                        if (!isDroppingDamagedSlots) {
                            throw new JournalException(damaged.getMessage() + "; `spoor repair` seals the file's"
                                + " intact slots and drops this one (" + area.count(slot) + " events)", damaged);
                        }
                        report.dropped.add(file.getName() + " slot " + slot + ": " + area.count(slot) + " events of"
                            + " device " + DeviceRegistry.hex(area.deviceId(slot)) + " (" + damaged.getMessage() + ")");
                        report.eventsDropped += area.count(slot);
                        area.free(slot);
                        continue;
                    }
                    final int length = encoder.encode(area.deviceId(slot), batch);
                    area.markSealing(slot);
                    if (cipher != null) {
                        final int sealedLength = cipher.encrypt(area.deviceId(slot), encoder.blockBuffer(), length);
                        final long sealId = SealedExcerpt.encryptedSealId(area.sealId(slot));
                        appender.append(sealId, cipher.output(), sealedLength);
                    } else {
                        appender.append(area.sealId(slot), encoder.blockBuffer(), length);
                    }
                    report.blocksSealed++;
                    report.eventsRecovered += batch.size();
                } else if (area.count(slot) > 0) {
                    report.blocksAlreadyInQueue++;
                }
                area.free(slot);
                report.bytesReleased += area.releaseSpace(slot);
            }
        }
        try {
            Files.delete(file.toPath());
        } catch (final IOException e) {
            throw new JournalException("recovered " + file + " but cannot delete it: " + e.getMessage(), e);
        }
    }

    /**
     * An ingest writer's session ends in the ledger with the count its staging file settles on, before any slot is
     * freed (the count's last event is recognised by its slot) and so before the file is deleted. A kill after
     * this leaves the file, and the next recovery writes the same count again, which the ledger takes as one.
     */
    private static void endIngestSession(final Journal journal, final StagingArea area, final RecoveryReport report) {
        final long sessionId = area.ingestSessionId();
        if (sessionId != 0) {
            // The kill may have torn the session's last ledger record: the end must follow the last whole one.
            LedgerFile.cutTornTail(journal.directory());
            LedgerFile.appendSessionEnd(journal.directory(), sessionId, area.settleAppendedEvents());
            report.ingestSessionsEnded++;
        }
    }

    /**
     * Non-free slots by seal id, which grows as slots are opened. A device can have a block on its way to
     * the queue and a newer one open; sealing in opening order keeps its events in order.
     */
    private static int[] slotsInOpeningOrder(final StagingArea area) {
        final List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < area.slotCount(); slot++) {
            if (area.state(slot) != StagingLayout.FREE) {
                slots.add(slot);
            }
        }
        slots.sort(Comparator.comparingLong(area::sealId));
        return slots.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * True when the last excerpt written by the seal id's writer past {@code after} (the staging file's queue index
     * at start) carries that seal id. Looked for forwards through
     * the last cycle file holding such an excerpt of that writer, newest cycle first: a kill during a cycle's first
     * append leaves a cycle file with only a header that never completed, on which Chronicle's backward
     * {@code toEnd()} fails, falls back to {@code toStart()} and trips its own assertions. Costs one pass over the
     * last cycle's excerpts (their first 8 bytes) per SEALING slot, at recovery only.
     */
    private static boolean isInQueue(final Journal journal, final long sealId, final long after) {
        final int writerId = SealIds.writerOf(sealId);
        final QueueStore queue = JournalInternals.of(journal).queue();
        for (final int cycle : queue.cycleFiles().descendingKeySet()) {
            if (after >= 0 && cycle < queue.cycleOf(after)) {
                return false; // cycles before the file was made hold none of its blocks
            }
            try (QueueStore.Cursor cursor = queue.cursor()) {
                if (!cursor.seekTo(queue.firstIndexOf(cycle))) {
                    continue; // no whole excerpt in this cycle
                }
                boolean isFound = false;
                long last = 0;
                for (long first = cursor.nextFirstLong(); cursor.index() >= 0 && queue.cycleOf(cursor.index()) == cycle;
                    first = cursor.nextFirstLong()) {
                    if (!cursor.hasFirstLong() || cursor.index() <= after) {
                        continue; // no seal id (zero-length or torn), or from before this writer's life
                    }
                    // Without the ENCRYPTED flag: with it, the top bit would read as part of the writer id.
                    final long found = first & ~SealedExcerpt.ENCRYPTED;
                    if (SealIds.writerOf(found) == writerId) {
                        isFound = true;
                        last = found;
                    }
                }
                if (isFound) {
                    return last == sealId;
                }
            }
        }
        return false;
    }

    /**
     * A writer killed while creating its staging file leaves it under its temporary name, before any event could
     * be staged in it: nothing to seal.
     */
    private static void deleteUnfinishedStagingFiles(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path file : (Iterable<Path>)files::iterator) {
                if (file.getFileName().toString().endsWith(".stg" + StagingArea.TEMPORARY_SUFFIX)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (final IOException e) {
            throw new JournalException("cannot delete unfinished staging files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> stagingFiles(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".stg")).sorted()
                .collect(Collectors.toList());
        } catch (final IOException e) {
            throw new JournalException("cannot list staging files in " + dir + ": " + e.getMessage(), e);
        }
    }
}

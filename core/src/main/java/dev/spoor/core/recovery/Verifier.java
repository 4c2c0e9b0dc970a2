/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.CorruptBlockException;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.governance.CompactionFile;
import dev.spoor.core.governance.ErasureFile;
import dev.spoor.core.governance.Erasures;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.governance.RetentionFile;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.CycleCheck;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.JournalMeta;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.PolicyFile;
import dev.spoor.core.internal.RecordLog;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.ledger.IngestLedger;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.SourceKeys;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks every excerpt: framing, block header, checksum, full decode, and agreement with the index; then reads the
 * ingest ledger.
 */
public final class Verifier {
    private Verifier() {
    }

    /**
     * The excerpt the cursor read is one a damaged header frames wrongly, in a cycle whose framing breaks: named,
     * and the walk goes on at the next cycle file. Chronicle must not walk the bytes after such a header: a length
     * read from inside a block can send it past the end of the file, where the read faults.
     *
     * @return false when there is no later cycle file to go on with.
     */
    private static boolean skipBrokenCycle(final VerifyReport report, final SalvagedCycles salvage,
        final QueueStore queue, final QueueStore.Cursor cursor, final int cycle) {
        final int whole = SealedExcerpt.wholeLength(cursor.bytes(), cursor.length());
        report.addDamagedBlock(cycle, cursor.index(), "a damaged excerpt header: it frames " + cursor.length()
            + " bytes" + (whole < 0 ? ", no block" : ", its block takes " + whole) + "; the cycle file's framing"
            + " breaks (" + salvage.breaks(cycle) + "); readers read past it, and spoor repair rewrites the file"
            + " with every sound block it can place");
        final Integer next = queue.cycleFiles().higherKey(cycle);
        return next != null && cursor.seekTo(queue.firstIndexOf(next));
    }

    /**
     * Walks every block of {@code journal}: excerpt framing, header, checksum, a full decode, and the index
     * entry. Appends by writers go on meanwhile; the journal's lock is held only to take a copy of the index.
     * Blocks lying entirely inside an erased range ({@link Journal#erasures()}) are counted as erased, not
     * decoded (their index entry is still checked); the events counted are those readers return, so erased
     * events of a block partly inside a range are left out of {@link VerifyReport#events()}. A damaged ingest
     * ledger ({@code ingest-ledger.spoor}: a record failing its checksum before the end, one this build cannot
     * read, or a session it cannot resolve) is a problem naming the file.
     *
     * @param journal an open journal.
     * @return the problems found, each with cycle, queue index and reason.
     */
    public static VerifyReport verify(final Journal journal) {
        final JournalInternals internals = JournalInternals.of(journal);
        final VerifyReport report = new VerifyReport();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(journal.config().blockEvents());
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
        final BlockCipher cipher = new BlockCipher(internals.keys());
        final QueueStore queue = internals.queue();
        final Erasures erasures = erasuresOrNone(journal);
        final SalvagedCycles salvage = new SalvagedCycles(journal.directory(), journal.config().rollPeriod());
        verifyCycleFiles(journal, internals, report);
        final NavigableMap<Integer, CycleSummary.Entry> expected = internals.cycleEntries();
        final Map<Integer, long[]> read = new TreeMap<>();
        int position = 0;
        final long lastInQueue;
        final BlockIndex index;
        synchronized (internals.lock()) {
            // The queue's end first, then the index up to it: a block sealed in between is in neither.
            lastInQueue = queue.lastIndex();
            internals.refreshIndex();
            final BlockIndex live = internals.index();
            index = live.copyWhere(entry -> live.queueIndex(entry) <= lastInQueue);
        }
        int maxPolicyVersion = 0;
        try (QueueStore.Cursor cursor = queue.cursor().after(-1)) {
            while (cursor.next()) {
                final long queueIndex = cursor.index();
                if (queueIndex > lastInQueue) {
                    break; // sealed after the snapshot: the next verify sees it
                }
                final int cycle = queue.cycleOf(queueIndex);
                final long[] seen = read.computeIfAbsent(cycle, c -> new long[] {0, -1});
                seen[0]++;
                seen[1] = queueIndex;
                final int length = cursor.length() - SealedExcerpt.BLOCK_OFFSET;
                if (SealedExcerpt.wholeLength(cursor.bytes(), cursor.length()) != cursor.length()
                    && salvage.isFramingBroken(cycle)) {
                    if (skipBrokenCycle(report, salvage, queue, cursor, cycle)) {
                        continue;
                    }
                    break;
                }
                if (SealedExcerpt.isCompacted(cursor.length())) {
                    // Compaction's tombstone: an erased block removed from disk, its queue index kept.
                    position = skipIndexEntry(index, position, queueIndex);
                    continue;
                }
                if (length <= 0) {
                    report.addDamagedBlock(cycle, queueIndex, "excerpt of " + cursor.length()
                        + " bytes holds no block");
                    continue;
                }
                view.wrap(cursor.bytes(), SealedExcerpt.BLOCK_OFFSET, length);
                try {
                    if (SealedExcerpt.isEncrypted(cursor.bytes())) {
                        header.wrap(view, 0, length);
                        final int plain = cipher.decrypt(header.deviceId(), cursor.bytes(), SealedExcerpt.BLOCK_OFFSET,
                            length);
                        if (plain < 0) {
                            report.addErased();
                            position = checkIndexEntry(report, index, position, queueIndex, cycle, header, length);
                            continue;
                        }
                        view.wrap(cipher.output(), 0, plain);
                    }
                    header.wrap(view, 0, view.capacity());
                    maxPolicyVersion = Math.max(maxPolicyVersion, header.policyVersion());
                    if (erasures.covers(header.deviceId(), header.minTimestampNs(), header.maxTimestampNs())) {
                        // Erased, not a problem: its bytes wait for compaction, and no reader decodes it.
                        report.addErased();
                        position = checkIndexEntry(report, index, position, queueIndex, cycle, header, length);
                        continue;
                    }
                    decoder.decode(view, 0, view.capacity(), batch);
                    report.addBlock(liveEvents(erasures, header.deviceId(), batch), length);
                } catch (final JournalException e) {
                    report.addDamagedBlock(cycle, queueIndex, e.getMessage());
                    position = skipIndexEntry(index, position, queueIndex);
                    continue;
                } catch (final CorruptBlockException e) {
                    report.addDamagedBlock(cycle, queueIndex, e.getMessage());
                    position = skipIndexEntry(index, position, queueIndex);
                    continue;
                }
                position = checkIndexEntry(report, index, position, queueIndex, cycle, header, length);
            }
        }
        if (position < index.size()) {
            report.addIndexProblem(index.cycle(position), index.queueIndex(position), "index lists "
                + (index.size() - position) + " block(s) from here on that the queue does not hold");
        }
        verifySummary(internals.cycleCheck(), expected.tailMap(RetentionFile.firstKept(journal.directory()), true),
            read, report);
        verifyPolicyVersions(journal.directory(), maxPolicyVersion, report);
        verifyLedger(journal, report);
        verifyFiles(journal.directory(), journal, report);
        return report;
    }

    /**
     * Every side file a journal reads back, each on its own, so that one damaged file is named without hiding
     * another: a problem names the file, the offset where known, and what is wrong.
     */
    private static void verifyFiles(final Path dir, final Journal journal, final VerifyReport report) {
        check(report, JournalMeta.FILE_NAME, () -> JournalMeta.read(dir));
        check(report, DeviceRegistry.FILE_NAME, () -> {
            if (journal.devices().damage() != null) {
                throw new JournalException(journal.devices().damage());
            }
        });
        check(report, PolicyFile.FILE_NAME, () -> PolicyFile.read(dir));
        check(report, AuditLog.FILE_NAME, () -> AuditLog.read(dir));
        check(report, RetentionFile.FILE_NAME, () -> RetentionFile.firstKept(dir));
        check(report, CompactionFile.FILE_NAME, () -> CompactionFile.check(dir));
        check(report, KeyStore.FILE_NAME, () -> KeyStore.check(dir));
        check(report, SourceKeys.SECRET_FILE_NAME, () -> SourceKeys.check(dir));
        check(report, ErasureFile.FILE_NAME, () -> {
            ErasureFile.checkAgainstAudit(dir, ErasureFile.read(dir));
            final long torn = ErasureFile.tornTailBytes(dir);
            if (torn > 0) {
                throw new JournalException(dir.resolve(ErasureFile.FILE_NAME) + " ends in " + torn + " bytes of a torn"
                    + " record: an erase that did not return, or a cut file; run the erasure again (its append cuts"
                    + " the torn bytes first)");
            }
        });
        for (final String log : new String[] {PolicyFile.FILE_NAME, AuditLog.FILE_NAME, RetentionFile.FILE_NAME,
            CompactionFile.FILE_NAME, KeyStore.FILE_NAME, SourceKeys.SECRET_FILE_NAME}) {
            check(report, log, () -> checkTornTail(dir.resolve(log)));
        }
        for (final String leftover : Governance.compactionLeftovers(dir)) {
            report.addNote(leftover + "/ was left by a compaction that did not finish: it holds rewritten copies of"
                + " cycles, not read by anything; the next `spoor compact` deletes it");
        }
        final String index = IndexFile.damage(dir);
        if (index != null) {
            report.addFileProblem(IndexFile.FILE_NAME, index + "; derived data: rebuilt from the queue in memory,"
                + " and rewritten whole by the next writer's close");
        }
    }

    /** An unreadable erasure file is reported by {@link #verifyFiles}; the blocks are checked all the same. */
    private static Erasures erasuresOrNone(final Journal journal) {
        try {
            return journal.erasures();
        } catch (final JournalException reportedWithTheFiles) {
            return Erasures.NONE;
        }
    }

    /**
     * A record log ending in a torn record: a crash during an append (its next append cuts it) or a cut file, which
     * may have lost whole records before it; either way worth a look. Not the ingest ledger, whose torn tails are
     * the expected trace of a killed ingest and cut by the next session.
     */
    private static void checkTornTail(final Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        final byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4) {
                return; // too short for a magic: the file's own reader names it
            }
        } catch (final IOException e) {
            throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        final long torn;
        try {
            torn = RecordLog.tornTailBytes(file, magic, RecordLog.MAX_PAYLOAD_BYTES);
        } catch (final JournalException reportedByItsReader) {
            return;
        }
        if (torn > 0) {
            throw new JournalException(file + " ends in " + torn + " bytes of a torn record: an append that did not"
                + " finish (the next append cuts it) or a cut file, which may have lost records before it");
        }
    }

    private static void check(final VerifyReport report, final String file, final Runnable read) {
        try {
            read.run();
        } catch (final JournalException e) {
            report.addFileProblem(file, e.getMessage());
        }
    }

    /**
     * Each cycle holds at least the excerpts the cycle summary knows (a file zeroed in its middle reads short);
     * damaged cycles were reported already.
     */
    private static void verifySummary(final CycleCheck.Result check, final NavigableMap<Integer,
        CycleSummary.Entry> expected, final Map<Integer, long[]> read, final VerifyReport report) {
        for (final CycleSummary.Entry entry : expected.values()) {
            final long[] seen = read.getOrDefault(entry.cycle(), new long[] {0, -1});
            if (check.damageOf(entry.cycle()) == null && entry.excerpts() > 0 && seen[1] < entry.lastIndex()) {
                report.addCycleProblem(entry.cycle(), "queue", "cycle " + entry.cycle() + " reads " + seen[0]
                    + " excerpts up to 0x" + Long.toHexString(seen[1]) + " but the cycle summary knows "
                    + entry.excerpts() + " up to 0x" + Long.toHexString(entry.lastIndex()) + " (" + entry.events()
                    + " events)");
            }
        }
    }

    /** The ingest ledger: every record whole and readable, and every source's progress resolvable. */
    /** Names the cycle files for block problems, and reports damaged cycle files and a damaged summary. */
    private static void verifyCycleFiles(final Journal journal, final JournalInternals internals,
        final VerifyReport report) {
        final Map<Integer, String> cycleFiles = new HashMap<>();
        internals.queue().cycleFiles().forEach((cycle, file) -> cycleFiles.put(cycle, "queue/" + file.getFileName()));
        report.cycleFiles(cycleFiles);
        for (final CycleCheck.Damage damage : internals.cycleCheck().damage()) {
            report.addCycleProblem(damage.cycle(), "queue/" + damage.file().getFileName(), damage.describe());
        }
        final CycleCheck.DamagedEnd end = internals.cycleCheck().damagedEnd();
        if (end != null) {
            report.addCycleProblem(end.cycle(), "queue/" + end.file().getFileName(), "at the end of the newest cycle"
                + " file, " + end.detail() + ": readers find the end of the queue by walking, and the journal is not"
                + " opened for writing until spoor repair rewrites the file");
        }
        if (internals.cycleCheck().summaryProblem() != null) {
            report.addFileProblem(CycleSummary.FILE_NAME, internals.cycleCheck().summaryProblem());
        } else {
            CycleSummary.recordProblems(journal.directory()).forEach(p -> report.addFileProblem(CycleSummary.FILE_NAME,
                p));
        }
    }

    /** A policy file cut or lost: writers refuse to go on (Journal's check), so verify names it. */
    private static void verifyPolicyVersions(final Path dir, final int maxPolicyVersion, final VerifyReport report) {
        final int stored;
        try {
            stored = PolicyFile.read(dir).size();
        } catch (final JournalException reportedWithTheFiles) {
            return;
        }
        if (maxPolicyVersion > stored) {
            report.addFileProblem(PolicyFile.FILE_NAME, (stored == 0 ? "is missing or holds no whole record"
                : "holds " + stored + " policy version(s)") + ", but blocks were written under version "
                + maxPolicyVersion + ": the file was cut or deleted; restore it from a backup (reading is safe;"
                + " writers refuse to go on without it)");
        }
    }

    private static void verifyLedger(final Journal journal, final VerifyReport report) {
        final Path dir = journal.directory();
        final boolean hasRun = Files.exists(dir.resolve(IngestLedger.LOCK_FILE_NAME))
            && report.blocks() + report.damagedBlocks() > 0;
        if (hasRun && !Files.exists(dir.resolve(LedgerFile.FILE_NAME))) {
            report.addFileProblem(LedgerFile.FILE_NAME, "is missing, but ingest sessions ran on this journal ("
                + IngestLedger.LOCK_FILE_NAME + " is there) and it holds blocks: if ingests stored them, restore it"
                + " from a backup; a re-run of those ingests would find no record of their files and store every"
                + " event again");
            return;
        }
        try {
            journal.ingestLedger().sources();
            final String secret = journal.ingestLedger().secretProblem();
            if (secret != null) {
                report.addFileProblem(SourceKeys.SECRET_FILE_NAME, secret);
            }
        } catch (final JournalException e) {
            report.addFileProblem(LedgerFile.FILE_NAME, e.getMessage());
        }
    }

    /** Events of the batch outside every erased range: what readers still return. */
    private static int liveEvents(final Erasures erasures, final long device, final EventBatch batch) {
        if (!erasures.hasDevice(device)) {
            return batch.size();
        }
        int live = 0;
        for (int i = 0; i < batch.size(); i++) {
            live += erasures.isErased(device, batch.timestampNs(i)) ? 0 : 1;
        }
        return live;
    }

    private static int skipIndexEntry(final BlockIndex index, final int position, final long queueIndex) {
        return position < index.size() && index.queueIndex(position) == queueIndex ? position + 1 : position;
    }

    private static int checkIndexEntry(final VerifyReport report, final BlockIndex index, final int position,
        final long queueIndex, final int cycle, final BlockHeaderFlyweight header, final int length) {
        if (position >= index.size() || index.queueIndex(position) != queueIndex) {
            report.addIndexProblem(cycle, queueIndex, "block is missing from the index");
            return position;
        }
        if (index.deviceId(position) != header.deviceId() || index.minTimestampNs(position) != header.minTimestampNs()
            || index.maxTimestampNs(position) != header.maxTimestampNs()
            || index.eventCount(position) != header.eventCount() || index.blockBytes(position) != length) {
            report.addIndexProblem(cycle, queueIndex, "index entry disagrees with the block header: [device="
                + DeviceRegistry.hex(index.deviceId(position)) + "/" + DeviceRegistry.hex(header.deviceId())
                + ", min=" + index.minTimestampNs(position) + "/" + header.minTimestampNs() + ", events="
                + index.eventCount(position) + "/" + header.eventCount() + ", bytes=" + index.blockBytes(position)
                + "/" + length + "]");
        }
        return position + 1;
    }
}

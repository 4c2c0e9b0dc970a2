/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.JvmFlags;
import dev.spoor.core.recovery.RecoveryReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The governance operations on a journal: retention, erasure, compaction and the audit log. Kept apart from
 * {@link Journal}, whose job is appending and reading, so what data leaves a journal and how is found in one
 * place. Get it from {@link Journal#governance()}; every operation is recorded in the audit log
 * ({@code audit.spoor}) with the tool that ran it (the {@code spoor.tool} system property, or "java api").
 */
public final class Governance {
    private static final String TOOL_PROPERTY = "spoor.tool";
    private static final String DEFAULT_TOOL = "java api";

    private final Journal journal;
    private final JournalInternals internals;

    private Governance(final Journal journal) {
        this.journal = journal;
        this.internals = JournalInternals.of(journal);
    }

    /**
     * @param journal an open journal.
     * @return its governance operations.
     */
    public static Governance of(final Journal journal) {
        return new Governance(journal);
    }

    /**
     * Deletes whole roll cycles older than {@code maxAgeMs} (by the journal's clock), with their index
     * entries, and records it in the audit log. Safe while this or another process writes and reads: the
     * current cycle is never touched, and every process drops the deleted cycles from its index when it
     * sees {@code retention.spoor} change.
     * <p>All or nothing under SIGKILL: the first cycle kept is recorded in {@code retention.spoor} (synced) before
     * any file is deleted, then audited, then the files go. A run killed before the record changed nothing; one
     * killed after it has applied: every open of the journal (read only too) and every process that sees the record
     * deletes what is left of those cycles before it reads the queue.
     *
     * @param maxAgeMs how long data is kept, ms, positive.
     * @return what was deleted.
     * @throws IllegalArgumentException when maxAgeMs is not positive.
     * @throws JournalException when a cycle file cannot be deleted.
     */
    public RetentionReport retain(final long maxAgeMs) {
        internals.checkOpen();
        if (maxAgeMs <= 0) {
            throw new IllegalArgumentException("maxAgeMs=" + maxAgeMs + " must be positive");
        }
        if (!internals.cycleCheck().isClean()) {
            throw new JournalException("journal " + journal.directory() + " has damaged cycle files, so retention does"
                + " not run: " + internals.cycleCheck().damage().get(0).describe() + ". Run `spoor repair` first");
        }
        final RetentionReport report;
        synchronized (internals.lock()) {
            internals.refreshIndex();
            final JournalConfig config = journal.config();
            final long now = config.clock().millis();
            final int firstKept = (int)Math.min(config.rollPeriod().cycleOf(now - maxAgeMs),
                config.rollPeriod().cycleOf(now));
            final BlockIndex index = internals.index();
            long blocks = 0;
            long events = 0;
            for (int i = 0; i < index.size(); i++) {
                if (index.cycle(i) < firstKept) {
                    blocks++;
                    events += index.eventCount(i);
                }
            }
            final List<Path> doomed = List.copyOf(internals.queue().cycleFiles().headMap(firstKept, false).values());
            long bytes = 0;
            for (final Path file : doomed) {
                bytes += sizeOf(file);
            }
            report = new RetentionReport(firstKept, doomed.size(), blocks, events, bytes);
            // The record first, synced: from then on every reader leaves the cycles out and whoever sees the record
            // deletes what is left of them, so a run killed anywhere applies whole (the record is there) or not at
            // all (nothing was deleted yet). Then the audit entry, so a retention that applied is audited. The
            // record also tells verify that the cycles the summary knows before it are gone on purpose.
            final Path dir = journal.directory();
            if (firstKept > RetentionFile.firstKept(dir)) {
                RetentionFile.write(dir, firstKept);
            }
            audit("retention", "kept " + maxAgeMs + " ms: deleted " + report.cyclesDeleted() + " cycle files before"
                + " cycle " + report.firstKeptCycle() + ", " + report.blocksDeleted() + " blocks, "
                + report.eventsDeleted() + " events, " + report.bytesFreed() + " bytes");
            for (final Path file : doomed) {
                deleteCycleFile(file);
            }
            internals.applyRetention();
            if (!internals.isReadOnly()) {
                journal.writeIndex();
            }
        }
        return report;
    }

    /**
     * Erases a device: every event of it, whatever its time (see {@link #erase(String, long, long)}). On a journal
     * that has ever encrypted, the device's data keys are destroyed too, so its encrypted blocks cannot be
     * decrypted by anyone, even a reader that ignores {@code erasures.spoor}.
     *
     * @param deviceKey the device's key.
     * @return what was recorded and what it covers.
     * @throws IllegalArgumentException when the key was never registered in this journal.
     * @throws JournalException as {@link #erase(String, long, long)}.
     */
    public ErasureReport erase(final String deviceKey) {
        return erase(deviceKey, Erasure.WHOLE_FROM_NS, Erasure.WHOLE_TO_NS);
    }

    /**
     * Erases the events of a device with timestamps in [fromNs, toNs), on any journal, encrypted or not: appends
     * a record to {@code erasures.spoor} ({@link ErasureFile}), synced with its directory before this returns,
     * so it survives a kill or power cut from then on. Every reader, scan, tailer, export, verify and
     * {@code Journal.stats()} of every process, including processes that opened the journal earlier, honours it
     * from the next operation it starts after this returns. The bytes stay on disk until compaction.
     * <p>Needs no writer lock: it runs beside a collector and works on a journal opened read only (the file
     * takes its own lock for each append). Recorded in the audit log. A whole-device erasure
     * ({@code Long.MIN_VALUE .. Long.MAX_VALUE}) of a journal that has encrypted also destroys the device's keys,
     * and every whole-device erasure takes the device's key out of {@code devices.dict}
     * ({@link DeviceRegistry#forget(java.util.function.LongPredicate)}), so no journal file names it.
     *
     * @param deviceKey the device's key (a pseudonymous journal must be open with its key file).
     * @param fromNs    first erased timestamp, epoch ns, inclusive.
     * @param toNs      end, epoch ns, exclusive; {@code Long.MAX_VALUE}: no end.
     * @return what was recorded, with the blocks and events it covers counted from the index.
     * @throws IllegalArgumentException when fromNs &gt;= toNs, or the key was never registered here (nothing is
     *                                  written then).
     * @throws JournalException when the journal keeps keyed pseudonyms and was opened without its key file, or
     *                          the file cannot be written.
     */
    public ErasureReport erase(final String deviceKey, final long fromNs, final long toNs) {
        internals.checkOpen();
        return erase(journal.devices().lookup(deviceKey), "device '" + deviceKey + "'", fromNs, toNs);
    }

    /**
     * {@link #erase(String, long, long)} by the device's id, for a device whose key is not known any more: the id
     * the audit log and {@code verify} name (a lost {@code erasures.spoor} is restored by erasing again what the audit
     * log records), or one written with no device dictionary.
     *
     * @param deviceId the device's id in this journal.
     * @param fromNs   first erased timestamp, epoch ns, inclusive.
     * @param toNs     end, epoch ns, exclusive; {@code Long.MAX_VALUE}: no end.
     * @return what was recorded.
     * @throws IllegalArgumentException when fromNs &gt;= toNs, or the id is in no block, no dictionary record and no
     *                                  audited erasure of this journal (nothing is written then).
     * @throws JournalException when the file cannot be written.
     */
    public ErasureReport eraseById(final long deviceId, final long fromNs, final long toNs) {
        internals.checkOpen();
        final boolean isAudited = auditLog().stream().anyMatch(e -> isEraseOf(e, deviceId));
        return erase(deviceId, isAudited ? null : "device id " + DeviceRegistry.hex(deviceId), fromNs, toNs);
    }

    /**
     * @param entry    an audit entry.
     * @param deviceId a device.
     * @return true when it is an {@code erase} of that device: named by its 16 hex digits, or as entries written
     *         before 2026-12-01 named it, without leading zeros.
     */
    static boolean isEraseOf(final AuditEntry entry, final long deviceId) {
        return "erase".equals(entry.action()) && (entry.details().startsWith("device " + DeviceRegistry.hex(deviceId)
            + " ") || entry.details().startsWith("device " + Long.toHexString(deviceId) + " "));
    }

    /**
     * @param named the device as the caller named it, for the message when it is unknown; null when it is known to
     *              the audit log, and need not be in the index or dictionary any more.
     */
    private ErasureReport erase(final long id, final String named, final long fromNs, final long toNs) {
        final Erasure erasure = new Erasure(id, fromNs, toNs, journal.config().clock().millis());
        if (isErasedAlready(erasure)) {
            // Erased already, by one record or several: nothing new to record (a second run of the same request, or
            // after compaction, when the device is in no index any more), but what a run killed after its record
            // left undone is done now.
            return completeEarlierRun(erasure);
        }
        final long[] counts = new long[4];
        synchronized (internals.lock()) {
            internals.refreshIndex();
            final BlockIndex index = internals.index();
            if (named != null && journal.devices().keyOf(id) == null && Arrays.binarySearch(index.devices(), id) < 0) {
                throw new IllegalArgumentException(named + " [id=0x" + Long.toHexString(id) + "] was never"
                    + " registered in journal " + journal.directory() + ": nothing to erase");
            }
            countCovered(index, erasure, counts);
        }
        ErasureFile.append(journal.directory(), erasure);
        final int destroyed = destroyKeys(erasure);
        final DeviceRegistry.Forgotten forgotten = forgetKey(erasure);
        final ErasureReport report = new ErasureReport(erasure, counts[0], counts[1], counts[2], counts[3],
            destroyed, forgotten.records(), forgotten.unread(), false, false);
        audit("erase", "device " + DeviceRegistry.hex(id) + " " + range(erasure) + ": " + report.blocksWhole()
            + " whole blocks (" + report.eventsWhole() + " events), " + report.blocksPartly() + " blocks partly ("
            + report.eventsPartly() + " events at most), " + destroyed + " data key(s) destroyed"
            + (erasure.isWholeDevice() ? ", " + forgotten.records() + " key record(s) taken out of "
            + DeviceRegistry.FILE_NAME + (forgotten.unread() == null ? "" : "; " + forgotten.unread()) : ""));
        return report;
    }

    /** A whole-device erasure of a journal that has encrypted destroys the device's data keys. */
    private int destroyKeys(final Erasure erasure) {
        if (erasure.isWholeDevice() && journal.policyHistory().stream().anyMatch(v -> v.policy().isEncrypted())) {
            return internals.keys().erase(erasure.deviceId());
        }
        return 0;
    }

    /** A whole-device erasure takes the device's key out of the dictionary. */
    private DeviceRegistry.Forgotten forgetKey(final Erasure erasure) {
        if (!erasure.isWholeDevice()) {
            return new DeviceRegistry.Forgotten(0, null);
        }
        try {
            return journal.devices().forget(deviceId -> deviceId == erasure.deviceId());
        } catch (final JournalException notRewritten) {
            // The erasure is recorded and in force: it is audited whatever befalls the dictionary.
            return new DeviceRegistry.Forgotten(0, notRewritten.getMessage());
        }
    }

    /**
     * An erasure covered by earlier records: a run killed after appending its record may have left the keys, the
     * dictionary or the audit entry undone. Each step is idempotent; the audit entry is written when the audit log
     * holds none for the device.
     */
    private ErasureReport completeEarlierRun(final Erasure erasure) {
        final int destroyed = destroyKeys(erasure);
        final DeviceRegistry.Forgotten forgotten = forgetKey(erasure);
        final String device = "device " + DeviceRegistry.hex(erasure.deviceId()) + " ";
        final boolean isAudited = auditLog().stream().anyMatch(e -> isEraseOf(e, erasure.deviceId()));
        if (!isAudited) {
            audit("erase", device + range(erasure) + ": recorded by an earlier run that stopped before this entry; "
                + destroyed + " data key(s) destroyed" + (erasure.isWholeDevice() ? ", " + forgotten.records()
                + " key record(s) taken out of " + DeviceRegistry.FILE_NAME : ""));
        }
        return new ErasureReport(erasure, 0, 0, 0, 0, destroyed, forgotten.records(), forgotten.unread(), true,
            !isAudited);
    }

    /**
     * @return true when the journal's erasures cover the new one already; false too when they cannot be read (a lost
     *         {@code erasures.spoor}, whose erasures the audit log names: running them again is the way back).
     */
    private boolean isErasedAlready(final Erasure erasure) {
        try {
            return journal.erasures().covers(erasure.deviceId(), erasure.fromNs(), erasure.lastNs());
        } catch (final JournalException unreadable) {
            return false;
        }
    }

    /**
     * @param erasure an erasure.
     * @return its range for people: "all time" or "[fromNs, toNs) ns".
     */
    public static String range(final Erasure erasure) {
        if (erasure.isWholeDevice()) {
            return "all time";
        }
        return "[" + erasure.fromNs() + ", " + (erasure.toNs() == Erasure.WHOLE_TO_NS ? "end" : erasure.toNs())
            + ") ns";
    }

    /** Blocks wholly and partly inside the erasure, and their events: counts[0..3]. */
    private static void countCovered(final BlockIndex index, final Erasure erasure, final long[] counts) {
        for (int i = 0; i < index.size(); i++) {
            if (index.deviceId(i) != erasure.deviceId()
                || !erasure.overlaps(index.minTimestampNs(i), index.maxTimestampNs(i))) {
                continue;
            }
            final boolean isWhole = erasure.fromNs() <= index.minTimestampNs(i)
                && erasure.lastNs() >= index.maxTimestampNs(i);
            counts[isWhole ? 0 : 1]++;
            counts[isWhole ? 2 : 3] += index.eventCount(i);
        }
    }

    /**
     * Rewrites closed roll cycles without erased data, so its bytes are gone from disk, and records it in the
     * audit log. Online: it works beside a running collector and open readers in any process, and needs no
     * writer lock. Beside a writer it touches only cycles before the current one (wall clock) that a writer has
     * rolled past (a later cycle file exists); it waits for nothing else. With no writer (the journal's lock free,
     * held by compaction to its end) it rewrites the current cycle and the last file too, after sealing what
     * writers that did not close left staged ({@link Journal#sealStaged}), so their erased events go as well. Queue
     * indexes stay the same; every process rebuilds its index when it sees {@code compaction.spoor} change. A
     * SIGKILL at any point leaves a journal that opens and verifies clean. See {@code Compaction} for the order of
     * steps.
     *
     * @param dir the journal directory.
     * @return what was rewritten.
     * @throws JournalException when another compaction of the journal runs or a file cannot be rewritten.
     */
    public static CompactionReport compact(final Path dir) {
        return compact(dir, System.currentTimeMillis());
    }

    /**
     * As {@link #compact(Path)}, with the wall clock given (for journals written with another clock).
     *
     * @param dir   the journal directory.
     * @param nowMs now, epoch ms: the cycle holding it and later ones are never rewritten.
     * @return what was rewritten.
     * @throws JournalException when another compaction of the journal runs or a file cannot be rewritten.
     */
    public static CompactionReport compact(final Path dir, final long nowMs) {
        JvmFlags.check();
        // A killed writer's staged events are not in the queue yet: sealed first, an erased device's among them
        // are rewritten away below instead of staying staged, in plain form, until the next writer.
        final RecoveryReport sealed = Journal.sealStaged(dir);
        final CompactionReport compacted = Compaction.run(dir, nowMs);
        final CompactionReport report = sealed == null ? compacted : new CompactionReport(compacted.cyclesRewritten(),
            compacted.blocksRemoved(), compacted.blocksReencoded(), compacted.bytesRemoved(),
            compacted.cyclesLeftOpen(), compacted.mode(), compacted.keyRecordsRemoved(), sealed.eventsRecovered());
        AuditLog.append(dir, new AuditEntry(System.currentTimeMillis(), tool(), "compact", describe(report)));
        return report;
    }

    /**
     * For {@code verify}: the folders a compaction killed or failed before its end left in the journal directory.
     * They are no damage (the journal reads as before), and the next compaction deletes them.
     *
     * @param dir the journal directory.
     * @return their names, sorted; empty when none.
     * @throws JournalException when the directory cannot be listed.
     */
    public static List<String> compactionLeftovers(final Path dir) {
        try {
            return Compaction.leftovers(dir);
        } catch (final IOException e) {
            throw new JournalException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param report a compaction's report.
     * @return the line the audit log and {@code spoor compact} show for it.
     */
    public static String describe(final CompactionReport report) {
        return report.mode() + ": " + (report.stagedEventsSealed() == 0 ? "" : "first sealed "
            + report.stagedEventsSealed() + " staged events of a writer that did not close; ")
            + report.cyclesRewritten() + " cycle files rewritten, " + report.blocksRemoved() + " blocks dropped, "
            + report.blocksReencoded() + " blocks re-encoded, " + report.bytesRemoved() + " bytes removed"
            + (report.keyRecordsRemoved() == 0 ? "" : ", " + report.keyRecordsRemoved()
            + " key record(s) of devices erased whole taken out of " + DeviceRegistry.FILE_NAME)
            + (report.cyclesLeftOpen() == 0 ? "" : "; " + report.cyclesLeftOpen() + " open cycle"
            + (report.cyclesLeftOpen() == 1 ? " (the current one, or the last file, which a writer may still append"
            + " to) also holds" : "s (the current one, or the last file, which a writer may still append to) also"
            + " hold") + " erased data: the bytes stay until a run after the writer has rolled past, or a run while"
            + " no writer has the journal open (the events are hidden from every reader already)");
    }

    /**
     * Appends a line to the journal's audit log ({@code audit.spoor}).
     *
     * @param action  what was done.
     * @param details counts and names.
     */
    public void audit(final String action, final String details) {
        AuditLog.append(journal.directory(), new AuditEntry(journal.config().clock().millis(), tool(), action,
            details));
    }

    /**
     * @return the audit log, oldest first.
     */
    public List<AuditEntry> auditLog() {
        return AuditLog.read(journal.directory());
    }

    /**
     * @param dir a journal directory (need not be open).
     * @return its audit log, oldest first.
     */
    public static List<AuditEntry> auditLog(final Path dir) {
        return AuditLog.read(dir);
    }

    private static String tool() {
        return System.getProperty(TOOL_PROPERTY, DEFAULT_TOOL);
    }

    private static long sizeOf(final Path file) {
        try {
            return Files.size(file);
        } catch (final IOException e) {
            return 0; // deleted meanwhile, by another process finishing a retention
        }
    }

    private static void deleteCycleFile(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException e) {
            throw new JournalException("retention: cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}

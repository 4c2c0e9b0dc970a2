/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalException;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.JvmFlags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            int cycles = 0;
            long bytes = 0;
            for (final Path file : internals.queue().cycleFiles().headMap(firstKept, false).values()) {
                bytes += deleteCycleFile(file);
                cycles++;
            }
            final Path dir = journal.directory();
            if (firstKept > RetentionFile.firstKept(dir)) {
                RetentionFile.write(dir, firstKept);
            }
            internals.applyRetention();
            if (!internals.isReadOnly()) {
                journal.writeIndex();
            }
            report = new RetentionReport(firstKept, cycles, blocks, events, bytes);
        }
        audit("retention", "kept " + maxAgeMs + " ms: deleted " + report.cyclesDeleted() + " cycle files before cycle "
            + report.firstKeptCycle() + ", " + report.blocksDeleted() + " blocks, " + report.eventsDeleted()
            + " events, " + report.bytesFreed() + " bytes");
        return report;
    }

    /**
     * Erases a device: destroys its data keys, so none of its blocks can be read again, by any process, at
     * once; the cost does not depend on the journal's size. Only blocks written under an encrypting policy
     * are covered (see {@code PrivacyPolicy#encryption(boolean)}); the bytes stay on disk until compaction.
     *
     * @param deviceKey the device.
     * @return keys destroyed.
     * @throws JournalException when the journal has never encrypted, so nothing could be erased this way, or
     *                          keeps keyed pseudonyms and was opened without its key file.
     */
    public int erase(final String deviceKey) {
        final long id = journal.devices().lookup(deviceKey);
        if (journal.policyHistory().stream().noneMatch(v -> v.policy().isEncrypted())) {
            throw new JournalException("journal " + journal.directory() + " has never encrypted its blocks, so device '"
                + deviceKey + "' cannot be erased by destroying keys; turn encryption on in its policy");
        }
        final int destroyed = internals.keys().erase(id);
        audit("erase", "device " + Long.toHexString(id) + ": " + destroyed + " data key(s) destroyed");
        return destroyed;
    }

    /**
     * Rewrites closed roll cycles without the blocks of erased devices, so their bytes are gone from disk,
     * and records it in the audit log. Offline: no writer (it takes the lock) and no reader may have the
     * journal open; the index is rebuilt on the next open.
     *
     * @param dir the journal directory.
     * @return what was rewritten.
     * @throws JournalException when the journal is open for writing or a file cannot be rewritten.
     */
    public static CompactionReport compact(final Path dir) {
        JvmFlags.check();
        final CompactionReport report = Compaction.run(dir);
        AuditLog.append(dir, new AuditEntry(System.currentTimeMillis(), tool(), "compact",
            report.cyclesRewritten() + " cycle files rewritten, " + report.blocksRemoved()
            + " blocks of erased devices removed, " + report.bytesRemoved() + " bytes"));
        return report;
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

    private static long deleteCycleFile(final Path file) {
        try {
            final long bytes = Files.size(file);
            Files.delete(file);
            return bytes;
        } catch (final IOException e) {
            throw new JournalException("retention: cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}

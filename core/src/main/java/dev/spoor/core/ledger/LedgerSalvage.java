/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.internal.RecordLog;
import dev.spoor.core.internal.StagingArea;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code spoor repair} did to the ingest ledger ({@link LedgerFile}), which every ingest reads first and so
 * refuses to run past while it is damaged.
 *
 * <p>Repair keeps every whole record, past the damage too ({@link RecordLog#salvage}), and ends each session that
 * has batches but no end left (its SESSION_END records were in the damaged bytes, or its writer's staging file is
 * gone) with the count that loses nothing: every batch of it followed by another is whole (its writer took the
 * batch's append calls before recording the next), and so is a last batch its source's COMPLETE follows; any other
 * last batch is taken as not stored, so the next ingest reads it again and may store up to its events twice.
 * Records lost with the damaged bytes take their sources' progress back to what the records before them say: a
 * re-run then appends those events again (duplicates, never a loss).
 *
 * @param recordsKept   whole records kept.
 * @param bytesDropped  damaged bytes dropped (0: none).
 * @param recordsAfter  records kept from past the first damaged byte.
 * @param sessionsEnded for each session repair ended, what it assumed.
 */
public record LedgerSalvage(int recordsKept, int bytesDropped, int recordsAfter, List<String> sessionsEnded) {
    /**
     * @return one line for the audit log: what was dropped, kept and assumed.
     */
    public String describe() {
        return LedgerFile.FILE_NAME + ": " + bytesDropped + " damaged bytes dropped, " + recordsKept + " whole records"
            + " kept (" + recordsAfter + " after the damage)" + (sessionsEnded.isEmpty() ? "" : "; "
            + String.join("; ", sessionsEnded));
    }

    /**
     * @return true when the ledger needed nothing.
     */
    public boolean isSound() {
        return bytesDropped == 0 && sessionsEnded.isEmpty();
    }

    /**
     * Salvages a journal's ledger when it is damaged or holds a session no end and no staging file answers for.
     * Call under the journal's writer lock (no ingest session can run), before recovery reads the ledger.
     *
     * @param dir        the journal directory.
     * @param stagingDir its writers' staging files, whose sessions recovery ends.
     * @param isDryRun   true to say what would be done and change nothing.
     * @return what was (or would be) kept, dropped and assumed.
     * @throws JournalException when the ledger or a staging directory cannot be read, or the ledger rewritten.
     */
    public static LedgerSalvage run(final Path dir, final Path stagingDir, final boolean isDryRun) {
        final Path file = dir.resolve(LedgerFile.FILE_NAME);
        final RecordLog.Salvaged found = LedgerFile.salvage(dir);
        final List<LedgerRecord> records = new ArrayList<>();
        for (final byte[] payload : found.payloads()) {
            records.add(LedgerRecord.decode(payload, file.toString()));
        }
        final LongHashSet unended = LedgerState.unended(records);
        unended.removeAll(stagedSessions(stagingDir));
        final List<String> ended = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>(found.payloads());
        for (final long sessionId : unended.stream().sorted().collect(Collectors.toList())) {
            final int last = lastBatch(records, sessionId);
            final LedgerRecord batch = records.get(last);
            final boolean isWhole = isCompletedAfter(records, last);
            final long end = batch.appended() + (isWhole ? batch.events() : 0);
            payloads.add(LedgerRecord.sessionEnd(sessionId, end).encode());
            ended.add("session 0x" + Long.toHexString(sessionId) + " had no end left; its last batch of "
                + batch.events() + " events is taken as " + (isWhole ? "stored (its source's COMPLETE follows it)"
                : "not stored: the next ingest of its file reads it again, so up to " + batch.events()
                + " of its events may be stored twice"));
        }
        final LedgerSalvage salvage = new LedgerSalvage(found.payloads().size(), found.bytesDropped(),
            found.recordsAfterDamage(), List.copyOf(ended));
        if (!salvage.isSound() && !isDryRun) {
            LedgerFile.rewrite(dir, payloads);
            AuditLog.append(dir, new AuditEntry(System.currentTimeMillis(), System.getProperty("spoor.tool",
                "java api"), "repair", salvage.describe()));
        }
        return salvage;
    }

    /** Sessions whose writers' staging files are left: recovery ends them from the count each file holds. */
    private static LongHashSet stagedSessions(final Path stagingDir) {
        final LongHashSet sessions = new LongHashSet();
        try (Stream<Path> files = Files.list(stagingDir)) {
            for (final Path staged : files.filter(f -> f.getFileName().toString().endsWith(".stg"))
                .collect(Collectors.toList())) {
                try (StagingArea area = StagingArea.openReadOnly(staged.toFile())) {
                    sessions.add(area.ingestSessionId());
                } catch (final JournalException damaged) {
                    // recovery drops what it cannot read; its session gets the end this salvage gives it
                }
            }
        } catch (final NoSuchFileException none) {
            return sessions;
        } catch (final IOException e) {
            throw new JournalException("cannot list staging files in " + stagingDir + ": " + e.getMessage(), e);
        }
        return sessions;
    }

    private static int lastBatch(final List<LedgerRecord> records, final long sessionId) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).kind() == LedgerRecord.BATCH && records.get(i).sessionId() == sessionId) {
                return i;
            }
        }
        throw new IllegalStateException("session 0x" + Long.toHexString(sessionId) + " has no batch");
    }

    /** True when a COMPLETE of the batch's source follows it: written only once its events were appended. */
    private static boolean isCompletedAfter(final List<LedgerRecord> records, final int batch) {
        final String sourceKey = records.get(batch).sourceKey();
        for (int i = batch + 1; i < records.size(); i++) {
            final LedgerRecord record = records.get(i);
            if (record.kind() == LedgerRecord.COMPLETE && record.sourceKey().equals(sourceKey)) {
                return true;
            }
            if (record.kind() == LedgerRecord.RESET && record.sourceKey().equals(sourceKey)) {
                return false;
            }
        }
        return false;
    }
}

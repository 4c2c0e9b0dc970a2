/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ingest-ledger.spoor}: what bulk ingest sessions stored of each source file, a {@link RecordLog} with
 * magic "SPLD" (magic, u16 format version, then records each with its u32 length and CRC32C; a record torn at the
 * end is ignored, a damaged one before more data is refused). Each payload starts with its kind and the length
 * of the UTF-8 source key that ends it; little-endian, integers signed 64-bit unless marked:
 * <pre>
 * prefix, every kind:
 *  0      1      2         4
 *  +------+------+---------+
 *  | kind | 0    | keyLen  |  kind: u8 1 BATCH, 2 COMPLETE, 3 SESSION_END, 4 RESET, 5 READING; keyLen: u16
 *  +------+------+---------+
 *
 * BATCH (1), 84 + keyLen bytes, written before the batch's events are appended:
 *  4                   12                  20                  28                  36
 *  +-------------------+-------------------+-------------------+-------------------+
 *  | sessionId         | appendedBefore    | eventsBefore      | events            |
 *  +-------------------+-------------------+-------------------+-------------------+
 *  36                  44                  52                  60
 *  +-------------------+-------------------+-------------------+
 *  | bytesBefore       | hashBefore        | linesBefore       |
 *  +-------------------+-------------------+-------------------+
 *  60                  68                  76                  84
 *  +-------------------+-------------------+-------------------+------------------
 *  | bytesAfter        | hashAfter         | linesAfter        | sourceKey (UTF-8)
 *  +-------------------+-------------------+-------------------+------------------
 *
 * COMPLETE (2), 36 + keyLen bytes, after the source's last batch was appended:
 *  4                   12                  20                  28                  36
 *  +-------------------+-------------------+-------------------+-------------------+------------------
 *  | events            | bytes             | hash              | lines             | sourceKey (UTF-8)
 *  +-------------------+-------------------+-------------------+-------------------+------------------
 *
 * SESSION_END (3), 20 bytes, keyLen 0:
 *  4                   12                  20
 *  +-------------------+-------------------+
 *  | sessionId         | appendedEvents    |
 *  +-------------------+-------------------+
 *
 * RESET (4), 4 + keyLen bytes:
 *  4
 *  +------------------
 *  | sourceKey (UTF-8)
 *  +------------------
 *
 * READING (5), 8 + keyLen + readingLen bytes, before a session's first batch of the source (since 2026-11-30;
 * a ledger without it is read as before, with no reading known):
 *  4                   8
 *  +-------------------+------------------+------------------
 *  | readingLen (u32)  | sourceKey (UTF-8)| reading (UTF-8): how the source is read, the format's options
 *  +-------------------+------------------+------------------
 * </pre>
 * A process killed while appending can leave the last record torn (a write spanning pages stops between them);
 * recovery and each session's begin cut such a tail off before they append ({@link #cutTornTail}), so it never
 * ends up in the middle of the file. appendedBefore and appendedEvents are the session's writer's append count
 * ({@code StagingLayout}). A session
 * may end twice with one count (its writer's close and the session's close, or recovery); the largest count
 * counts. BATCH records are written unsynced (in the page cache, which outlives a killed process; their events
 * are no more durable than that until sealed); the other kinds are fsynced, and with them every BATCH before.
 */
public final class LedgerFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "ingest-ledger.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'L', 'D'};
    /** The longest record: a BATCH with the longest source key. */
    private static final int MAX_PAYLOAD_BYTES = LedgerRecord.BATCH_LENGTH + LedgerRecord.MAX_KEY_BYTES;

    private LedgerFile() {
    }

    /**
     * Records, durably, that a session's writer took {@code appendedEvents} append calls in all: what recovery
     * writes for a killed writer before deleting its staging file, and a writer's close before deleting its own.
     *
     * @param dir            the journal directory.
     * @param sessionId      the session, not 0.
     * @param appendedEvents the writer's final append count.
     * @throws JournalException when the file cannot be written.
     */
    public static void appendSessionEnd(final Path dir, final long sessionId, final long appendedEvents) {
        append(dir, LedgerRecord.sessionEnd(sessionId, appendedEvents), true);
    }

    /**
     * Cuts off a record a killed process left torn at the end of the ledger, so the next append follows the last
     * whole record: what recovery does before it ends a killed session, and a session's begin before its first.
     *
     * @param dir the journal directory.
     * @return bytes cut.
     * @throws JournalException when the file cannot be read or cut.
     */
    public static long cutTornTail(final Path dir) {
        return RecordLog.cutTornTail(dir.resolve(FILE_NAME), MAGIC, MAX_PAYLOAD_BYTES);
    }

    /**
     * @param dir       the journal directory.
     * @param sessionId a session.
     * @return true when the ledger holds a SESSION_END for it.
     * @throws JournalException when the file is damaged before its end.
     */
    public static boolean isSessionEnded(final Path dir, final long sessionId) {
        for (final LedgerRecord record : read(dir)) {
            if (record.kind() == LedgerRecord.SESSION_END && record.sessionId() == sessionId) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param dir the journal directory.
     * @return the file's length and modification time as one value, 0 when absent ({@link RecordLog#stamp}).
     */
    static long stamp(final Path dir) {
        return RecordLog.stamp(dir.resolve(FILE_NAME).toFile());
    }

    static void append(final Path dir, final LedgerRecord record, final boolean isSynced) {
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, record.encode(), isSynced);
    }

    /**
     * @param dir the journal directory.
     * @return the records, oldest first; empty when the file does not exist.
     * @throws JournalException when the file is damaged before its end or holds a record this build cannot read.
     */
    static List<LedgerRecord> read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<byte[]> payloads;
        try {
            payloads = RecordLog.read(file, MAGIC, MAX_PAYLOAD_BYTES);
        } catch (final JournalException damaged) {
            throw new JournalException(damaged.getMessage() + ". Nothing was changed; `spoor repair --journal "
                + dir + "` (Journal.repair) keeps the ledger's whole records and prints what it assumed", damaged);
        }
        final List<LedgerRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            records.add(LedgerRecord.decode(payloads.get(i), file + ": record " + i));
        }
        return records;
    }

    /** Every whole record of the file, past damage too: for {@link LedgerSalvage}. */
    static RecordLog.Salvaged salvage(final Path dir) {
        return RecordLog.salvage(dir.resolve(FILE_NAME), MAGIC, MAX_PAYLOAD_BYTES, payload -> {
            try {
                LedgerRecord.decode(payload, FILE_NAME);
                return true;
            } catch (final JournalException notARecord) {
                return false;
            }
        });
    }

    /** Replaces the file with these records: for {@link LedgerSalvage}. */
    static void rewrite(final Path dir, final List<byte[]> payloads) {
        RecordLog.rewrite(dir.resolve(FILE_NAME), MAGIC, payloads);
    }
}

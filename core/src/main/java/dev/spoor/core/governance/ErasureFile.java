/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code erasures.spoor}: every erasure ever recorded, a {@link RecordLog} with magic "SPER" (magic, u16 format
 * version, then records each with its length and CRC32C). One record per erasure, 32 bytes of payload,
 * little-endian:
 * <pre>
 *  0                   8                   16                  24                  32
 *  +-------------------+-------------------+-------------------+-------------------+
 *  | deviceId          | fromNs            | toNs              | erasedAtMs        |
 *  +-------------------+-------------------+-------------------+-------------------+
 * </pre>
 * [fromNs, toNs) is erased; Long.MIN_VALUE .. Long.MAX_VALUE is the whole device (a toNs of Long.MAX_VALUE has
 * no end). Records are only ever added: an erasure cannot be undone. Each append takes an exclusive lock on the
 * file, is one O_APPEND write, and is synced with the directory before it returns, so it survives a kill or a
 * power cut once {@code Governance.erase} has returned. Every process notices a new record by the file's stamp
 * ({@link #stamp(File)}), checked at the start of each read, scan and poll.
 */
public final class ErasureFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "erasures.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'E', 'R'};
    private static final int PAYLOAD_BYTES = 32;

    private ErasureFile() {
    }

    /**
     * Appends a record durably (file and directory synced).
     *
     * @param dir     the journal directory.
     * @param erasure the record.
     * @throws JournalException when the file cannot be written.
     */
    public static void append(final Path dir, final Erasure erasure) {
        final ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, PAYLOAD_BYTES, payload
            .putLong(erasure.deviceId()).putLong(erasure.fromNs()).putLong(erasure.toNs())
            .putLong(erasure.erasedAtMs()).array());
    }

    /**
     * @param dir the journal directory.
     * @return its erasures ({@link Erasures#NONE} when the file does not exist).
     * @throws JournalException when the file is damaged before its end, or a record is malformed.
     */
    public static Erasures read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<byte[]> payloads = RecordLog.read(file, MAGIC, PAYLOAD_BYTES);
        if (payloads.isEmpty()) {
            return Erasures.NONE;
        }
        final List<Erasure> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            final byte[] payload = payloads.get(i);
            if (payload.length != PAYLOAD_BYTES) {
                throw new JournalException(file + " is damaged: record " + i + " holds " + payload.length
                    + " bytes, an erasure record " + PAYLOAD_BYTES);
            }
            final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            records.add(new Erasure(in.getLong(), in.getLong(), in.getLong(), in.getLong()));
        }
        return new Erasures(records);
    }

    /**
     * Refuses erasures the audit log records but the file does not hold: a deleted or cut {@code erasures.spoor}
     * must not read as "nothing erased", which would bring erased events back. Each {@code erase} audit entry names
     * its device and range ({@link Governance#range}); {@code Governance.erase} appends the record before the entry,
     * so a crash between them leaves a record without an entry, never the reverse. Running a lost erasure again
     * restores its record. When the audit log itself is unreadable there is nothing to compare with (verify names
     * that file).
     *
     * @param dir    the journal directory.
     * @param erased the erasures read from the file.
     * @throws JournalException when an audited erasure has no record.
     */
    public static void checkAgainstAudit(final Path dir, final Erasures erased) {
        final List<AuditEntry> entries;
        try {
            entries = AuditLog.read(dir);
        } catch (final JournalException unreadable) {
            return;
        }
        final Set<String> held = new HashSet<>();
        for (final Erasure erasure : erased.records()) {
            held.add("device " + DeviceRegistry.hex(erasure.deviceId()) + " " + Governance.range(erasure));
            // as entries written before 2026-12-01 name it: without leading zeros
            held.add("device " + Long.toHexString(erasure.deviceId()) + " " + Governance.range(erasure));
        }
        final List<String> missing = new ArrayList<>();
        for (final AuditEntry entry : entries) {
            final int end = entry.details().indexOf(": ");
            if ("erase".equals(entry.action()) && end > 0 && !held.contains(entry.details().substring(0, end))) {
                missing.add(entry.details().substring(0, end));
            }
        }
        if (!missing.isEmpty()) {
            final Path file = dir.resolve(FILE_NAME);
            throw new JournalException(file + (Files.exists(file) ? " holds " + erased.records().size()
                + " erasure record(s)" : " is missing") + " but " + dir.resolve(AuditLog.FILE_NAME) + " records "
                + missing.size() + " erasure(s) it lacks, e.g. " + missing.get(0) + ": the file was cut or deleted,"
                + " and reading on would bring erased events back; restore it, or run those erasures again (`spoor"
                + " erase --device-id <id> [--from --to]`, the id and range as the audit log names them)");
        }
    }

    /**
     * @param dir the journal directory.
     * @return bytes of a torn last record (an erasure whose append did not finish, or a cut file), 0 when none.
     * @throws JournalException when the file is damaged beyond a torn tail.
     */
    public static long tornTailBytes(final Path dir) {
        return RecordLog.tornTailBytes(dir.resolve(FILE_NAME), MAGIC, PAYLOAD_BYTES);
    }

    /**
     * A cheap change check: two stat calls, no exception when the file is absent.
     *
     * @param file the erasure file ({@code dir.resolve(FILE_NAME).toFile()}).
     * @return its length and modification time as one stamp, 0 when absent. The file only grows, so a new record
     *         always changes the length.
     */
    public static long stamp(final File file) {
        return RecordLog.stamp(file);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * {@code compaction.spoor}: one record per phase of each compaction, a {@link RecordLog} with magic "SPCP".
 * Payload: i64 epoch ms, i32 phase (0 = about to replace cycle files, 1 = done), i32 cycles, little-endian.
 * Its stamp (modification time and size) is what every process checks, with {@code retention.spoor}, at most
 * every 100 ms when it refreshes its index: when it changed, the process drops its in-memory index and
 * rebuilds it from the queue, and tailers re-seek. Compaction keeps queue indexes stable, so positions held
 * across it stay valid.
 */
public final class CompactionFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "compaction.spoor";
    /** Phase written before the first cycle file is replaced. */
    public static final int PHASE_REPLACING = 0;
    /** Phase written after the last cycle file was replaced and the directory synced. */
    public static final int PHASE_DONE = 1;
    private static final byte[] MAGIC = {'S', 'P', 'C', 'P'};
    private static final int PAYLOAD_BYTES = 16;

    private CompactionFile() {
    }

    /**
     * Appends a record, synced with its directory before it returns.
     *
     * @param dir    the journal directory.
     * @param timeMs when, epoch ms.
     * @param phase  {@link #PHASE_REPLACING} or {@link #PHASE_DONE}.
     * @param cycles cycle files replaced (or about to be).
     */
    public static void append(final Path dir, final long timeMs, final int phase, final int cycles) {
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, PAYLOAD_BYTES, ByteBuffer.allocate(PAYLOAD_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN).putLong(timeMs).putInt(phase).putInt(cycles).array());
    }

    /**
     * Reads every record, for verify: nothing but {@link #stamp} depends on the contents.
     *
     * @param dir the journal directory.
     * @throws JournalException when the file is damaged beyond a torn tail or a record is not a compaction record.
     */
    public static void check(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final java.util.List<byte[]> records = RecordLog.read(file, MAGIC, PAYLOAD_BYTES);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).length != PAYLOAD_BYTES) {
                throw new JournalException(file + " is damaged: record " + i + " holds " + records.get(i).length
                    + " bytes, a compaction record " + PAYLOAD_BYTES);
            }
        }
    }

    /**
     * @param dir the journal directory.
     * @return the file's stamp ({@link RecordLog#stamp(java.io.File)}), 0 when absent: a cheap change check.
     */
    public static long stamp(final Path dir) {
        return RecordLog.stamp(dir.resolve(FILE_NAME).toFile());
    }
}

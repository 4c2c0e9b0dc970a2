/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code retention.spoor}: the first roll cycle still kept, a {@link RecordLog} with magic "SPRT" whose last
 * record wins. Payload: i32 first kept cycle, little-endian. Every process prunes its in-memory index of
 * older cycles when this file changes, so a retention run by any process is seen by readers and writers.
 */
public final class RetentionFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "retention.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'R', 'T'};
    private static final int PAYLOAD_BYTES = 4;

    private RetentionFile() {
    }

    /**
     * @param dir       the journal directory.
     * @param firstKept the first cycle kept.
     */
    public static void write(final Path dir, final int firstKept) {
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, PAYLOAD_BYTES,
            ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(firstKept).array());
    }

    /**
     * @param dir the journal directory.
     * @return the first cycle kept, or Integer.MIN_VALUE when nothing was ever deleted.
     */
    public static int firstKept(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<byte[]> records = RecordLog.read(file, MAGIC, PAYLOAD_BYTES);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).length != PAYLOAD_BYTES) {
                throw new JournalException(file + " is damaged: record " + i + " holds " + records.get(i).length
                    + " bytes, a retention record " + PAYLOAD_BYTES);
            }
        }
        return records.isEmpty() ? Integer.MIN_VALUE
            : ByteBuffer.wrap(records.get(records.size() - 1)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /**
     * @param dir the journal directory.
     * @return the file's stamp ({@link RecordLog#stamp(java.io.File)}), 0 when absent: a cheap change check.
     */
    public static long stamp(final Path dir) {
        return RecordLog.stamp(dir.resolve(FILE_NAME).toFile());
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;


import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code audit.spoor}: the journal's append-only audit log, a {@link RecordLog} with magic "SPAU".
 * Payload, little-endian: i64 epoch ms | then three strings (tool, action, details), each u32 UTF-8 length
 * and bytes.
 */
public final class AuditLog {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "audit.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'A', 'U'};

    private AuditLog() {
    }

    /**
     * @param dir   the journal directory.
     * @param entry what to record.
     */
    public static void append(final Path dir, final AuditEntry entry) {
        final byte[][] texts = {bytes(entry.tool()), bytes(entry.action()), bytes(entry.details())};
        final ByteBuffer out = ByteBuffer.allocate(8 + 12 + texts[0].length + texts[1].length + texts[2].length)
            .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(entry.atMs());
        for (final byte[] text : texts) {
            out.putInt(text.length).put(text);
        }
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, RecordLog.MAX_PAYLOAD_BYTES, out.array());
    }

    /**
     * @param dir the journal directory.
     * @return every entry, oldest first.
     */
    public static List<AuditEntry> read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<AuditEntry> entries = new ArrayList<>();
        for (final byte[] payload : RecordLog.read(file, MAGIC)) {
            final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            if (in.remaining() < 8 + 12) {
                throw new JournalException(file + " is damaged: entry " + entries.size() + " holds " + payload.length
                    + " bytes, fewer than an entry's fixed 20");
            }
            final long atMs = in.getLong();
            entries.add(new AuditEntry(atMs, text(file, entries.size(), in), text(file, entries.size(), in),
                text(file, entries.size(), in)));
        }
        return entries;
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(final Path file, final int entry, final ByteBuffer in) {
        final int length = in.remaining() < 4 ? -1 : in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new JournalException(file + " is damaged: entry " + entry + " has a text of " + length
                + " bytes where " + in.remaining() + " remain");
        }
        final byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

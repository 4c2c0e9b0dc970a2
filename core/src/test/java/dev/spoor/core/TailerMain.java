/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockLayout;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process of {@link TailerKillTest}: a follower that may be killed at any moment. Its record file is both
 * its output and its stored position: one line per block consumed, {@code <position> <device> <minTs> <count>
 * <crc>}, appended and fsynced after each poll, so the position it resumes from (the last complete line's) is
 * never ahead of what it recorded. A torn last line is cut off on restart. Prints {@code ready <position>},
 * {@code skips <n>} when it resumed past cycles retention deleted, and, once the stop file exists and nothing
 * new arrives, {@code done <position>}.
 * <pre>args: journalDir recordFile stopFile</pre>
 */
public final class TailerMain {
    private static final int LIMIT = 32;
    private static final long DEADLINE_MS = 120_000;

    private TailerMain() {
    }

    /**
     * @param args journal directory, record file, stop file.
     * @throws IOException when the record file cannot be written.
     */
    public static void main(final String[] args) throws IOException {
        final Path record = Paths.get(args[1]);
        final Path stop = Paths.get(args[2]);
        final long position = recover(record);
        final StringBuilder lines = new StringBuilder();
        final BlockHandler handler = (queueIndex, device, buffer, offset, length) -> {
            lines.append(queueIndex).append(' ').append(device).append(' ').append(minTs(buffer, offset)).append(' ')
                .append(buffer.getInt(offset + BlockLayout.COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN)).append(' ')
                .append(buffer.getInt(offset + BlockLayout.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN)).append('\n');
            return true;
        };
        try (Journal journal = Journal.openReadOnly(Paths.get(args[0]));
             JournalTailer tailer = journal.newTailer(position);
             FileChannel out = FileChannel.open(record, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                 StandardOpenOption.APPEND)) {
            System.out.println("ready " + position);
            long skips = 0;
            final long deadline = System.currentTimeMillis() + DEADLINE_MS;
            while (System.currentTimeMillis() < deadline) {
                final boolean isStopping = Files.exists(stop);
                lines.setLength(0);
                final int delivered = tailer.poll(handler, LIMIT);
                if (tailer.retentionSkips() != skips) {
                    skips = tailer.retentionSkips();
                    System.out.println("skips " + skips);
                }
                if (delivered > 0) {
                    final ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    out.force(false);
                } else if (isStopping) {
                    System.out.println("done " + tailer.position());
                    return;
                } else {
                    LockSupport.parkNanos(2_000_000);
                }
            }
        }
        System.out.println("timeout");
        System.exit(3);
    }

    private static long minTs(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + BlockLayout.MIN_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN);
    }

    /** Cuts a torn last line off the record and returns the position of its last complete line. */
    private static long recover(final Path record) throws IOException {
        if (!Files.exists(record)) {
            return JournalTailer.START;
        }
        final byte[] bytes = Files.readAllBytes(record);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end != bytes.length) {
            try (FileChannel channel = FileChannel.open(record, StandardOpenOption.WRITE)) {
                channel.truncate(end);
                channel.force(true);
            }
            System.out.println("torn " + (bytes.length - end));
        }
        if (end == 0) {
            return JournalTailer.START;
        }
        int start = end - 1;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        final String last = new String(bytes, start, end - 1 - start, StandardCharsets.US_ASCII);
        return Long.parseLong(last.substring(0, last.indexOf(' ')));
    }
}

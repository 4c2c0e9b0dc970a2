/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.BlockLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, with plain reads, the excerpt headers at the end of a cycle file against the blocks they hold, walking
 * back from the end of its data. Chronicle finds the end of a queue by walking forwards from its last index entry
 * (the last excerpt, as Spoor's queues index every one), and a header there whose length runs past the file sends
 * that walk past the end of the mapping: a SIGBUS the JVM raises as an {@link InternalError} somewhere later in the
 * thread, which no caller can catch reliably; its appender would write where the length points. So readers and
 * writers must know of such a header before Chronicle looks for the end.
 *
 * <p>Each block knows its own length ({@link SealedExcerpt#wholeLength}): the last excerpt's block is the one whose
 * magic, found searching back from the end of the data, starts a block that ends exactly there; its excerpt's
 * header, 12 bytes before the magic (the header word, then the seal id), must frame exactly that excerpt. The excerpt
 * before it ends within the 4 bytes before that header (Chronicle aligns headers to 4 bytes), and so on back. A
 * header that disagrees with its block is damage; a tombstone (a seal id alone) is stepped over. Where no block ends
 * where the walk stands (an excerpt without a block, Chronicle's index arrays, a block larger than the bytes read,
 * {@link #WINDOW_BYTES}) the walk stops without a verdict:
 * it never calls an intact file damaged, since an intact header always agrees with its block, and a stray magic in
 * compressed or encrypted bytes that also ends at the right byte is a chance of about 2^-50.
 */
public final class CycleTail {
    /**
     * Excerpts walked back at most. Spoor's queues index every excerpt ({@code QueueStore}), so Chronicle's walk to
     * the end starts at the last one; a few more cover a cycle file made with Chronicle's default spacing of 16 only
     * in part (verify and repair find the rest).
     */
    public static final int STEPS = 4;
    /** Bytes read before the end of the data: a few blocks first, more when a block is larger. */
    static final int[] WINDOW_BYTES = {32 * 1024, 512 * 1024};
    private static final int MAGIC_AFTER_HEADER = 4 + SealedExcerpt.BLOCK_OFFSET;
    /** What a walk found: no verdict for want of bytes read (a larger window may give one). */
    private static final String NEEDS_MORE = "";

    private CycleTail() {
    }

    /**
     * @param file    a cycle file.
     * @param dataEnd the byte after its last data excerpt (a cycle summary's end position), bytes.
     * @return null when the headers before {@code dataEnd} agree with their blocks (or the walk stops without a
     *         verdict), else which one does not.
     * @throws IOException when the file cannot be read.
     */
    public static String damageBefore(final Path file, final long dataEnd) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (dataEnd <= MAGIC_AFTER_HEADER || channel.size() < dataEnd) {
                return null; // nothing to check, or cut short (CycleCheck names that)
            }
            for (final int window : WINDOW_BYTES) {
                final long start = Math.max(0, dataEnd - window) & ~3L;
                final ByteBuffer bytes = ByteBuffer.allocate((int)(dataEnd - start)).order(ByteOrder.LITTLE_ENDIAN);
                while (bytes.hasRemaining() && channel.read(bytes, start + bytes.position()) >= 0) {
                    continue;
                }
                final String found = damageBefore(bytes, start, dataEnd);
                if (found != NEEDS_MORE) { // identity: the marker
                    return found;
                }
                if (start == 0) {
                    return null;
                }
            }
            return null;
        }
    }

    private static String damageBefore(final ByteBuffer bytes, final long start, final long dataEnd) {
        long end = dataEnd; // the excerpt looked for ends at end, or (before the last) at most 3 bytes before it
        for (int step = 0; step < STEPS; step++) {
            final boolean isLast = end == dataEnd;
            final long magic = blockEndingAt(bytes, start, end, isLast);
            if (magic < 0) {
                final long tombstone = tombstoneEndingAt(bytes, start, end, isLast);
                if (tombstone < 0) {
                    return step == 0 ? NEEDS_MORE : null;
                }
                end = tombstone;
                continue;
            }
            final long header = magic - MAGIC_AFTER_HEADER;
            final int word = bytes.getInt((int)(header - start));
            final long excerptEnd = magic - SealedExcerpt.BLOCK_OFFSET + wholeLength(bytes, start, magic);
            if (word != excerptEnd - header - 4) { // complete, data, and framing exactly its block
                return "the excerpt header at byte " + header + " (0x" + Integer.toHexString(word) + ") does not"
                    + " frame its block, which takes " + (excerptEnd - header - 4) + " bytes after it";
            }
            end = header;
        }
        return null;
    }

    /** The header of a tombstone (a data excerpt of a seal id alone) ending at {@code end}, or -1. */
    private static long tombstoneEndingAt(final ByteBuffer bytes, final long start, final long end,
        final boolean isLast) {
        for (long header = (end - MAGIC_AFTER_HEADER) & ~3L; header >= start && header > end - MAGIC_AFTER_HEADER - 4;
            header -= 4) {
            final long excerptEnd = header + MAGIC_AFTER_HEADER;
            if (bytes.getInt((int)(header - start)) == SealedExcerpt.BLOCK_OFFSET
                && (isLast ? excerptEnd == end : excerptEnd <= end && excerptEnd > end - 4)) {
                return header;
            }
        }
        return -1;
    }

    /**
     * The position of the magic of the block ending at {@code end} (exactly, for the last excerpt; within the 3
     * bytes before it, for the ones before), or -1 when no block in the bytes read does.
     */
    private static long blockEndingAt(final ByteBuffer bytes, final long start, final long end,
        final boolean isLast) {
        for (long magic = (end - BlockLayout.HEADER_LENGTH) & ~3L; magic >= start + MAGIC_AFTER_HEADER; magic -= 4) {
            if (bytes.getInt((int)(magic - start)) != BlockLayout.MAGIC) {
                continue;
            }
            final long blockEnd = magic - SealedExcerpt.BLOCK_OFFSET + wholeLength(bytes, start, magic);
            if (isLast ? blockEnd == end : blockEnd <= end && blockEnd > end - 4) {
                return magic;
            }
        }
        return -1;
    }

    /** {@link SealedExcerpt#wholeLength} of the excerpt whose block's magic is at {@code magic}. */
    private static long wholeLength(final ByteBuffer bytes, final long start, final long magic) {
        return SealedExcerpt.wholeLength(bytes.getInt((int)(magic + BlockLayout.STORED_LENGTH_OFFSET - start)),
            bytes.getLong((int)(magic - SealedExcerpt.BLOCK_OFFSET - start)) < 0);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The file read front to back through one 64 KiB buffer, never past the size it had when opened, keeping two
 * running checksums of the bytes consumed: CRC-32C of all of them (the ingest ledger's prefix hash) and CRC-32
 * since the last {@link #resetSectionCrc()} (MCAP's data-section and summary CRCs).
 */
final class McapFileInput implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final long size;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buffer);
    private final CRC32C fileCrc = new CRC32C();
    private final CRC32 sectionCrc = new CRC32();
    private int start;
    private int limit;
    private long position;

    McapFileInput(final Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.size = channel.size();
        } catch (final IOException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    long position() {
        return position;
    }

    long remaining() {
        return size - position;
    }

    long fileCrc() {
        return fileCrc.getValue();
    }

    long sectionCrc() {
        return sectionCrc.getValue();
    }

    void resetSectionCrc() {
        sectionCrc.reset();
    }

    /** Reads {@code length} bytes, which must be there; the caller has checked {@link #remaining()}. */
    void readFully(final byte[] into, final int offset, final int length) throws IOException {
        int done = 0;
        while (done < length) {
            fill();
            final int n = Math.min(length - done, limit - start);
            System.arraycopy(buffer, start, into, offset + done, n);
            consume(n);
            done += n;
        }
    }

    /** Reads and discards {@code length} bytes (checksummed like the rest). */
    void skip(final long length) throws IOException {
        long left = length;
        while (left > 0) {
            fill();
            final int n = (int)Math.min(left, limit - start);
            consume(n);
            left -= n;
        }
    }

    /** Reads the bytes of the file from the given offset without consuming them (for the closing magic). */
    byte[] peekAt(final long offset, final int length) throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, offset + bytes.position()) < 0) {
                throw new IOException(file + ": ended at " + (offset + bytes.position()) + " while reading");
            }
        }
        return bytes.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void fill() throws IOException {
        if (start < limit) {
            return;
        }
        final long left = size - position;
        if (left <= 0) {
            throw new IOException(file + ": read past the end at " + position);
        }
        view.clear().limit((int)Math.min(BUFFER_BYTES, left));
        int n = 0;
        while (n == 0) {
            n = channel.read(view, position);
            if (n < 0) {
                throw new IOException(file + ": shrank to " + position + " bytes while being read (was " + size
                    + ")");
            }
        }
        start = 0;
        limit = n;
    }

    private void consume(final int n) {
        fileCrc.update(buffer, start, n);
        sectionCrc.update(buffer, start, n);
        start += n;
        position += n;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The identity of the part of an input file that was ingested: CRC-32C (RFC 3720, the JDK's
 * {@link CRC32C}, hardware accelerated) of its first n bytes, with n kept beside it in the ledger. Readers keep
 * it running as they consume lines; a re-run recomputes it to tell an unchanged (or only grown) file from a
 * changed one.
 */
public final class PrefixHash {
    private static final int CHUNK = 1 << 20;

    private PrefixHash() {
    }

    /**
     * @param file  the file.
     * @param bytes how many bytes from its start.
     * @return the CRC-32C of those bytes, as an unsigned value; -1 when the file is shorter.
     * @throws IOException when the file cannot be read.
     */
    public static long of(final Path file, final long bytes) throws IOException {
        final CRC32C crc = new CRC32C();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (in.size() < bytes) {
                return -1;
            }
            final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
            long left = bytes;
            while (left > 0) {
                chunk.clear().limit((int)Math.min(CHUNK, left));
                final int n = in.read(chunk);
                if (n < 0) {
                    return -1;
                }
                chunk.flip();
                crc.update(chunk);
                left -= n;
            }
        }
        return crc.getValue();
    }
}

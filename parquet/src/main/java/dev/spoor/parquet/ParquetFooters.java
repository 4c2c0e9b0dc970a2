/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes a finished Parquet file's bytes a function of its data alone, so that the same export run twice has the same
 * SHA-256 in its lineage manifest. parquet-java collects each column chunk's encodings in a {@code HashSet} of enum
 * constants and writes them in its iteration order, which follows identity hash codes and so differs from one JVM
 * to the next (apache/parquet-java issue 3215, open as of parquet-java 1.17.1): this sorts every such list by the
 * encoding's value in the Parquet format and writes the footer again.
 * <pre>
 *  end of a Parquet file (Parquet format, "File format"):
 *  ... | footer: FileMetaData, Thrift compact protocol | footer length, u32 little-endian | "PAR1"
 * </pre>
 */
final class ParquetFooters {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER_BYTES = 4 + MAGIC.length;

    private ParquetFooters() {
    }

    /**
     * Sorts the encodings of every column chunk in {@code file}'s footer, rewriting the footer in place (and the
     * file's length, should the footer's change; with the same encodings in another order it does not).
     *
     * @param file a whole Parquet file, not open for writing elsewhere.
     * @throws IOException when it cannot be read or written, or does not end as a Parquet file does.
     */
    static void sortEncodings(final Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final long size = channel.size();
            final ByteBuffer trailer = read(channel, size - TRAILER_BYTES, TRAILER_BYTES, file);
            final long footerLength = trailer.getInt(0) & 0xFFFF_FFFFL;
            if (!trailer.slice(4, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))
                || footerLength > size - TRAILER_BYTES - MAGIC.length) {
                throw new IOException(file + " does not end with a Parquet footer");
            }
            final long footerStart = size - TRAILER_BYTES - footerLength;
            final ByteBuffer footer = read(channel, footerStart, (int)footerLength, file);
            final FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
            if (!sort(metadata)) {
                return;
            }
            final ByteArrayOutputStream rewritten = new ByteArrayOutputStream((int)footerLength);
            Util.writeFileMetaData(metadata, rewritten);
            final ByteBuffer tail = ByteBuffer.allocate(rewritten.size() + TRAILER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
            tail.put(rewritten.toByteArray()).putInt(rewritten.size()).put(MAGIC).flip();
            while (tail.hasRemaining()) {
                channel.write(tail, footerStart + tail.position());
            }
            channel.truncate(footerStart + tail.limit());
        }
    }

    /** Sorts each column chunk's encodings; true when any list was out of order. */
    private static boolean sort(final FileMetaData metadata) {
        boolean isChanged = false;
        for (final RowGroup group : metadata.getRow_groups()) {
            for (final ColumnChunk chunk : group.getColumns()) {
                final ColumnMetaData column = chunk.getMeta_data();
                if (column == null || column.getEncodings() == null) {
                    continue;
                }
                final List<Encoding> sorted = new ArrayList<>(column.getEncodings());
                sorted.sort(Comparator.comparingInt(Encoding::getValue));
                if (!sorted.equals(column.getEncodings())) {
                    column.setEncodings(sorted);
                    isChanged = true;
                }
            }
        }
        return isChanged;
    }

    private static ByteBuffer read(final FileChannel channel, final long position, final int length, final Path file)
        throws IOException {
        if (position < 0) {
            throw new IOException(file + " is too short to be a Parquet file");
        }
        final ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (bytes.hasRemaining()) {
            if (channel.read(bytes, position + bytes.position()) < 0) {
                throw new IOException(file + " ended while its footer was read");
            }
        }
        return bytes;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.JournalConfig;
import dev.spoor.query.GeneratedJournal;
import dev.spoor.query.export.Exporter;
import dev.spoor.testkit.ChildProcesses;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same export, the same bytes: parquet-java lists each column chunk's encodings in the order of a HashSet of
 * enum constants, which changes from one JVM to the next (apache/parquet-java issue 3215), so the SHA-256 in an
 * export's lineage manifest did too until {@link ParquetFooters} sorted them.
 */
class ParquetFootersTest {
    private static final int RUNS = 3;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void theSameExportInThreeJvmsHasTheSameBytes() throws Exception {
        final Path journal = Files.createDirectory(dir.resolve("journal"));
        GeneratedJournal.write(journal, 7, 3, 20_000, new JournalConfig().blockEvents(1024));
        final List<String> hashes = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            final Path out = dir.resolve("events-" + run + ".parquet");
            final Process child = children.start(ChildJvm.builder(ExportMain.class, true, journal.toString(),
                out.toString(), Integer.toString(run * 1_000)).inheritIO());
            assertEquals(0, children.waitFor(child, Duration.ofMinutes(2)), "export " + run);
            hashes.add(Exporter.sha256Of(out));
        }
        assertEquals(Collections.nCopies(RUNS, hashes.get(0)), hashes, "the same export's hash in " + RUNS + " JVMs");
    }

    @Test
    void encodingsListedInAnotherOrderAreSortedBackToTheSameBytes() throws Exception {
        final Path journal = Files.createDirectory(dir.resolve("journal"));
        GeneratedJournal.write(journal, 11, 2, 5_000, new JournalConfig().blockEvents(512));
        final Path out = dir.resolve("events.parquet");
        final Process child = children.start(ChildJvm.builder(ExportMain.class, true, journal.toString(),
            out.toString(), "0").inheritIO());
        assertEquals(0, children.waitFor(child, Duration.ofMinutes(2)));
        final byte[] sorted = Files.readAllBytes(out);
        final int reordered = rewriteFooterReversingEncodings(out);
        assertTrue(reordered > 0, "the file has column chunks of more than one encoding");
        assertNotEquals(Exporter.sha256Of(out), sha256(sorted));
        ParquetFooters.sortEncodings(out);
        assertArrayEquals(sorted, Files.readAllBytes(out));
    }

    /** Reverses each column chunk's list of encodings in the footer; returns how many lists changed. */
    private static int rewriteFooterReversingEncodings(final Path file) throws Exception {
        final byte[] bytes = Files.readAllBytes(file);
        final int footerLength = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        final int footerStart = bytes.length - 8 - footerLength;
        final FileMetaData metadata = Util.readFileMetaData(new ByteArrayInputStream(bytes, footerStart,
            footerLength));
        int reordered = 0;
        for (final RowGroup group : metadata.getRow_groups()) {
            for (final ColumnChunk chunk : group.getColumns()) {
                if (chunk.getMeta_data().getEncodings().size() > 1) {
                    final List<org.apache.parquet.format.Encoding> reversed =
                        new ArrayList<>(chunk.getMeta_data().getEncodings());
                    Collections.reverse(reversed);
                    chunk.getMeta_data().setEncodings(reversed);
                    reordered++;
                }
            }
        }
        final ByteArrayOutputStream footer = new ByteArrayOutputStream();
        Util.writeFileMetaData(metadata, footer);
        final ByteBuffer file2 = ByteBuffer.allocate(footerStart + footer.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
        file2.put(bytes, 0, footerStart).put(footer.toByteArray()).putInt(footer.size())
            .put(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));
        Files.write(file, file2.array());
        return reordered;
    }

    private static String sha256(final byte[] bytes) throws Exception {
        final Path copy = Files.createTempFile("sorted", ".parquet");
        try {
            return Exporter.sha256Of(Files.write(copy, bytes));
        } finally {
            Files.delete(copy);
        }
    }
}

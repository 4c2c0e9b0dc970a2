/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.export.LineageManifest;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongConsumer;

/**
 * Exports a scan to Parquet, zstd-compressed, with the CSV/JSONL columns as typed columns, and writes the
 * lineage manifest beside it. Rows stream from the scan into Parquet's row groups (memory: one row group,
 * whatever the export's size). Written to {@code <file>.partial} and moved into place when complete.
 */
public final class ParquetExporter {
    private final Journal journal;

    /**
     * @param journal the journal to export from.
     */
    public ParquetExporter(final Journal journal) {
        this.journal = journal;
    }

    /**
     * @param scan     what to export (threads must be 1: one file, written in scan order).
     * @param out      the file; its parent must exist.
     * @param progress called every 65,536 rows with the rows so far.
     * @return rows, hash, manifest.
     */
    public ExportResult export(final Scan scan, final Path out, final LongConsumer progress) {
        if (scan.threads() > 1) {
            throw new IllegalArgumentException("an export writes one file in scan order: build the scan with"
                + " threads(1), not " + scan.threads());
        }
        final Path target = Exporter.exportTarget(out);
        final Path partial = target.resolveSibling(target.getFileName() + ".partial");
        final ScanStats stats;
        try (ParquetWriter<EventView> writer = newWriter(partial, true)) {
            final long[] rows = new long[1];
            stats = new Scanner(journal).scan(scan, e -> {
                try {
                    writer.write(e);
                } catch (final IOException failure) {
                    throw new UncheckedIOException(failure);
                }
                if ((++rows[0] & Exporter.PROGRESS_EVERY_MASK) == 0) {
                    progress.accept(rows[0]);
                }
            });
        } catch (final IOException | RuntimeException e) {
            deleteQuietly(partial);
            if (e instanceof IOException) {
                throw new UncheckedIOException("parquet export to " + out + " failed: " + e.getMessage(),
                    (IOException)e);
            }
            throw (RuntimeException)e;
        }
        try {
            ParquetFooters.sortEncodings(partial); // the same rows, the same bytes: a hash that names the data
        } catch (final IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("parquet export to " + out + " failed: " + e.getMessage(), e);
        }
        final String hash = Exporter.sha256Of(partial);
        try {
            LineageManifest.audit(journal, scan, stats, out, "parquet", hash);
        } catch (final RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        // The manifest first: a process killed between the two leaves a manifest whose file is missing or has
        // another hash, never a whole-looking export without its lineage.
        final Path manifest;
        try {
            manifest = LineageManifest.write(journal, scan, stats, out, "parquet", hash);
        } catch (final RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot move " + partial + " to " + target + ": " + e.getMessage(), e);
        }
        return new ExportResult(out, manifest, stats.eventsReturned(), hash, stats);
    }

    /**
     * @param file      the file to write (overwritten if it exists).
     * @param hasDevice false to leave the device column out.
     * @return a zstd writer of events to it.
     */
    static ParquetWriter<EventView> newWriter(final Path file, final boolean hasDevice) throws IOException {
        return new Builder(new LocalOutputFile(file), hasDevice)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // The export's own failure is what the caller needs to see.
        }
    }

    /** Parquet's builder, bound to {@link EventWriteSupport}. */
    private static final class Builder extends ParquetWriter.Builder<EventView, Builder> {
        private final boolean hasDevice;

        Builder(final OutputFile file, final boolean hasDevice) {
            super(file);
            this.hasDevice = hasDevice;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<EventView> getWriteSupport(final ParquetConfiguration configuration) {
            return new EventWriteSupport(hasDevice);
        }

        @Override
        @SuppressWarnings("deprecation") // still abstract in parquet-java; the ParquetConfiguration one is used
        protected WriteSupport<EventView> getWriteSupport(final Configuration configuration) {
            return new EventWriteSupport(hasDevice);
        }
    }
}

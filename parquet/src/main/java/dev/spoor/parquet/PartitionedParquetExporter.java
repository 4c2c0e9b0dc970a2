/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.core.Journal;
import dev.spoor.core.OutputFile;
import dev.spoor.query.export.ExportPart;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.export.LineageManifest;
import dev.spoor.query.scan.EventView;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import org.apache.parquet.hadoop.ParquetWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Exports a scan to a Hive-style directory of Parquet files, one directory level per partition column:
 * <pre>
 * out/
 *   _manifest.json                                  one lineage manifest, written last
 *   device=ws-1/date=2026-01-05/part-00000.parquet  rows in time order
 *   device=a%2Fb%3Dc%25d é/date=2026-01-06/part-00000.parquet
 * </pre>
 * {@code date} is the UTC day of the event's timestamp. Values are escaped as Hive escapes them
 * ({@link HivePaths}); the partition columns are not repeated inside the files (Hive's convention), so a reader
 * takes them from the path: DuckDB's {@code read_parquet('out/**}{@code /*.parquet', hive_partitioning = true)}.
 * The files hold the export columns otherwise, as {@link ParquetExporter} writes them.
 *
 * <p>Memory stays flat: one Parquet writer is open at a time. Partitioning by device takes a device-by-device
 * scan ({@link Scan.Builder#byDevice(boolean)}), which visits each device's days in order, so each partition is
 * written whole before the next one starts; by date alone, a merged scan (all devices in one time order, ties by
 * device id), which visits the days in order. Within a partition the rows are in time order (equal times in the
 * scan's order) across its part files; a partition gets a new part file every {@link #maxRowsPerFile} rows.
 *
 * <p>Written into {@code <out>.partial/} and renamed to {@code out} once every file and the manifest are
 * complete: a directory named {@code out} is always a whole export. {@code out} must not exist or be empty.
 */
public final class PartitionedParquetExporter {
    /** Rows per part file before a partition gets another one. */
    public static final long DEFAULT_MAX_ROWS_PER_FILE = 10_000_000L;
    private static final long NS_PER_DAY = 86_400_000_000_000L;

    private final Journal journal;
    private long maxRowsPerFile = DEFAULT_MAX_ROWS_PER_FILE;

    /**
     * @param journal the journal to export from.
     */
    public PartitionedParquetExporter(final Journal journal) {
        this.journal = journal;
    }

    /**
     * @param rows rows per part file, at least 1 ({@link #DEFAULT_MAX_ROWS_PER_FILE} by default).
     * @return this.
     */
    public PartitionedParquetExporter maxRowsPerFile(final long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("maxRowsPerFile=" + rows + " must be at least 1");
        }
        this.maxRowsPerFile = rows;
        return this;
    }

    /**
     * Sets the order a partitioning needs on a scan builder: device by device when partitioning by device,
     * else merged.
     *
     * @param builder     a scan builder (one thread).
     * @param partitionBy the partition columns.
     * @return the builder.
     */
    public static Scan.Builder order(final Scan.Builder builder, final List<PartitionColumn> partitionBy) {
        final boolean isByDevice = partitionBy.contains(PartitionColumn.DEVICE);
        return builder.merged(!isByDevice).byDevice(isByDevice);
    }

    /**
     * @param scan        what to export, in the order {@link #order} sets.
     * @param partitionBy the partition columns, in directory order (at least one, each once).
     * @param out         the directory to create; its parent must exist; it must not exist or be empty.
     * @param progress    called every 65,536 rows with the rows so far.
     * @return the files, rows and manifest.
     * @throws IllegalArgumentException when the scan's order does not suit the partitioning, or {@code out} is
     *                                  taken.
     */
    public PartitionedExportResult export(final Scan scan, final List<PartitionColumn> partitionBy, final Path out,
        final LongConsumer progress) {
        checkOrder(scan, partitionBy);
        final Path partial = out.resolveSibling(out.getFileName() + ".partial");
        checkOut(out, partial);
        try {
            Files.createDirectory(partial);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create " + partial + ": " + e.getMessage(), e);
        }
        final PartWriter writer = new PartWriter(partial, partitionBy, maxRowsPerFile, progress);
        final ScanStats stats;
        try (Scanner scanner = new Scanner(journal)) {
            stats = scanner.scan(scan, writer::write);
            writer.close();
            LineageManifest.writePartitioned(journal, scan, stats, partial, "parquet", columnNames(partitionBy),
                writer.parts);
            // Audited before it is in place: no export exists that the journal's log does not know.
            LineageManifest.auditPartitioned(journal, scan, stats, out, "parquet", writer.parts.size(),
                Exporter.sha256Of(partial.resolve(LineageManifest.DIRECTORY_MANIFEST)));
            if (Files.isDirectory(out)) {
                Files.delete(out); // empty: checked above
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            writer.abandon();
            deleteQuietly(partial);
            throw new UncheckedIOException("partitioned export to " + out + " failed: " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            writer.abandon();
            deleteQuietly(partial);
            throw e;
        }
        final Path manifest = out.resolve(LineageManifest.DIRECTORY_MANIFEST);
        return new PartitionedExportResult(out, manifest, stats.eventsReturned(), writer.parts, stats);
    }

    private static void checkOrder(final Scan scan, final List<PartitionColumn> partitionBy) {
        if (partitionBy.isEmpty() || partitionBy.stream().distinct().count() != partitionBy.size()) {
            throw new IllegalArgumentException("partitionBy=" + partitionBy + ": name device and/or date, each once");
        }
        if (partitionBy.contains(PartitionColumn.DEVICE) && !scan.isByDevice()) {
            throw new IllegalArgumentException("partitioning by device writes one device at a time: build the scan"
                + " with byDevice(true) (PartitionedParquetExporter.order does), not " + scan);
        }
        if (!partitionBy.contains(PartitionColumn.DEVICE) && !scan.isMerged()) {
            throw new IllegalArgumentException("partitioning by date alone writes the days in time order: build the"
                + " scan with merged(true) (PartitionedParquetExporter.order does), not " + scan);
        }
    }

    private static void checkOut(final Path out, final Path partial) {
        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("folder " + parent + " does not exist");
        }
        final Path journal = OutputFile.enclosingJournal(out.resolve("part"));
        if (journal != null) {
            throw new IllegalArgumentException(out + " lies inside journal " + journal + ", whose files it could"
                + " replace; write the export outside the journal's folder");
        }
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new IllegalArgumentException(out + " exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty: a partitioned export writes a new"
                        + " directory (remove it or choose another)");
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot list " + out + ": " + e.getMessage(), e);
            }
        }
        if (Files.exists(partial)) {
            throw new IllegalArgumentException(partial + " exists: an unfinished export (killed?) or one running;"
                + " remove it first");
        }
    }

    private static List<String> columnNames(final List<PartitionColumn> partitionBy) {
        final List<String> names = new ArrayList<>();
        partitionBy.forEach(column -> names.add(column.columnName()));
        return names;
    }

    private static void deleteQuietly(final Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (final IOException | UncheckedIOException ignored) {
            // The export's own failure is what the caller needs to see; the .partial name marks what is left.
        }
    }

    /** Rolls part files as the scan moves from partition to partition; one Parquet writer open at a time. */
    private static final class PartWriter implements AutoCloseable {
        final List<ExportPart> parts = new ArrayList<>();
        private final Path root;
        private final List<PartitionColumn> partitionBy;
        private final boolean isByDevice;
        private final boolean isByDate;
        private final long maxRows;
        private final LongConsumer progress;
        private ParquetWriter<EventView> writer;
        private Map<String, String> partition;
        private String relativeDirectory;
        private Path file;
        private int partNumber;
        private long fileRows;
        private long rows;
        private long deviceId;
        private String device;
        private long day;

        PartWriter(final Path root, final List<PartitionColumn> partitionBy, final long maxRows,
            final LongConsumer progress) {
            this.root = root;
            this.partitionBy = partitionBy;
            this.isByDevice = partitionBy.contains(PartitionColumn.DEVICE);
            this.isByDate = partitionBy.contains(PartitionColumn.DATE);
            this.maxRows = maxRows;
            this.progress = progress;
        }

        void write(final EventView e) {
            final long eventDay = Math.floorDiv(e.timestampNs(), NS_PER_DAY);
            final boolean isNewDevice = isByDevice && (writer == null || e.deviceId() != deviceId);
            if (writer == null || isNewDevice || isByDate && eventDay != day) {
                if (isNewDevice) {
                    deviceId = e.deviceId();
                    device = ExportRow.deviceColumn(e);
                }
                day = eventDay;
                startPartition();
            } else if (fileRows == maxRows) {
                closeFile();
                partNumber++;
                openFile();
            }
            try {
                writer.write(e);
            } catch (final IOException failure) {
                throw new UncheckedIOException("cannot write " + file + ": " + failure.getMessage(), failure);
            }
            fileRows++;
            if ((++rows & Exporter.PROGRESS_EVERY_MASK) == 0) {
                progress.accept(rows);
            }
        }

        private void startPartition() {
            closeFile();
            partition = new LinkedHashMap<>();
            final StringBuilder path = new StringBuilder();
            for (final PartitionColumn column : partitionBy) {
                final String value = column == PartitionColumn.DEVICE ? device : LocalDate.ofEpochDay(day).toString();
                partition.put(column.columnName(), value);
                path.append(HivePaths.segment(column.columnName(), value)).append('/');
            }
            relativeDirectory = path.toString();
            partNumber = 0;
            openFile();
        }

        private void openFile() {
            final String name = relativeDirectory + String.format("part-%05d.parquet", partNumber);
            file = root.resolve(name);
            try {
                Files.createDirectories(file.getParent());
                if (Files.exists(file)) {
                    // Each partition is visited once; a file already there means two values share a directory
                    // (a case-insensitive file system).
                    throw new IllegalStateException("partition " + partition + " would overwrite " + file
                        + ": does the file system fold case?");
                }
                writer = ParquetExporter.newWriter(file, !isByDevice); // the path holds the device
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
            }
            fileRows = 0;
        }

        private void closeFile() {
            if (writer == null) {
                return;
            }
            final ParquetWriter<EventView> closing = writer;
            writer = null;
            try {
                closing.close();
                ParquetFooters.sortEncodings(file);
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            parts.add(new ExportPart(root.relativize(file).toString().replace(root.getFileSystem().getSeparator(),
                "/"), partition, fileRows, Exporter.sha256Of(file)));
        }

        @Override
        public void close() {
            closeFile();
        }

        /** After a failure: closes the open file, if any, without adding it to the parts. */
        void abandon() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (final IOException | RuntimeException ignored) {
                    // The failure that brought us here is the one to report.
                }
                writer = null;
            }
        }
    }
}

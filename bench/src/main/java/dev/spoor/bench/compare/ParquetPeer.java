/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.TimeRange;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Parquet as a careful user would write it: one file sorted by device then time, writer version 2 (delta
 * encodings), zstd, dictionaries, 64 MiB row groups with pages of at most 20,000 rows (so the column index
 * can prune pages), statistics and the page index on. Read with the column reader API (no row objects);
 * a one-device query pushes a device and time predicate down to row groups and pages, then checks rows.
 */
final class ParquetPeer implements Peer {
    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message event {\n"
        + "  required int64 device;\n  required int64 ts (TIMESTAMP(NANOS,true));\n"
        + "  required int32 type (INTEGER(8,true));\n"
        + "  required int32 x;\n  required int32 y;\n  required int32 a;\n  required int32 b;\n}");
    private static final String[] COLUMNS = {"device", "ts", "type", "x", "y", "a", "b"};
    private Path file;
    private ParquetMetadata footer;
    private long checksum;

    @Override
    public String name() {
        return "Parquet+zstd";
    }

    @Override
    public void ingest(final Dataset data, final Path dir) throws Exception {
        Files.createDirectories(dir);
        final int[] order = byDeviceThenTime(data);
        final Row row = new Row(data);
        try (ParquetWriter<Row> writer = new Builder(new LocalOutputFile(dir.resolve("events.parquet")))
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withDictionaryEncoding(true)
            .withRowGroupSize(64L << 20)
            .withPageRowCountLimit(20_000)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
            for (final int i : order) {
                row.index = i;
                writer.write(row);
            }
        }
    }

    /** Events are in time order: a stable bucket pass by device gives device-then-time order. */
    private static int[] byDeviceThenTime(final Dataset data) {
        final int[] start = new int[data.devices + 1];
        for (int i = 0; i < data.size(); i++) {
            start[data.rows.device(i) + 1]++;
        }
        for (int d = 0; d < data.devices; d++) {
            start[d + 1] += start[d];
        }
        final int[] order = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            order[start[data.rows.device(i)]++] = i;
        }
        return order;
    }

    @Override
    public void open(final Path dir) throws Exception {
        file = dir.resolve("events.parquet");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            footer = reader.getFooter();
        }
    }

    @Override
    public long fullScan() throws Exception {
        return read(ParquetReadOptions.builder().build(), -1, Long.MIN_VALUE, Long.MAX_VALUE, false);
    }

    @Override
    public long query(final int device, final long fromNs, final long toNs) throws Exception {
        final FilterCompat.Filter filter = FilterCompat.get(FilterApi.and(
            FilterApi.eq(FilterApi.longColumn("device"), (long)device),
            FilterApi.and(FilterApi.gtEq(FilterApi.longColumn("ts"), fromNs),
                FilterApi.ltEq(FilterApi.longColumn("ts"), TimeRange.lastNs(toNs)))));
        return read(ParquetReadOptions.builder().withRecordFilter(filter).useStatsFilter(true)
            .useColumnIndexFilter(true).build(), device, fromNs, toNs, true);
    }

    private long read(final ParquetReadOptions options, final long device, final long fromNs, final long toNs,
        final boolean isFiltered) throws Exception {
        final long lastNs = TimeRange.lastNs(toNs);
        long n = 0;
        final LocalInputFile input = new LocalInputFile(file);
        try (ParquetFileReader reader = ParquetFileReader.open(input, footer, options, input.newStream())) {
            final String createdBy = footer.getFileMetaData().getCreatedBy();
            for (PageReadStore rows = next(reader, isFiltered); rows != null; rows = next(reader, isFiltered)) {
                final ColumnReadStoreImpl store = new ColumnReadStoreImpl(rows, new NoConverter(), SCHEMA, createdBy);
                final ColumnReader[] c = new ColumnReader[COLUMNS.length];
                for (int k = 0; k < COLUMNS.length; k++) {
                    c[k] = store.getColumnReader(column(COLUMNS[k]));
                }
                for (long r = 0, count = rows.getRowCount(); r < count; r++) {
                    final long d = c[0].getLong();
                    final long ts = c[1].getLong();
                    final int type = c[2].getInteger();
                    final int x = c[3].getInteger();
                    final int y = c[4].getInteger();
                    final int a = c[5].getInteger();
                    final int b = c[6].getInteger();
                    for (final ColumnReader column : c) {
                        column.consume();
                    }
                    if ((device < 0 || d == device) && ts >= fromNs && ts <= lastNs) {
                        checksum += ts + type + x + y + a + b;
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static PageReadStore next(final ParquetFileReader reader, final boolean isFiltered) throws Exception {
        return isFiltered ? reader.readNextFilteredRowGroup() : reader.readNextRowGroup();
    }

    private static ColumnDescriptor column(final String name) {
        return SCHEMA.getColumnDescription(new String[] {name});
    }

    @Override
    public void close() {
        footer = null;
    }

    @Override
    public long checksum() {
        return checksum;
    }

    /** The row being written: an index into the dataset. */
    private static final class Row {
        final Dataset data;
        int index;

        Row(final Dataset data) {
            this.data = data;
        }
    }

    /** Writes one row's primitives. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private RecordConsumer out;

        @Override
        public WriteContext init(final ParquetConfiguration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        @SuppressWarnings("deprecation") // still abstract in parquet-java
        public WriteContext init(final Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(final RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(final Row row) {
            final Dataset d = row.data;
            final int i = row.index;
            out.startMessage();
            putLong(0, d.rows.device(i));
            putLong(1, d.rows.timestampNs(i));
            putInt(2, d.rows.typeCode(i));
            putInt(3, d.rows.x(i));
            putInt(4, d.rows.y(i));
            putInt(5, d.rows.a(i));
            putInt(6, d.rows.b(i));
            out.endMessage();
        }

        private void putLong(final int column, final long value) {
            out.startField(COLUMNS[column], column);
            out.addLong(value);
            out.endField(COLUMNS[column], column);
        }

        private void putInt(final int column, final int value) {
            out.startField(COLUMNS[column], column);
            out.addInteger(value);
            out.endField(COLUMNS[column], column);
        }
    }

    /** Parquet's builder bound to {@link RowWriteSupport}. */
    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        Builder(final OutputFile out) {
            super(out);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(final ParquetConfiguration configuration) {
            return new RowWriteSupport();
        }

        @Override
        @SuppressWarnings("deprecation") // still abstract in parquet-java
        protected WriteSupport<Row> getWriteSupport(final Configuration configuration) {
            return new RowWriteSupport();
        }
    }

    /** The column readers need a converter tree; values are read with getLong/getInteger instead. */
    private static final class NoConverter extends GroupConverter {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {
        };

        @Override
        public Converter getConverter(final int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}

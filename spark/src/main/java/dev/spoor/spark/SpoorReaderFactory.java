/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/**
 * Sent to executors: makes a columnar reader per partition (Spoor never builds a row object per event), or, for a
 * pushed count, a reader of a few rows of counts.
 */
final class SpoorReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;

    private final SpoorOptions options;
    private final SpoorFilter filter;
    private final SpoorColumn[] columns;
    /** Counts to make instead of rows, or null. */
    private final SpoorAggregation aggregation;

    SpoorReaderFactory(final SpoorOptions options, final SpoorFilter filter, final SpoorColumn[] columns,
        final SpoorAggregation aggregation) {
        this.options = options;
        this.filter = filter;
        this.columns = columns;
        this.aggregation = aggregation;
    }

    @Override
    public boolean supportColumnarReads(final InputPartition partition) {
        return aggregation == null;
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(final InputPartition partition) {
        return new SpoorColumnarReader(options, (SpoorPartition)partition, filter, columns);
    }

    @Override
    public PartitionReader<InternalRow> createReader(final InputPartition partition) {
        if (aggregation == null) {
            throw new UnsupportedOperationException("spoor reads rows as columnar batches");
        }
        return new SpoorAggregateReader(options, (SpoorPartition)partition, filter, aggregation);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;

import java.util.List;

/**
 * Counts one partition's wanted events per group ({@link SpoorAggregation}, {@link GroupCounts}) and returns a
 * row per group. Blocks the index answers for are not read; any other block is decoded and its events counted after
 * the time and type filters, as {@link SpoorColumnarReader} would return them.
 */
final class SpoorAggregateReader implements PartitionReader<InternalRow> {
    private final SpoorPartition partition;
    private final SpoorFilter filter;
    private final SpoorBlockSource source;
    private final GroupCounts counts;
    private List<InternalRow> rows;
    private int next = -1;

    SpoorAggregateReader(final SpoorOptions options, final SpoorPartition partition, final SpoorFilter filter,
        final SpoorAggregation aggregation) {
        this.partition = partition;
        this.filter = filter;
        this.counts = new GroupCounts(aggregation);
        this.source = new SpoorBlockSource(options, partition);
    }

    @Override
    public boolean next() {
        if (rows == null) {
            count();
            rows = counts.rows();
        }
        return ++next < rows.size();
    }

    @Override
    public InternalRow get() {
        return rows.get(next);
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return SpoorMetrics.values(source.blocksDecoded(), counts.events());
    }

    @Override
    public void close() {
        source.close();
    }

    private void count() {
        for (int block = 0; block < partition.blocks(); block++) {
            final long device = partition.deviceId(block);
            final String name = SpoorColumnarReader.deviceName(source.journal(), device);
            if (filter.wantsDevice(device, name) && !counts.addFromIndex(partition, block, name)
                && source.load(block)) {
                counts.addDecoded(partition, block, name, source.events(), filter);
            }
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownAggregates;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the filters Spoor answers itself ({@link SpoorFilter}), the columns the query needs and the counts Spoor
 * makes itself ({@link SpoorAggregation}; Spark offers them only when every filter was taken), then builds the
 * {@link SpoorScan}, or a {@link SpoorLocalScan} when the index alone answers the counts or the planned blocks are
 * few enough to read on the driver.
 */
final class SpoorScanBuilder implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns,
    SupportsPushDownAggregates {
    private final SpoorOptions options;
    private final SpoorFilter filter = new SpoorFilter();
    private Filter[] pushed = new Filter[0];
    private SpoorColumn[] columns = SpoorColumn.values();
    private SpoorAggregation aggregation;

    SpoorScanBuilder(final SpoorOptions options) {
        this.options = options;
    }

    @Override
    public Filter[] pushFilters(final Filter[] filters) {
        final List<Filter> taken = new ArrayList<>();
        final List<Filter> left = new ArrayList<>();
        for (final Filter f : filters) {
            (filter.accept(f) ? taken : left).add(f);
        }
        pushed = taken.toArray(new Filter[0]);
        return left.toArray(new Filter[0]);
    }

    @Override
    public Filter[] pushedFilters() {
        return pushed.clone();
    }

    @Override
    public void pruneColumns(final StructType requiredSchema) {
        final List<SpoorColumn> wanted = new ArrayList<>();
        for (final StructField field : requiredSchema.fields()) {
            final SpoorColumn column = SpoorColumn.byName(field.name());
            if (column != null) {
                wanted.add(column);
            }
        }
        columns = wanted.toArray(new SpoorColumn[0]);
    }

    @Override
    public boolean pushAggregation(final Aggregation offered) {
        aggregation = SpoorAggregation.of(offered);
        return aggregation != null;
    }

    @Override
    public Scan build() {
        final SpoorScan scan = new SpoorScan(options, filter, columns, pushed, aggregation);
        if (aggregation != null) {
            final InternalRow[] counted = scan.countFromIndex();
            return counted != null ? new SpoorLocalScan(scan, counted, "AnsweredFromIndex") : scan;
        }
        final InternalRow[] rows = scan.readOnDriver();
        return rows != null ? new SpoorLocalScan(scan, rows, "ReadOnDriver") : scan;
    }
}

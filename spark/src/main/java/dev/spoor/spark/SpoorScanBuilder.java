/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the filters Spoor answers itself ({@link SpoorFilter}) and the columns the query needs, then builds
 * the {@link SpoorScan}.
 */
final class SpoorScanBuilder implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns {
    private final SpoorOptions options;
    private final SpoorFilter filter = new SpoorFilter();
    private Filter[] pushed = new Filter[0];
    private SpoorColumn[] columns = SpoorColumn.values();

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
    public Scan build() {
        return new SpoorScan(options, filter, columns, pushed);
    }
}

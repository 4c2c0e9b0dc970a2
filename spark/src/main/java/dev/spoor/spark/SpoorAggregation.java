/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.connector.expressions.aggregate.Aggregation;
import org.apache.spark.sql.connector.expressions.aggregate.Count;
import org.apache.spark.sql.connector.expressions.aggregate.CountStar;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An aggregate Spoor computes itself, partly: {@code COUNT(*)} (or {@code COUNT} of a column that is never
 * null), grouped by none or some of {@code journal}, {@code device}, {@code device_id} and {@code type}. Each task
 * returns its partition's counts per group and Spark adds them up. A block the filter wants whole is counted from the
 * index without being read, when the grouping needs no more than the index knows (a block holds one device; its
 * types are known only when it holds one type); any other block is decoded and its wanted events counted.
 */
final class SpoorAggregation implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Columns a count may be grouped by: constant per block, or the type. */
    private static final Set<SpoorColumn> GROUPABLE =
        EnumSet.of(SpoorColumn.JOURNAL, SpoorColumn.DEVICE, SpoorColumn.DEVICE_ID, SpoorColumn.TYPE);

    private final SpoorColumn[] groupBy;
    private final int counts;
    private final String text;

    private SpoorAggregation(final SpoorColumn[] groupBy, final int counts, final String text) {
        this.groupBy = groupBy;
        this.counts = counts;
        this.text = text;
    }

    /**
     * @param aggregation what Spark offers to push.
     * @return the aggregation, or null when Spoor cannot compute it.
     */
    static SpoorAggregation of(final Aggregation aggregation) {
        final List<SpoorColumn> columns = new ArrayList<>();
        for (final Expression e : aggregation.groupByExpressions()) {
            final SpoorColumn column = column(e);
            if (column == null || !GROUPABLE.contains(column) || columns.contains(column)) {
                return null;
            }
            columns.add(column);
        }
        for (final AggregateFunc f : aggregation.aggregateExpressions()) {
            if (!isCountOfRows(f)) {
                return null;
            }
        }
        return new SpoorAggregation(columns.toArray(new SpoorColumn[0]), aggregation.aggregateExpressions().length,
            "[" + Arrays.toString(aggregation.aggregateExpressions()) + " GROUP BY " + columns + "]");
    }

    /** COUNT(*), or COUNT(column) of a column that is never null (COUNT(1) reaches here as COUNT(*)). */
    private static boolean isCountOfRows(final AggregateFunc f) {
        if (f instanceof CountStar) {
            return true;
        }
        if (f instanceof Count && !((Count)f).isDistinct()) {
            final SpoorColumn column = column(((Count)f).column());
            return column != null && !SpoorColumn.schema(column).fields()[0].nullable();
        }
        return false;
    }

    private static SpoorColumn column(final Expression e) {
        if (e instanceof NamedReference && ((NamedReference)e).fieldNames().length == 1) {
            return SpoorColumn.byName(((NamedReference)e).fieldNames()[0]);
        }
        return null;
    }

    /**
     * @return the group-by columns, in the order of the output.
     */
    SpoorColumn[] groupBy() {
        return groupBy.clone();
    }

    /**
     * @param column a column.
     * @return true when the counts are grouped by it.
     */
    boolean isGroupedBy(final SpoorColumn column) {
        return Arrays.asList(groupBy).contains(column);
    }

    /**
     * @return the number of count columns after the group-by columns (each holds the same count).
     */
    int counts() {
        return counts;
    }

    /**
     * @return what each task returns: the group-by columns, then the counts (Spark sums them).
     */
    StructType schema() {
        final List<StructField> fields = new ArrayList<>(Arrays.asList(SpoorColumn.schema(groupBy).fields()));
        for (int i = 0; i < counts; i++) {
            fields.add(DataTypes.createStructField("count" + i, DataTypes.LongType, false));
        }
        return DataTypes.createStructType(fields);
    }

    @Override
    public String toString() {
        return text;
    }
}

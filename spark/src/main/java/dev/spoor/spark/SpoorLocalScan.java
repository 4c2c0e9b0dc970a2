/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.types.StructType;

/**
 * A read the driver answered while planning it: a pushed count the index answered whole
 * ({@link SpoorScan#countFromIndex()}: no block is read), or the rows of a few planned blocks
 * ({@link SpoorScan#readOnDriver()}). Spark gets the rows as a local relation, so no task is scheduled. The rows are
 * those of the moment of planning, as the planned block set of a {@link SpoorScan} is.
 */
final class SpoorLocalScan implements LocalScan {
    private final SpoorScan planned;
    private final InternalRow[] rows;
    private final String how;

    /**
     * @param planned the scan as planned.
     * @param rows    its rows.
     * @param how     for EXPLAIN: {@code AnsweredFromIndex} or {@code ReadOnDriver}.
     */
    SpoorLocalScan(final SpoorScan planned, final InternalRow[] rows, final String how) {
        this.planned = planned;
        this.rows = rows.clone();
        this.how = how;
    }

    @Override
    public InternalRow[] rows() {
        return rows.clone();
    }

    @Override
    public StructType readSchema() {
        return planned.readSchema();
    }

    @Override
    public String description() {
        return planned.description() + " " + how + ": " + rows.length + " rows";
    }
}

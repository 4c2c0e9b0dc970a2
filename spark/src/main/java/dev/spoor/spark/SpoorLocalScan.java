/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.LocalScan;
import org.apache.spark.sql.types.StructType;

/**
 * A pushed count the index answered whole while the driver planned it ({@link SpoorScan#countFromIndex()}): its
 * rows are handed to Spark as a local relation, so no task starts and no block is read.
 */
final class SpoorLocalScan implements LocalScan {
    private final SpoorScan planned;
    private final InternalRow[] rows;

    SpoorLocalScan(final SpoorScan planned, final InternalRow[] rows) {
        this.planned = planned;
        this.rows = rows.clone();
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
        return planned.description() + " AnsweredFromIndex: " + rows.length + " rows";
    }
}

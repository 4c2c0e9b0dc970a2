/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.EnumSet;
import java.util.Set;

/** The journals a read names, as one read-only table. */
final class SpoorTable implements SupportsRead {
    private final SpoorOptions options;

    SpoorTable(final SpoorOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        final int count = options.journals().size();
        return "spoor[" + (count == 1 ? options.journals().get(0) : count + " journals") + "]";
    }

    @Override
    @Deprecated
    public StructType schema() {
        return SpoorColumn.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(final CaseInsensitiveStringMap ignored) {
        return new SpoorScanBuilder(options);
    }
}

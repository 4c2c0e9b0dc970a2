/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * The {@code spoor} format: {@code spark.read.format("spoor").load("/data/collectors/*")}, or in SQL
 * {@code CREATE TEMPORARY VIEW v USING spoor OPTIONS (path '/data/collectors/*')}. Registered through
 * {@code META-INF/services/org.apache.spark.sql.sources.DataSourceRegister}. The schema is fixed
 * ({@link SpoorColumn#SCHEMA}); options are in {@link SpoorOptions}.
 */
public final class SpoorDataSource implements TableProvider, DataSourceRegister {
    /** The format's short name. */
    public static final String SHORT_NAME = "spoor";

    /** Spark creates the provider by reflection. */
    public SpoorDataSource() {
    }

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(final CaseInsensitiveStringMap options) {
        return SpoorColumn.SCHEMA;
    }

    @Override
    public Table getTable(final StructType schema, final Transform[] partitioning,
        final Map<String, String> properties) {
        return new SpoorTable(SpoorOptions.parse(new CaseInsensitiveStringMap(properties)));
    }
}

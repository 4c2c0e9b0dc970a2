/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a partitioned export splits its rows by: one directory level per column, in the order given. */
public enum PartitionColumn {
    /** The device column as the exports write it: the key, or the id as 16 hex digits when no key is known. */
    DEVICE,
    /** The UTC day of the event's timestamp, {@code YYYY-MM-DD}. */
    DATE;

    /**
     * @return the name used in directory names and the manifest: {@code device}, {@code date}.
     */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param list a comma-separated list of {@code device} and {@code date}, each at most once.
     * @return the columns, in the order given.
     * @throws IllegalArgumentException naming what is wrong.
     */
    public static List<PartitionColumn> parseList(final String list) {
        final List<PartitionColumn> columns = new ArrayList<>();
        for (final String part : list.split(",", -1)) {
            final String name = part.trim();
            PartitionColumn column = null;
            for (final PartitionColumn candidate : values()) {
                if (candidate.columnName().equals(name)) {
                    column = candidate;
                }
            }
            if (column == null) {
                throw new IllegalArgumentException("'" + name + "' is not a partition column (device, date)");
            }
            if (columns.contains(column)) {
                throw new IllegalArgumentException("'" + name + "' is named twice");
            }
            columns.add(column);
        }
        return columns;
    }
}

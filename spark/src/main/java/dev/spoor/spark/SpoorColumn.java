/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Locale;

/**
 * The columns of a journal as Spark sees them: the values {@code spoor scan} prints (and the Parquet export
 * writes), plus the journal each row came from, the device id and the time as a Spark timestamp. Columns that do
 * not apply to a row's type are null, as in the Parquet export.
 */
public enum SpoorColumn {
    /** The journal directory the row was read from, as given (a glob's match): a string. */
    JOURNAL("journal", DataTypes.StringType, false),
    /** The device's key, or its id as 16 hex digits when the journal knows no key (pseudonymous journals). */
    DEVICE("device", DataTypes.StringType, false),
    /** The device id the blocks carry (a hash of the key, or a keyed pseudonym). */
    DEVICE_ID("device_id", DataTypes.LongType, false),
    /** The time as a Spark timestamp (microseconds, rounded down; {@link #TS_NANOS} is exact). */
    TIME("time", DataTypes.TimestampType, false),
    /** Exact epoch nanoseconds. */
    TS_NANOS("ts_nanos", DataTypes.LongType, false),
    /** The type: move, button_down, button_up, wheel, key_down, key_up. */
    TYPE("type", DataTypes.StringType, false),
    /** Pointer x in px, exact (whole px plus 1/256 px fractions); null for key events. */
    X("x", DataTypes.DoubleType, true),
    /** Pointer y in px, exact; null for key events. */
    Y("y", DataTypes.DoubleType, true),
    /** The button pressed or released (a {@code dev.spoor.codec.Buttons} bit); button events only. */
    BUTTON("button", DataTypes.IntegerType, true),
    /** The buttons held during a move (mask); moves only. */
    BUTTONS("buttons", DataTypes.IntegerType, true),
    /** Wheel dx; wheel events only. */
    DX("dx", DataTypes.IntegerType, true),
    /** Wheel dy; wheel events only. */
    DY("dy", DataTypes.IntegerType, true),
    /** The key (or key class code, under the default privacy policy); key events only. */
    KEY("key", DataTypes.IntegerType, true),
    /** The modifiers held; key events only. */
    MODIFIERS("modifiers", DataTypes.IntegerType, true);

    /** Every column, in order. */
    public static final StructType SCHEMA = schema(values());

    private final String columnName;
    private final DataType dataType;
    private final boolean isNullable;

    SpoorColumn(final String columnName, final DataType dataType, final boolean isNullable) {
        this.columnName = columnName;
        this.dataType = dataType;
        this.isNullable = isNullable;
    }

    /**
     * @return the column's name in Spark.
     */
    public String columnName() {
        return columnName;
    }

    /**
     * @return its Spark type.
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * @param name a column name, any case.
     * @return the column, or null when there is none of that name.
     */
    public static SpoorColumn byName(final String name) {
        final String lower = name.toLowerCase(Locale.ROOT);
        for (final SpoorColumn column : values()) {
            if (column.columnName.equals(lower)) {
                return column;
            }
        }
        return null;
    }

    /**
     * @param columns columns in the order wanted.
     * @return their schema.
     */
    public static StructType schema(final SpoorColumn... columns) {
        final StructField[] fields = new StructField[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = DataTypes.createStructField(columns[i].columnName, columns[i].dataType, columns[i].isNullable);
        }
        return DataTypes.createStructType(fields);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.query.export.ExportRow;
import dev.spoor.query.scan.EventView;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes scan events straight from the reusable view into Parquet columns (no row objects). Schema: the
 * export columns, typed; x and y are doubles (exact: whole px plus 1/256 px fractions), the other columns ints;
 * all of them optional and left null where they do not apply to the type. A partitioned export by device leaves
 * the device column out (Hive's convention: the directory names the value).
 */
final class EventWriteSupport extends WriteSupport<EventView> {
    static final MessageType SCHEMA = schema(true);
    private static final Binary[] TYPE_NAMES = new Binary[EventType.COUNT];

    static {
        for (final EventType type : EventType.values()) {
            TYPE_NAMES[type.code()] = Binary.fromConstantByteArray(
                ExportRow.typeName(type).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final boolean hasDevice;
    private final MessageType schema;
    /** Field index of ts_nanos: 1 after the device column, else 0; the others follow it in order. */
    private final int first;
    private RecordConsumer out;

    EventWriteSupport() {
        this(true);
    }

    /**
     * @param hasDevice false to leave the device column out (a partitioned export by device).
     */
    EventWriteSupport(final boolean hasDevice) {
        this.hasDevice = hasDevice;
        this.schema = hasDevice ? SCHEMA : schema(false);
        this.first = hasDevice ? 1 : 0;
    }

    static MessageType schema(final boolean hasDevice) {
        return MessageTypeParser.parseMessageType(
            "message spoor_event {\n"
                + (hasDevice ? "  required binary device (STRING);\n" : "")
                + "  required int64 ts_nanos;\n"
                + "  required binary type (STRING);\n"
                + "  optional double x;\n"
                + "  optional double y;\n"
                + "  optional int32 button;\n"
                + "  optional int32 buttons;\n"
                + "  optional int32 dx;\n"
                + "  optional int32 dy;\n"
                + "  optional int32 key;\n"
                + "  optional int32 modifiers;\n"
                + "}");
    }

    @Override
    public WriteContext init(final ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of("writer", "spoor"));
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in parquet-java; the ParquetConfiguration one is used
    public WriteContext init(final Configuration configuration) {
        return new WriteContext(schema, Map.of("writer", "spoor"));
    }

    @Override
    public void prepareForWrite(final RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(final EventView e) {
        out.startMessage();
        if (hasDevice) {
            out.startField("device", 0);
            out.addBinary(Binary.fromString(ExportRow.deviceColumn(e)));
            out.endField("device", 0);
        }
        out.startField("ts_nanos", first);
        out.addLong(e.timestampNs());
        out.endField("ts_nanos", first);
        out.startField("type", first + 1);
        out.addBinary(TYPE_NAMES[e.typeCode()]);
        out.endField("type", first + 1);
        for (int column = ExportRow.FIRST_INT_COLUMN; column < ExportRow.COLUMNS.length; column++) {
            if (ExportRow.applies(e.typeCode(), column)) {
                final String name = ExportRow.COLUMNS[column];
                final int field = column - 1 + first;
                out.startField(name, field);
                if (ExportRow.isCoordinateColumn(column)) {
                    out.addDouble(SubPixel.toPixels(ExportRow.value(e, column), ExportRow.fraction(e, column)));
                } else {
                    out.addInteger(ExportRow.value(e, column));
                }
                out.endField(name, field);
            }
        }
        out.endMessage();
    }
}

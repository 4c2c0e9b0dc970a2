/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventCodes;
import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.execution.vectorized.WritableColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

import java.nio.charset.StandardCharsets;

/**
 * Reads one partition's blocks in journal order and hands each block's wanted events to Spark as one
 * {@link ColumnarBatch}: the decoder's primitive columns are copied into reused on-heap column vectors, the
 * journal and device (one per block) are constant vectors, and nothing is allocated per event. Time and type
 * filters are applied per event, devices per block; the blocks come from a {@link SpoorBlockSource}.
 */
final class SpoorColumnarReader implements PartitionReader<ColumnarBatch> {
    private static final byte[][] TYPE_NAMES = typeNames();
    private static final long NS_PER_US = 1_000L;

    private final SpoorPartition partition;
    private final SpoorFilter filter;
    private final SpoorColumn[] columns;
    private final SpoorBlockSource source;
    private final Journal journal;
    private final EventBatch events;
    /** Indexes into {@link #events} of the current block's wanted events. */
    private final int[] selected;
    private final ColumnVector[] vectors;
    private final ColumnarBatch batch;
    private int next;
    private long eventsReturned;

    SpoorColumnarReader(final SpoorOptions options, final SpoorPartition partition, final SpoorFilter filter,
        final SpoorColumn[] columns) {
        this.partition = partition;
        this.filter = filter;
        this.columns = columns;
        this.selected = new int[partition.blockEvents()];
        this.vectors = new ColumnVector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            vectors[c] = columns[c] == SpoorColumn.JOURNAL || columns[c] == SpoorColumn.DEVICE
                ? new ConstantColumnVector(partition.blockEvents(), DataTypes.StringType)
                : new OnHeapColumnVector(partition.blockEvents(), columns[c].dataType());
        }
        this.batch = new ColumnarBatch(vectors);
        this.source = new SpoorBlockSource(options, partition);
        this.journal = source.journal();
        this.events = source.events();
        final UTF8String journalName = UTF8String.fromString(partition.journal());
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] == SpoorColumn.JOURNAL) {
                ((ConstantColumnVector)vectors[c]).setUtf8String(journalName);
            }
        }
    }

    /**
     * @param journal a journal.
     * @param device  a device id.
     * @return the {@code device} column: the key, or the id as 16 hex digits ({@code spoor scan}'s column).
     */
    static String deviceName(final Journal journal, final long device) {
        final String key = journal.devices().keyOf(device);
        return key != null ? key : String.format("%016x", device);
    }

    @Override
    public boolean next() {
        while (next < partition.blocks()) {
            final int block = next++;
            final long device = partition.deviceId(block);
            final String name = deviceName(journal, device);
            if (filter.wantsDevice(device, name) && source.load(block) && fill(device, name) > 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ColumnarBatch get() {
        return batch;
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return SpoorMetrics.values(source.blocksDecoded(), eventsReturned);
    }

    @Override
    public void close() {
        try {
            batch.close();
        } finally {
            source.close();
        }
    }

    /** Copies the block's wanted events into the vectors, a column at a time. @return rows in the batch. */
    private int fill(final long device, final String name) {
        final long[] ts = events.timestampColumn();
        final byte[] types = events.typeColumn();
        final long fromNs = filter.fromNs();
        final long lastNs = filter.lastNs();
        final int typeMask = filter.typeMask();
        int rows = 0;
        for (int i = 0, n = events.size(); i < n; i++) {
            if (ts[i] >= fromNs && ts[i] <= lastNs && (typeMask & 1 << types[i]) != 0) {
                selected[rows++] = i;
            }
        }
        for (int c = 0; c < columns.length; c++) {
            if (vectors[c] instanceof WritableColumnVector) {
                ((WritableColumnVector)vectors[c]).reset();
                fillColumn(c, rows, device);
            } else if (columns[c] == SpoorColumn.DEVICE && rows > 0) {
                ((ConstantColumnVector)vectors[c]).setUtf8String(UTF8String.fromString(name));
            }
        }
        batch.setNumRows(rows);
        eventsReturned += rows;
        return rows;
    }

    private void fillColumn(final int c, final int rows, final long device) {
        final WritableColumnVector vector = writable(c);
        for (int row = 0; row < rows; row++) {
            final int i = selected[row];
            final int type = events.typeCode(i);
            switch (columns[c]) {
                case DEVICE_ID:
                    vector.putLong(row, device);
                    break;
                case TIME:
                    vector.putLong(row, Math.floorDiv(events.timestampNs(i), NS_PER_US));
                    break;
                case TS_NANOS:
                    vector.putLong(row, events.timestampNs(i));
                    break;
                case TYPE:
                    vector.putByteArray(row, TYPE_NAMES[type]);
                    break;
                case X:
                    putDouble(vector, row, EventCodes.isPointer(type), events.xPixels(i));
                    break;
                case Y:
                    putDouble(vector, row, EventCodes.isPointer(type), events.yPixels(i));
                    break;
                case BUTTON:
                    putInt(vector, row, EventCodes.isButton(type), events.buttons(i));
                    break;
                case BUTTONS:
                    putInt(vector, row, type == EventCodes.MOVE, events.buttons(i));
                    break;
                case DX:
                    putInt(vector, row, type == EventCodes.WHEEL, events.wheelDx(i));
                    break;
                case DY:
                    putInt(vector, row, type == EventCodes.WHEEL, events.wheelDy(i));
                    break;
                case KEY:
                    putInt(vector, row, EventCodes.isKey(type), events.key(i));
                    break;
                case MODIFIERS:
                    putInt(vector, row, EventCodes.isKey(type), events.modifiers(i));
                    break;
                default:
                    throw new IllegalStateException("column " + columns[c] + " is not filled per row");
            }
        }
    }

    private WritableColumnVector writable(final int c) {
        return (WritableColumnVector)vectors[c];
    }

    private static void putDouble(final WritableColumnVector vector, final int row, final boolean applies,
        final double value) {
        if (applies) {
            vector.putDouble(row, value);
        } else {
            vector.putNull(row);
        }
    }

    private static void putInt(final WritableColumnVector vector, final int row, final boolean applies,
        final int value) {
        if (applies) {
            vector.putInt(row, value);
        } else {
            vector.putNull(row);
        }
    }

    private static byte[][] typeNames() {
        final byte[][] names = new byte[EventType.COUNT][];
        for (final EventType type : EventType.values()) {
            names[type.code()] = ExportRow.typeName(type).getBytes(StandardCharsets.UTF_8);
        }
        return names;
    }
}

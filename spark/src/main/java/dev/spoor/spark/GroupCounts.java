/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.query.export.ExportRow;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of a {@link SpoorAggregation}, per group, added block by block: from the index for a block the
 * filter wants whole (when the grouping needs no more than the index knows: a block holds one device, and its type
 * only when it holds one), else from the decoded events after the time and type filters.
 */
final class GroupCounts {
    private final SpoorAggregation aggregation;
    private final boolean isByType;
    private final boolean isByDevice;
    private final boolean isByJournal;
    /** Per group, a count per type code (all in [0] when not by type). */
    private final Map<Group, long[]> counts = new LinkedHashMap<>();
    private long events;

    /** A group: the journal and device when grouped by them, else null and 0. */
    private record Group(String journal, long device, String deviceName) {
    }

    GroupCounts(final SpoorAggregation aggregation) {
        this.aggregation = aggregation;
        this.isByType = aggregation.isGroupedBy(SpoorColumn.TYPE);
        this.isByDevice = aggregation.isGroupedBy(SpoorColumn.DEVICE) || aggregation.isGroupedBy(SpoorColumn.DEVICE_ID);
        this.isByJournal = aggregation.isGroupedBy(SpoorColumn.JOURNAL);
    }

    /**
     * Adds a block from the index alone, when that gives its counts.
     *
     * @param partition the block's partition.
     * @param block     its position there.
     * @param name      its device's {@code device} column.
     * @return false when the block must be decoded ({@link #addDecoded}).
     */
    boolean addFromIndex(final SpoorPartition partition, final int block, final String name) {
        final int whole = partition.wholeEvents(block);
        final int mask = partition.typeMask(block);
        if (whole < 0 || isByType && Integer.bitCount(mask) != 1) {
            return false;
        }
        countsOf(partition, block, name)[isByType ? Integer.numberOfTrailingZeros(mask) : 0] += whole;
        events += whole;
        return true;
    }

    /**
     * Adds a decoded block's events that pass the filter's time and type tests.
     *
     * @param partition the block's partition.
     * @param block     its position there.
     * @param name      its device's {@code device} column.
     * @param decoded   its events.
     * @param filter    the scan's filter.
     */
    void addDecoded(final SpoorPartition partition, final int block, final String name, final EventBatch decoded,
        final SpoorFilter filter) {
        final long[] perType = countsOf(partition, block, name);
        final long[] ts = decoded.timestampColumn();
        final byte[] types = decoded.typeColumn();
        final long fromNs = filter.fromNs();
        final long lastNs = filter.lastNs();
        final int typeMask = filter.typeMask();
        final boolean byType = isByType;
        long added = 0;
        for (int i = 0, n = decoded.size(); i < n; i++) {
            if (ts[i] >= fromNs && ts[i] <= lastNs && (typeMask & 1 << types[i]) != 0) {
                perType[byType ? types[i] : 0]++;
                added++;
            }
        }
        events += added;
    }

    /**
     * @return events counted so far.
     */
    long events() {
        return events;
    }

    /**
     * @return a row per group (per group and type when grouped by type) with a count above 0; without a group-by,
     *         one row even when it counts 0, as Spark sums the rows of all tasks and a sum of no rows is null.
     */
    List<InternalRow> rows() {
        final SpoorColumn[] groupBy = aggregation.groupBy();
        if (groupBy.length == 0 && counts.isEmpty()) {
            counts.put(new Group(null, 0, null), new long[EventType.COUNT]);
        }
        final List<InternalRow> out = new ArrayList<>();
        counts.forEach((group, perType) -> {
            for (int type = 0; type < (isByType ? EventType.COUNT : 1); type++) {
                if (perType[type] == 0 && groupBy.length > 0) {
                    continue;
                }
                final Object[] values = new Object[groupBy.length + aggregation.counts()];
                for (int c = 0; c < groupBy.length; c++) {
                    values[c] = value(groupBy[c], group, type);
                }
                for (int c = groupBy.length; c < values.length; c++) {
                    values[c] = perType[type];
                }
                out.add(new GenericInternalRow(values));
            }
        });
        return out;
    }

    private long[] countsOf(final SpoorPartition partition, final int block, final String name) {
        final Group group = new Group(isByJournal ? partition.journal() : null,
            isByDevice ? partition.deviceId(block) : 0, isByDevice ? name : null);
        return counts.computeIfAbsent(group, g -> new long[EventType.COUNT]);
    }

    private static Object value(final SpoorColumn column, final Group group, final int type) {
        switch (column) {
            case JOURNAL:
                return UTF8String.fromString(group.journal());
            case DEVICE:
                return UTF8String.fromString(group.deviceName());
            case DEVICE_ID:
                return group.device();
            case TYPE:
                return UTF8String.fromString(ExportRow.typeName(EventType.fromCode(type)));
            default:
                throw new IllegalStateException("cannot group by " + column);
        }
    }
}

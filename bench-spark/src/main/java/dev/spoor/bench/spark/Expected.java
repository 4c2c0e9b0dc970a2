/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import dev.spoor.codec.EventType;
import dev.spoor.core.EventRows;
import dev.spoor.query.export.ExportRow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The answers, counted from the generated events themselves: every source must return exactly these.
 */
final class Expected {
    static final long HOUR_NS = 3_600_000_000_000L;

    final long count;
    final TreeMap<String, Long> byType = new TreeMap<>();
    final List<HourQuery> queries = new ArrayList<>();

    /** One device, one hour: {@code device = key AND ts_nanos >= fromNs AND ts_nanos < fromNs + 1 h}. */
    static final class HourQuery {
        final String device;
        final long fromNs;
        long rows;
        long sumTsNanos;

        HourQuery(final String device, final long fromNs) {
            this.device = device;
            this.fromNs = fromNs;
        }

        long toNs() {
            return fromNs + HOUR_NS;
        }
    }

    /**
     * @param rows    the events.
     * @param queries (device, hour) pairs to draw: each starts up to an hour before one of the device's events.
     * @param seed    the random seed of the draw.
     */
    Expected(final EventRows rows, final int queries, final long seed) {
        count = rows.size();
        final long[] perType = new long[EventType.COUNT];
        for (int i = 0; i < rows.size(); i++) {
            perType[rows.typeCode(i)]++;
        }
        for (final EventType type : EventType.values()) {
            if (perType[type.code()] > 0) {
                byType.put(ExportRow.typeName(type), perType[type.code()]);
            }
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] devices = new int[queries];
        for (int q = 0; q < queries; q++) {
            final int i = random.nextInt(rows.size());
            devices[q] = rows.device(i);
            this.queries.add(new HourQuery(SyntheticEvents.key(devices[q]),
                rows.timestampNs(i) - random.nextLong(HOUR_NS)));
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int q = 0; q < queries; q++) {
                final HourQuery query = this.queries.get(q);
                final long ts = rows.timestampNs(i);
                if (rows.device(i) == devices[q] && ts >= query.fromNs && ts < query.toNs()) {
                    query.rows++;
                    query.sumTsNanos += ts;
                }
            }
        }
    }
}

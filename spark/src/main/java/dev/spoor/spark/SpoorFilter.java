/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventType;
import dev.spoor.query.export.ExportRow;
import org.apache.spark.sql.sources.EqualNullSafe;
import org.apache.spark.sql.sources.EqualTo;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.GreaterThan;
import org.apache.spark.sql.sources.GreaterThanOrEqual;
import org.apache.spark.sql.sources.In;
import org.apache.spark.sql.sources.LessThan;
import org.apache.spark.sql.sources.LessThanOrEqual;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a query's WHERE clause Spoor answers itself: devices (by name or id, {@code =} and {@code IN}),
 * a time range ({@code time} or {@code ts_nanos}: {@code < <= > >= =}), types ({@code =}, {@code IN}) and
 * journals ({@code =}, {@code IN}). The conjunction of the filters accepted so far; the index plans from it
 * (a superset of the blocks), and the reader applies it exactly to every event, so Spark need not evaluate
 * these filters again. Immutable once planning starts; travels to executors inside each partition.
 */
final class SpoorFilter implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long NS_PER_US = 1_000L;

    /** Wanted device names (the {@code device} column), or null for any. */
    private Set<String> deviceNames;
    /** Wanted device ids, or null for any. */
    private Set<Long> deviceIds;
    /** Wanted journals (the {@code journal} column), or null for any. */
    private Set<String> journals;
    private long fromNs = Long.MIN_VALUE;
    /** The last wanted timestamp, inclusive. */
    private long lastNs = Long.MAX_VALUE;
    private int typeMask = (1 << EventType.COUNT) - 1;

    /**
     * Takes a filter when Spoor can answer it exactly.
     *
     * @param filter one conjunct of the query's filter.
     * @return true when taken (Spark need not evaluate it), false when Spark must.
     */
    boolean accept(final Filter filter) {
        if (filter instanceof EqualTo) {
            return equal(((EqualTo)filter).attribute(), ((EqualTo)filter).value());
        }
        if (filter instanceof EqualNullSafe) {
            return equal(((EqualNullSafe)filter).attribute(), ((EqualNullSafe)filter).value());
        }
        if (filter instanceof In) {
            return in(((In)filter).attribute(), ((In)filter).values());
        }
        if (filter instanceof GreaterThan) {
            return bound(((GreaterThan)filter).attribute(), ((GreaterThan)filter).value(), true, 1);
        }
        if (filter instanceof GreaterThanOrEqual) {
            return bound(((GreaterThanOrEqual)filter).attribute(), ((GreaterThanOrEqual)filter).value(), true, 0);
        }
        if (filter instanceof LessThan) {
            return bound(((LessThan)filter).attribute(), ((LessThan)filter).value(), false, -1);
        }
        if (filter instanceof LessThanOrEqual) {
            return bound(((LessThanOrEqual)filter).attribute(), ((LessThanOrEqual)filter).value(), false, 0);
        }
        return false;
    }

    private boolean equal(final String attribute, final Object value) {
        final SpoorColumn column = SpoorColumn.byName(attribute);
        if (column == SpoorColumn.TIME || column == SpoorColumn.TS_NANOS) {
            return bound(attribute, value, true, 0) && bound(attribute, value, false, 0);
        }
        return in(attribute, new Object[] {value});
    }

    private boolean in(final String attribute, final Object[] values) {
        final SpoorColumn column = SpoorColumn.byName(attribute);
        if (column == null || values == null) {
            return false;
        }
        switch (column) {
            case DEVICE:
                return strings(values, wanted -> deviceNames = intersect(deviceNames, wanted));
            case JOURNAL:
                return strings(values, wanted -> journals = intersect(journals, wanted));
            case DEVICE_ID:
                return deviceIds(values);
            case TYPE:
                return types(values);
            default:
                return false;
        }
    }

    private static boolean strings(final Object[] values, final java.util.function.Consumer<Set<String>> sink) {
        final Set<String> wanted = new TreeSet<>();
        for (final Object value : values) {
            if (value != null && !(value instanceof String)) {
                return false;
            }
            if (value != null) {
                wanted.add((String)value);
            }
        }
        sink.accept(wanted);
        return true;
    }

    private boolean deviceIds(final Object[] values) {
        final Set<Long> wanted = new TreeSet<>();
        for (final Object value : values) {
            if (value instanceof Long || value instanceof Integer) {
                wanted.add(((Number)value).longValue());
            } else if (value != null) {
                return false;
            }
        }
        deviceIds = intersect(deviceIds, wanted);
        return true;
    }

    private boolean types(final Object[] values) {
        int mask = 0;
        for (final Object value : values) {
            if (value != null && !(value instanceof String)) {
                return false;
            }
            if (value != null) {
                try {
                    mask |= ExportRow.parseTypeName((String)value).maskBit();
                } catch (final IllegalArgumentException notAType) {
                    // No row has this type: the value matches nothing.
                }
            }
        }
        typeMask &= mask;
        return true;
    }

    /**
     * @param isLower true for a lower bound.
     * @param offset  +1 for {@code >}, -1 for {@code <}, 0 for the inclusive bounds.
     */
    private boolean bound(final String attribute, final Object value, final boolean isLower, final int offset) {
        final SpoorColumn column = SpoorColumn.byName(attribute);
        final long ns;
        if (column == SpoorColumn.TS_NANOS && (value instanceof Long || value instanceof Integer)) {
            // ts > v is ts >= v + 1; ts < v is ts <= v - 1.
            final long v = ((Number)value).longValue();
            if (isLower) {
                ns = offset > 0 ? (v == Long.MAX_VALUE ? Long.MAX_VALUE : v + 1) : v;
                raiseFrom(ns, offset > 0 && v == Long.MAX_VALUE);
            } else {
                ns = offset < 0 ? (v == Long.MIN_VALUE ? Long.MIN_VALUE : v - 1) : v;
                lowerLast(ns, offset < 0 && v == Long.MIN_VALUE);
            }
            return true;
        }
        if (column != SpoorColumn.TIME) {
            return false;
        }
        final Long micros = micros(value);
        if (micros == null) {
            return false;
        }
        // time is floor(ns / 1000) us: time >= t iff ns >= t*1000; time > t iff ns >= (t+1)*1000;
        // time <= t iff ns <= (t+1)*1000 - 1; time < t iff ns <= t*1000 - 1.
        final long t = micros;
        if (isLower) {
            raiseFrom(saturatedNs(offset > 0 ? t + 1 : t), false);
        } else {
            final long end = saturatedNs(offset < 0 ? t : t + 1);
            lowerLast(end == Long.MIN_VALUE ? end : end - 1, end == Long.MIN_VALUE);
        }
        return true;
    }

    private void raiseFrom(final long ns, final boolean isNone) {
        if (isNone) {
            typeMask = 0;
        }
        fromNs = Math.max(fromNs, ns);
    }

    private void lowerLast(final long ns, final boolean isNone) {
        if (isNone) {
            typeMask = 0;
        }
        lastNs = Math.min(lastNs, ns);
    }

    private static long saturatedNs(final long micros) {
        if (micros > Long.MAX_VALUE / NS_PER_US) {
            return Long.MAX_VALUE;
        }
        if (micros < Long.MIN_VALUE / NS_PER_US) {
            return Long.MIN_VALUE;
        }
        return micros * NS_PER_US;
    }

    private static Long micros(final Object value) {
        if (value instanceof Timestamp) {
            final Timestamp t = (Timestamp)value;
            return Math.floorDiv(t.getTime(), 1000L) * 1_000_000L + t.getNanos() / 1_000L;
        }
        if (value instanceof Instant) {
            final Instant t = (Instant)value;
            return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000L;
        }
        return null;
    }

    private static <T> Set<T> intersect(final Set<T> current, final Set<T> wanted) {
        if (current == null) {
            return wanted;
        }
        final Set<T> both = new LinkedHashSet<>(current);
        both.retainAll(wanted);
        return both;
    }

    /**
     * @return true when no row can match (an empty device, journal or type set, or an empty time range).
     */
    boolean isEmpty() {
        return typeMask == 0 || fromNs > lastNs || deviceNames != null && deviceNames.isEmpty()
            || deviceIds != null && deviceIds.isEmpty() || journals != null && journals.isEmpty();
    }

    /**
     * @param journal a journal's name (the {@code journal} column).
     * @return true when the filter wants rows of it.
     */
    boolean wantsJournal(final String journal) {
        return journals == null || journals.contains(journal);
    }

    /**
     * @param deviceId   a device id.
     * @param deviceName its {@code device} column.
     * @return true when the filter wants the device's rows.
     */
    boolean wantsDevice(final long deviceId, final String deviceName) {
        return (deviceIds == null || deviceIds.contains(deviceId))
            && (deviceNames == null || deviceNames.contains(deviceName));
    }

    /**
     * @return wanted device names, or null for any.
     */
    Set<String> deviceNames() {
        return deviceNames;
    }

    /**
     * @return wanted device ids, or null for any.
     */
    Set<Long> deviceIds() {
        return deviceIds;
    }

    /**
     * @return the first wanted timestamp, epoch ns.
     */
    long fromNs() {
        return fromNs;
    }

    /**
     * @return the last wanted timestamp, epoch ns, inclusive.
     */
    long lastNs() {
        return lastNs;
    }

    /**
     * @return wanted types (bit = 1 &lt;&lt; type code).
     */
    int typeMask() {
        return typeMask;
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("[devices=");
        text.append(deviceNames == null ? "any" : deviceNames.toString());
        if (deviceIds != null) {
            text.append(", deviceIds=").append(deviceIds);
        }
        if (journals != null) {
            text.append(", journals=").append(journals);
        }
        text.append(", time=").append(fromNs == Long.MIN_VALUE ? "-inf" : Instant.ofEpochSecond(0, 0)
            .plusNanos(fromNs)).append("..").append(lastNs == Long.MAX_VALUE ? "+inf" : Instant.ofEpochSecond(0, 0)
            .plusNanos(lastNs)).append(" (ns ").append(fromNs).append("..").append(lastNs).append(")");
        text.append(", types=");
        final String[] names = new String[Integer.bitCount(typeMask)];
        int n = 0;
        for (final EventType type : EventType.values()) {
            if ((typeMask & type.maskBit()) != 0) {
                names[n++] = ExportRow.typeName(type);
            }
        }
        return text.append(Arrays.toString(names)).append(']').toString();
    }
}

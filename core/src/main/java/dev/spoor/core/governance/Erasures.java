/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

import dev.spoor.core.TimeRange;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable snapshot of a journal's erasure records ({@code erasures.spoor}, see {@link ErasureFile}) that
 * readers consult: per device, the erased time ranges merged into disjoint, sorted, inclusive spans. Get the
 * current one from {@code Journal.erasures()}, which re-reads the file only when its stamp changed.
 * <p>Every lookup allocates nothing; with no erasures at all, {@link #isEmpty()} lets a hot path skip the rest.
 */
public final class Erasures {
    /** No erasures. */
    public static final Erasures NONE = new Erasures(List.of());

    private final List<Erasure> records;
    /** Per device: from0, last0, from1, last1, ... (inclusive, ascending, disjoint and not adjacent). */
    private final Long2ObjectHashMap<long[]> spans = new Long2ObjectHashMap<>();

    /**
     * @param records erasure records in the order they were recorded.
     */
    public Erasures(final List<Erasure> records) {
        this.records = List.copyOf(records);
        final Long2ObjectHashMap<List<Erasure>> byDevice = new Long2ObjectHashMap<>();
        for (final Erasure e : this.records) {
            byDevice.computeIfAbsent(e.deviceId(), id -> new ArrayList<>()).add(e);
        }
        byDevice.forEach((device, list) -> spans.put(device, merge(list)));
    }

    /**
     * @return true when nothing was ever erased.
     */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * @return every record, oldest first.
     */
    public List<Erasure> records() {
        return records;
    }

    /**
     * @param deviceId a device.
     * @return true when some of its events are erased.
     */
    public boolean hasDevice(final long deviceId) {
        return spans.get(deviceId) != null;
    }

    /**
     * @param deviceId a device.
     * @return true when all its events, whatever their time, are erased.
     */
    public boolean isWholeDevice(final long deviceId) {
        return covers(deviceId, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @param deviceId    a device.
     * @param timestampNs an event's timestamp, epoch ns.
     * @return true when that event is erased.
     */
    public boolean isErased(final long deviceId, final long timestampNs) {
        return covers(deviceId, timestampNs, timestampNs);
    }

    /**
     * @param deviceId a block's device.
     * @param minNs    its smallest timestamp, epoch ns.
     * @param maxNs    its largest timestamp, epoch ns (at least minNs).
     * @return true when every timestamp of [minNs, maxNs] is erased: the whole block is, nothing of it is read.
     */
    public boolean covers(final long deviceId, final long minNs, final long maxNs) {
        final long[] s = spans.get(deviceId);
        if (s == null) {
            return false;
        }
        final int i = spanAtOrBefore(s, minNs);
        return i >= 0 && s[i + 1] >= maxNs;
    }

    /**
     * @param deviceId a block's device.
     * @param minNs    its smallest timestamp, epoch ns.
     * @param maxNs    its largest timestamp, epoch ns (at least minNs).
     * @return true when some timestamp of [minNs, maxNs] is erased: the block's events must be filtered.
     */
    public boolean overlaps(final long deviceId, final long minNs, final long maxNs) {
        final long[] s = spans.get(deviceId);
        if (s == null) {
            return false;
        }
        final int i = spanAtOrBefore(s, maxNs);
        return i >= 0 && s[i + 1] >= minNs;
    }

    /**
     * @param deviceId a device.
     * @return the records of that device, oldest first.
     */
    public List<Erasure> recordsOf(final long deviceId) {
        final List<Erasure> of = new ArrayList<>();
        for (final Erasure e : records) {
            if (e.deviceId() == deviceId) {
                of.add(e);
            }
        }
        return of;
    }

    /**
     * @param fromNs start of a query range, epoch ns, inclusive.
     * @param toNs   end of the query range, epoch ns, exclusive; {@code Long.MAX_VALUE}: no end, so the range holds
     *               {@code Long.MAX_VALUE} too ({@link TimeRange}).
     * @return the records whose range meets [fromNs, toNs), oldest first.
     */
    public List<Erasure> recordsOverlapping(final long fromNs, final long toNs) {
        final List<Erasure> of = new ArrayList<>();
        for (final Erasure e : records) {
            if (!TimeRange.isEmpty(fromNs, toNs) && e.overlaps(fromNs, TimeRange.lastNs(toNs))) {
                of.add(e);
            }
        }
        return of;
    }

    @Override
    public String toString() {
        return "Erasures" + records;
    }

    /** Index (even) of the last span starting at or before ts, or -2 when none does. */
    private static int spanAtOrBefore(final long[] s, final long ts) {
        int lo = 0;
        int hi = s.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            final int mid = (lo + hi) >>> 1;
            if (s[2 * mid] <= ts) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return 2 * found;
    }

    private static long[] merge(final List<Erasure> list) {
        final List<Erasure> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Erasure::fromNs));
        final long[] out = new long[2 * sorted.size()];
        int n = 0;
        for (final Erasure e : sorted) {
            // Adjacent spans ([a, b] then [b + 1, c]) merge too, so covers() sees one span; b == MAX has no b + 1.
            if (n > 0 && (out[n - 1] == Long.MAX_VALUE || e.fromNs() <= out[n - 1] + 1)) {
                out[n - 1] = Math.max(out[n - 1], e.lastNs());
            } else {
                out[n++] = e.fromNs();
                out[n++] = e.lastNs();
            }
        }
        return Arrays.copyOf(out, n);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventType;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.TimeRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to read: devices (all when none are named), a time range [from, to), event types, fields, and how:
 * threads, one merged time-ordered stream or per-device order, what to do with a damaged block.
 * Immutable; build one with {@link #builder()}.
 * <p>A {@code to} of {@code Long.MAX_VALUE} (the default) has no end: the range holds a timestamp of
 * {@code Long.MAX_VALUE} too, the largest a writer accepts, so a scan left open at the end returns every stored
 * event from its start on ({@link TimeRange}).
 *
 * <pre>{@code
 * Scan scan = Scan.builder().deviceKeys("ws-0042").from(start).to(start + 3_600_000_000_000L)
 *     .types(EventType.MOVE, EventType.BUTTON_DOWN).build();
 * }</pre>
 */
public final class Scan {
    private final boolean isAllDevices;
    private final long[] namedIds;
    private final List<String> deviceKeys;
    private final long fromNs;
    private final long toNs;
    private final Set<EventType> types;
    private final int typeMask;
    private final Set<EventField> fields;
    private final int threads;
    private final boolean isMerged;
    private final boolean isByDevice;
    private final DamagePolicy damagePolicy;

    private Scan(final Builder builder) {
        this.deviceKeys = List.copyOf(builder.keys);
        this.namedIds = sortedDistinct(builder.ids.stream().mapToLong(Long::longValue).toArray());
        this.isAllDevices = builder.ids.isEmpty() && builder.keys.isEmpty();
        this.fromNs = builder.fromNs;
        this.toNs = builder.toNs;
        this.types = Collections.unmodifiableSet(EnumSet.copyOf(builder.types));
        int mask = 0;
        for (final EventType type : types) {
            mask |= type.maskBit();
        }
        this.typeMask = mask;
        this.fields = Collections.unmodifiableSet(EnumSet.copyOf(builder.fields));
        this.threads = builder.threads;
        this.isMerged = builder.isMerged;
        this.isByDevice = builder.isByDevice;
        this.damagePolicy = builder.damagePolicy;
    }

    /**
     * @return a builder for every event of every device, all fields, one thread, per-device order.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The wanted devices as this journal names them: the ids given, plus the keys resolved by the journal
     * ({@link dev.spoor.core.DeviceRegistry#lookup(String)}, keyed pseudonyms included).
     *
     * @param journal the journal scanned.
     * @return the ids in ascending order without repeats (a new array), or null for all devices.
     * @throws JournalException when keys were named and the journal keeps keyed pseudonyms but was opened
     *                          without its key file.
     */
    public long[] deviceIds(final Journal journal) {
        if (isAllDevices) {
            return null;
        }
        final long[] ids = Arrays.copyOf(namedIds, namedIds.length + deviceKeys.size());
        int count = namedIds.length;
        for (final String key : deviceKeys) {
            ids[count++] = journal.devices().lookup(key);
        }
        return sortedDistinct(ids);
    }

    /**
     * @return the device ids named when the scan was built, ascending, without those named by key (see
     *     {@link #deviceKeys()}; {@link #deviceIds(Journal)} resolves both).
     */
    public long[] namedDeviceIds() {
        return namedIds.clone();
    }

    /**
     * @return the device keys named when the scan was built (a journal resolves them:
     *     {@link #deviceIds(Journal)}).
     */
    public List<String> deviceKeys() {
        return deviceKeys;
    }

    /**
     * @return true when no device was named: the scan reads every device.
     */
    public boolean isAllDevices() {
        return isAllDevices;
    }

    /**
     * @return inclusive start, epoch ns.
     */
    public long fromNs() {
        return fromNs;
    }

    /**
     * @return exclusive end, epoch ns; {@code Long.MAX_VALUE}: no end, a timestamp of {@code Long.MAX_VALUE}
     *     included ({@link TimeRange}).
     */
    public long toNs() {
        return toNs;
    }

    /**
     * @return the wanted types.
     */
    public Set<EventType> types() {
        return types;
    }

    /**
     * @return the wanted types as a mask (bit = 1 &lt;&lt; type code).
     */
    public int typeMask() {
        return typeMask;
    }

    /**
     * @return the wanted fields.
     */
    public Set<EventField> fields() {
        return fields;
    }

    /**
     * @return threads decoding blocks.
     */
    public int threads() {
        return threads;
    }

    /**
     * @return true for one stream of all devices in timestamp order.
     */
    public boolean isMerged() {
        return isMerged;
    }

    /**
     * @return true when devices come one after another (ascending id), each whole and in timestamp order.
     */
    public boolean isByDevice() {
        return isByDevice;
    }

    /**
     * @return what happens at a damaged block.
     */
    public DamagePolicy damagePolicy() {
        return damagePolicy;
    }

    @Override
    public String toString() {
        return describe(isAllDevices ? "all" : Arrays.toString(namedIds) + " " + deviceKeys);
    }

    /**
     * The scan as a journal's audit log records it: devices by id (hex), never by key, since the log outlives an
     * erasure of the device and a pseudonymous journal's log must not name the people its ids stand for.
     *
     * @param journal the journal scanned (its registry turns keys into ids).
     * @return the description.
     */
    public String describeById(final Journal journal) {
        final long[] ids = deviceIds(journal);
        return describe(ids == null ? "all" : Arrays.stream(ids).mapToObj(id -> String.format("%016x", id))
            .collect(Collectors.joining(", ", "[", "]")));
    }

    private String describe(final String devices) {
        return "Scan{devices=" + devices
            + ", from=" + fromNs + ", to=" + toNs + ", types=" + types + ", fields=" + fields
            + ", threads=" + threads + ", merged=" + isMerged + (isByDevice ? ", byDevice=true" : "")
            + ", onDamage=" + damagePolicy + "}";
    }

    private static long[] sortedDistinct(final long[] ids) {
        Arrays.sort(ids);
        int count = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[count++] = ids[i];
            }
        }
        return count == ids.length ? ids : Arrays.copyOf(ids, count);
    }

    private static String checkKey(final String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("deviceKeys: a device key must not be empty");
        }
        final int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DeviceRegistry.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("deviceKeys: a key of [bytes=" + bytes + "] exceeds [max="
                + DeviceRegistry.MAX_KEY_BYTES + "]");
        }
        return key;
    }

    /** Builds a {@link Scan}; every setting is checked when set. */
    public static final class Builder {
        private final List<Long> ids = new ArrayList<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private long fromNs = Long.MIN_VALUE;
        private long toNs = Long.MAX_VALUE;
        private Set<EventType> types = EnumSet.allOf(EventType.class);
        private Set<EventField> fields = EnumSet.allOf(EventField.class);
        private int threads = 1;
        private boolean isMerged;
        private boolean isByDevice;
        private DamagePolicy damagePolicy = DamagePolicy.FAIL;

        private Builder() {
        }

        /**
         * @param deviceIds devices by id, added to those named before.
         * @return this.
         */
        public Builder deviceIds(final long... deviceIds) {
            for (final long id : deviceIds) {
                ids.add(id);
            }
            return this;
        }

        /**
         * @param deviceKeys devices by key, added to those named before; the journal scanned resolves them.
         * @return this.
         * @throws IllegalArgumentException when a key is empty or longer than
         *                                  {@link DeviceRegistry#MAX_KEY_BYTES} UTF-8 bytes.
         */
        public Builder deviceKeys(final String... deviceKeys) {
            for (final String key : deviceKeys) {
                keys.add(checkKey(key));
            }
            return this;
        }

        /**
         * @param fromNs inclusive start, epoch ns; {@code Long.MIN_VALUE} (the default): no start.
         * @return this.
         */
        public Builder from(final long fromNs) {
            this.fromNs = fromNs;
            return this;
        }

        /**
         * @param toNs exclusive end, epoch ns; {@code Long.MAX_VALUE} (the default): no end, so events at
         *             {@code Long.MAX_VALUE} are returned too ({@link TimeRange}).
         * @return this.
         */
        public Builder to(final long toNs) {
            this.toNs = toNs;
            return this;
        }

        /**
         * @param wanted the types to return (at least one).
         * @return this.
         */
        public Builder types(final EventType... wanted) {
            if (wanted.length == 0) {
                throw new IllegalArgumentException("types: name at least one event type");
            }
            this.types = EnumSet.of(wanted[0], wanted);
            return this;
        }

        /**
         * @param wanted the fields to deliver (at least one).
         * @return this.
         */
        public Builder fields(final EventField... wanted) {
            if (wanted.length == 0) {
                throw new IllegalArgumentException("fields: name at least one field");
            }
            this.fields = EnumSet.of(wanted[0], wanted);
            return this;
        }

        /**
         * @param count threads decoding blocks, 1 to 256; each device's events stay on one thread, in order.
         * @return this.
         */
        public Builder threads(final int count) {
            if (count < 1 || count > 256) {
                throw new IllegalArgumentException("threads=" + count + " must be in 1..256");
            }
            this.threads = count;
            return this;
        }

        /**
         * @param merged true for one stream of all devices in timestamp order (ties by device id).
         * @return this.
         */
        public Builder merged(final boolean merged) {
            this.isMerged = merged;
            return this;
        }

        /**
         * Delivers one device at a time: every event of a device, in timestamp order (equal timestamps in the
         * order appended), before any of the next device (ascending id). Without it a one-thread scan may
         * interleave devices (it reads in journal order when that keeps each device's order). A partitioned
         * export writes one device's files at a time with it.
         *
         * @param byDevice true for device after device.
         * @return this.
         */
        public Builder byDevice(final boolean byDevice) {
            this.isByDevice = byDevice;
            return this;
        }

        /**
         * @param policy what to do at a damaged block.
         * @return this.
         */
        public Builder onDamage(final DamagePolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("onDamage: policy must not be null");
            }
            this.damagePolicy = policy;
            return this;
        }

        /**
         * @return the scan.
         * @throws IllegalArgumentException when the range holds no timestamp (from not before to, unless to is
         *                                  {@code Long.MAX_VALUE}: no end), merged is combined with threads, or
         *                                  by device with either.
         */
        public Scan build() {
            if (TimeRange.isEmpty(fromNs, toNs)) {
                throw new IllegalArgumentException("time range [" + fromNs + ", " + toNs + ") is empty: from must be"
                    + " before to");
            }
            if (isMerged && threads > 1) {
                throw new IllegalArgumentException("a merged scan runs on one thread; threads=" + threads);
            }
            if (isByDevice && (isMerged || threads > 1)) {
                throw new IllegalArgumentException("a device-by-device scan runs on one thread and is not merged;"
                    + " [threads=" + threads + ", merged=" + isMerged + "]");
            }
            return new Scan(this);
        }
    }
}

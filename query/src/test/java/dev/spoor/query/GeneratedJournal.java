/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.query.scan.Event;
import dev.spoor.query.scan.Scan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded journal and the plain list of what was appended to it: the reference every query test checks
 * against. Streams mix every type, edge values (int extremes, 0), timestamps that jump back (so one
 * device's blocks overlap), random block sizes and a small staging budget (blocks sealed early).
 */
public final class GeneratedJournal {
    /** Start of generated time: 2026-01-01T00:00Z in epoch ns. */
    public static final long EPOCH_NS = 1_767_225_600_000_000_000L;
    /** One hour in ns. */
    public static final long HOUR_NS = 3_600_000_000_000L;

    /** Appended events per device, in append order. */
    public final Map<Long, List<Event>> appended = new LinkedHashMap<>();
    /** Every appended event, in append order. */
    public final List<Event> all = new ArrayList<>();
    /** Device ids by key, as the journal registered them. */
    public final Map<String, Long> idsByKey = new LinkedHashMap<>();

    /**
     * Writes a journal.
     *
     * @param dir     empty directory.
     * @param seed    the seed.
     * @param devices devices.
     * @param events  events in all.
     * @param config  journal settings.
     * @return the reference.
     */
    public static GeneratedJournal write(final Path dir, final long seed, final int devices, final int events,
        final JournalConfig config) {
        final GeneratedJournal generated = new GeneratedJournal();
        final Random random = new Random(seed);
        if (config.privacyPolicy() == null) {
            // The model compares key codes exactly: keep them (the default policy stores key classes).
            config.privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE));
        }
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final long[] ids = new long[devices];
            final String[] keys = new String[devices];
            final long[] ts = new long[devices];
            for (int d = 0; d < devices; d++) {
                keys[d] = "ws-" + seed + "-" + d;
                ids[d] = journal.devices().register(keys[d]);
                generated.idsByKey.put(keys[d], ids[d]);
                ts[d] = EPOCH_NS + random.nextInt(600) * 1_000_000_000L;
            }
            for (int i = 0; i < events; i++) {
                final int d = random.nextInt(devices);
                ts[d] = Math.max(0, ts[d] + nextGap(random));
                final Event e = nextEvent(random, ids[d], keys[d], ts[d]);
                writer.appendSubPixel(e.deviceId(), e.timestampNs(), e.type(), SubPixel.of(e.x(), e.xFraction()),
                    SubPixel.of(e.y(), e.yFraction()), firstOf(e), secondOf(e));
                generated.appended.computeIfAbsent(e.deviceId(), k -> new ArrayList<>()).add(e);
                generated.all.add(e);
            }
        }
        return generated;
    }

    /** A random config: block sizes 1 to 512 events, sometimes a budget that forces early seals. */
    public static JournalConfig randomConfig(final Random random) {
        final int largest = random.nextBoolean() ? 16 : 512;
        final JournalConfig config = new JournalConfig().blockEvents(1 + random.nextInt(largest));
        if (random.nextBoolean()) {
            config.memoryBudgetBytes(64 * 1024).maxOpenBlocks(4);
        }
        return config;
    }

    /**
     * The plain answer: per device in append order, the events inside the scan, stably sorted by time.
     *
     * @param scan a scan.
     * @return per device id, expected events.
     */
    public Map<Long, List<Event>> expected(final Scan scan) {
        final Map<Long, List<Event>> expected = new LinkedHashMap<>();
        final Set<Long> wanted = new HashSet<>();
        Arrays.stream(scan.namedDeviceIds()).forEach(wanted::add);
        scan.deviceKeys().stream().filter(idsByKey::containsKey).forEach(key -> wanted.add(idsByKey.get(key)));
        appended.forEach((device, events) -> {
            if (!scan.isAllDevices() && !wanted.contains(device)) {
                return;
            }
            final List<Event> kept = new ArrayList<>();
            for (final Event e : events) {
                // A to of Long.MAX_VALUE has no end: it holds Long.MAX_VALUE itself (TimeRange).
                final boolean isBeforeEnd = scan.toNs() == Long.MAX_VALUE || e.timestampNs() < scan.toNs();
                if (e.timestampNs() >= scan.fromNs() && isBeforeEnd && scan.types().contains(e.type())) {
                    kept.add(e);
                }
            }
            kept.sort(Comparator.comparingLong(Event::timestampNs));
            if (!kept.isEmpty()) {
                expected.put(device, kept);
            }
        });
        return expected;
    }

    /**
     * Groups delivered events by device, keeping delivery order.
     *
     * @param events delivered events.
     * @return per device id.
     */
    public static Map<Long, List<Event>> byDevice(final List<Event> events) {
        final Map<Long, List<Event>> grouped = new LinkedHashMap<>();
        for (final Event e : events) {
            grouped.computeIfAbsent(e.deviceId(), k -> new ArrayList<>()).add(e);
        }
        return grouped;
    }

    private static long nextGap(final Random random) {
        final int roll = random.nextInt(1000);
        if (roll < 3) {
            return -random.nextInt(120) * 1_000_000_000L;
        }
        if (roll < 6) {
            return random.nextInt(7200) * 1_000_000_000L;
        }
        if (roll < 30) {
            return 0;
        }
        return (1 + random.nextInt(40)) * 1_000_000L;
    }

    private static Event nextEvent(final Random random, final long id, final String key, final long ts) {
        final EventType type = EventType.fromCode(random.nextInt(10) < 5 ? 0 : random.nextInt(EventType.COUNT));
        final int x = edgy(random, 1920);
        final int y = edgy(random, 1080);
        // Devices with an odd id report fractions of a pixel, as macOS does (multiples of 1/256 px).
        final int xf = (id & 1) != 0 ? random.nextInt(SubPixel.PER_PIXEL) : 0;
        final int yf = (id & 1) != 0 ? random.nextInt(SubPixel.PER_PIXEL) : 0;
        switch (type) {
            case MOVE:
                final int held = random.nextInt(8) == 0 ? 1 + random.nextInt(7) : 0;
                return new Event(id, key, ts, type, x, y, held, 0, 0, 0, 0, xf, yf);
            case BUTTON_DOWN:
            case BUTTON_UP:
                return new Event(id, key, ts, type, x, y, 1 << random.nextInt(5), 0, 0, 0, 0, xf, yf);
            case WHEEL:
                return new Event(id, key, ts, type, x, y, 0, edgy(random, 3) - 1, edgy(random, 240) - 120, 0, 0,
                    xf, yf);
            default:
                return new Event(id, key, ts, type, 0, 0, 0, 0, 0, random.nextInt(256), random.nextInt(16));
        }
    }

    private static int edgy(final Random random, final int range) {
        final int roll = random.nextInt(200);
        if (roll == 0) {
            return Integer.MIN_VALUE;
        }
        if (roll == 1) {
            return Integer.MAX_VALUE;
        }
        return random.nextInt(range);
    }

    private static int firstOf(final Event e) {
        switch (e.type()) {
            case WHEEL:
                return e.wheelDx();
            case KEY_DOWN:
            case KEY_UP:
                return e.key();
            default:
                return e.buttons();
        }
    }

    private static int secondOf(final Event e) {
        switch (e.type()) {
            case WHEEL:
                return e.wheelDy();
            case KEY_DOWN:
            case KEY_UP:
                return e.modifiers();
            default:
                return 0;
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.bench.SharedRecordings;
import dev.spoor.codec.EventType;
import dev.spoor.core.EventRows;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.format.BalabitFormat;
import dev.spoor.ingest.format.Formats;

import java.nio.file.Path;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The events every peer receives, in one global time order (as a collector sees many devices at once):
 * primitive columns, devices numbered 0..devices-1 (key {@code "d" + n}). Fields a and b hold the button,
 * wheel dx/dy or key/modifiers, as the journal's typed appends take them.
 */
final class Dataset {
    final String name;
    final int devices;
    /** The events; device numbers 0..devices-1. */
    final EventRows rows;

    private Dataset(final String name, final int devices, final int capacity) {
        this.name = name;
        this.devices = devices;
        rows = new EventRows(capacity);
    }

    int size() {
        return rows.size();
    }

    private void add(final int d, final long t, final int eventType, final int px, final int py, final int first,
        final int second) {
        rows.add(d, t, eventType, px, py, first, second);
    }

    /** Every Balabit session of a folder, one device per session, merged in timestamp order. */
    static Dataset balabit(final Path folder) {
        final RecordingFormat format = Formats.byName(BalabitFormat.NAME);
        final List<Path> sessions = SharedRecordings.files(folder, format);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("no session_* files under " + folder);
        }
        final Dataset all = new Dataset("balabit (" + sessions.size() + " sessions)", sessions.size(), 1 << 20);
        for (int d = 0; d < sessions.size(); d++) {
            final int device = d;
            SharedRecordings.read(format, sessions.get(d), (events, i) -> all.add(device, events.timestampNs(i),
                events.typeCode(i), events.x(i), events.y(i), events.a(i), events.b(i)));
        }
        return all.sortedByTime();
    }

    /**
     * Synthetic pointer traffic with Balabit-like gaps and pixel steps, devices interleaved in time order.
     */
    static Dataset synthetic(final int devices, final int events) {
        final int[] gapsMs = {0, 16, 15, 109, 125, 110, 94, 31, 93, 156, 78, 140, 124, 32, 47};
        final SplittableRandom random = new SplittableRandom(6);
        final Dataset all = new Dataset("synthetic (" + devices + " devices)", devices, events);
        final long[] next = new long[devices];
        final int[] px = new int[devices];
        final int[] py = new int[devices];
        final PriorityQueue<Integer> order = new PriorityQueue<>((p, q) -> Long.compare(next[p], next[q]));
        for (int d = 0; d < devices; d++) {
            next[d] = 1_767_225_600_000_000_000L + random.nextLong(60_000) * 1_000_000L;
            px[d] = random.nextInt(1920);
            py[d] = random.nextInt(1080);
            order.add(d);
        }
        for (int i = 0; i < events; i++) {
            final int d = order.poll();
            final int roll = random.nextInt(100);
            px[d] += (int)Math.round(Math.exp(random.nextGaussian() * 1.3 + 1.4)) * (random.nextBoolean() ? 1 : -1);
            py[d] += (int)Math.round(Math.exp(random.nextGaussian() * 1.3 + 1.4)) * (random.nextBoolean() ? 1 : -1);
            if (roll < 97) {
                all.add(d, next[d], EventType.MOVE.code(), px[d], py[d], 0, 0);
            } else if (roll < 99) {
                all.add(d, next[d], roll == 97 ? 1 : 2, px[d], py[d], 1, 0);
            } else {
                all.add(d, next[d], EventType.WHEEL.code(), px[d], py[d], 0, random.nextBoolean() ? 1 : -1);
            }
            next[d] += gapsMs[random.nextInt(gapsMs.length)] * 1_000_000L;
            order.add(d);
        }
        return all;
    }

    private Dataset sortedByTime() {
        final Dataset sorted = new Dataset(name, devices, Math.max(1, size()));
        for (final int i : rows.timeOrder()) {
            sorted.copy(rows, i);
        }
        return sorted;
    }

    /** @return the first {@code n} events (same devices). */
    Dataset head(final int n) {
        final Dataset head = new Dataset(name + " head", devices, Math.max(1, n));
        for (int i = 0; i < n && i < size(); i++) {
            head.copy(rows, i);
        }
        return head;
    }

    private void copy(final EventRows from, final int i) {
        add(from.device(i), from.timestampNs(i), from.typeCode(i), from.x(i), from.y(i), from.a(i), from.b(i));
    }
}

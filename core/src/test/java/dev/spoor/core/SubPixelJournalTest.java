/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordinates with fractions of a pixel go through the writer, the staging file and the sealer into blocks and
 * come back exact: multiples of 1/256 px (macOS points), whole pixels beside them, the int limits, keys.
 */
class SubPixelJournalTest {
    @TempDir
    Path dir;

    @Test
    void shouldStoreEveryMultipleOfOneOver256Exactly() {
        final long seed = Long.getLong("spoor.seed", System.nanoTime());
        System.out.println("SubPixelJournalTest seed=" + seed + " (replay with -Dspoor.seed=" + seed + ")");
        final Random random = new Random(seed);
        final Map<Long, List<long[]>> expected = new HashMap<>();
        final JournalConfig config = new JournalConfig().blockEvents(512)
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE)); // keys as given
        try (Journal journal = Journal.open(dir, config);
             JournalWriter writer = journal.newWriter()) {
            final long[] devices = {journal.devices().register("mac"), journal.devices().register("windows"),
                journal.devices().register("edges")};
            long ts = 1_700_000_000_000_000_000L;
            long x = SubPixel.ofPixels(700.5);
            long y = SubPixel.ofPixels(300.25);
            for (int i = 0; i < 30_000; i++) {
                ts += 1 + random.nextInt(3_000_000);
                final int which = random.nextInt(3);
                final long[] event = which == 0 ? macMove(random, ts, x += random.nextInt(801) - 400,
                    y += random.nextInt(601) - 300) : which == 1 ? wholePixels(random, ts) : edge(random, ts);
                writer.appendSubPixel(devices[which], event[0], EventType.fromCode((int)event[1]), event[2],
                    event[3], (int)event[4], (int)event[5]);
                expected.computeIfAbsent(devices[which], k -> new ArrayList<>()).add(event);
            }
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            final Map<Long, List<long[]>> actual = readAll(journal);
            for (final Map.Entry<Long, List<long[]>> device : expected.entrySet()) {
                final List<long[]> got = actual.get(device.getKey());
                assertEquals(device.getValue().size(), got.size(), "seed=" + seed);
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(List.of(toBoxed(device.getValue().get(i))), List.of(toBoxed(got.get(i))),
                        "device " + device.getKey() + " event " + i + " seed=" + seed);
                }
            }
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), report.toString());
        }
    }

    @Test
    void shouldRefuseCoordinatesOnKeysAndOutOfRange() {
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long device = journal.devices().register("d");
            assertThrows(IllegalArgumentException.class,
                () -> writer.appendSubPixel(device, 1, EventType.KEY_DOWN, 128, 0, 4, 0));
            assertThrows(IllegalArgumentException.class,
                () -> writer.appendSubPixel(device, 1, EventType.MOVE, SubPixel.MAX + 1, 0, 0, 0));
            assertThrows(IllegalArgumentException.class,
                () -> writer.appendSubPixel(device, 1, null, 0, 0, 0, 0));
            writer.appendSubPixel(device, 1, EventType.MOVE, SubPixel.MAX, SubPixel.MIN, 0, 0);
        }
    }

    /** {ts, type, x, y, a, b}: x and y in subpixels. */
    private static long[] macMove(final Random random, final long ts, final long x, final long y) {
        final int roll = random.nextInt(20);
        if (roll == 0) {
            return new long[] {ts, EventType.BUTTON_DOWN.code(), x, y, 1, 0};
        }
        if (roll == 1) {
            return new long[] {ts, EventType.WHEEL.code(), x, y, 0, -1};
        }
        if (roll == 2) {
            return new long[] {ts, EventType.KEY_UP.code(), 0, 0, random.nextInt(40), 0};
        }
        return new long[] {ts, EventType.MOVE.code(), x, y, 0, 0};
    }

    private static long[] wholePixels(final Random random, final long ts) {
        return new long[] {ts, EventType.MOVE.code(), (long)random.nextInt(3840) << SubPixel.FRACTION_BITS,
            (long)random.nextInt(2160) << SubPixel.FRACTION_BITS, 0, 0};
    }

    /** The int limits with and without fractions, negative fractions, a fraction step of 1/2 px only. */
    private static long[] edge(final Random random, final long ts) {
        final long[] values = {SubPixel.MIN, SubPixel.MAX, -1, -128, 0, 128, SubPixel.ofPixels(-1920.5),
            (long)Integer.MAX_VALUE << SubPixel.FRACTION_BITS, SubPixel.ofPixels(65535)};
        return new long[] {ts, EventType.MOVE.code(), values[random.nextInt(values.length)],
            values[random.nextInt(values.length)], 0, 0};
    }

    private static Map<Long, List<long[]>> readAll(final Journal journal) {
        final Map<Long, List<long[]>> events = new HashMap<>();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(512);
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((queueIndex, deviceId, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                final List<long[]> list = events.computeIfAbsent(deviceId, k -> new ArrayList<>());
                for (int i = 0; i < batch.size(); i++) {
                    final int type = batch.typeCode(i);
                    final boolean isKey = !EventType.fromCode(type).isPointer();
                    list.add(new long[] {batch.timestampNs(i), type,
                        SubPixel.of(batch.x(i), batch.xFraction(i)), SubPixel.of(batch.y(i), batch.yFraction(i)),
                        isKey ? batch.key(i) : type == EventType.WHEEL.code() ? batch.wheelDx(i) : batch.buttons(i),
                        isKey ? batch.modifiers(i) : type == EventType.WHEEL.code() ? batch.wheelDy(i) : 0});
                }
                return true;
            });
        }
        return events;
    }

    private static Long[] toBoxed(final long[] values) {
        final Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}

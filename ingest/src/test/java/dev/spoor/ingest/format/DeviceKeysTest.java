/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.EventBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Device keys found by their characters get the same index as {@link EventBuffer#device(String)} gives. */
class DeviceKeysTest {
    @Test
    void indexesAgreeWithTheBufferForManyKeysInAnyOrder() {
        final long seed = Seeds.seed("DeviceKeysTest");
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add(i % 3 == 0 ? "ws-" + i : Long.toHexString(random.nextLong()) + "é" + i); // grows the table
        }
        final DeviceKeys devices = new DeviceKeys();
        final EventBuffer buffer = new EventBuffer(1);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50_000; i++) {
                final String key = keys.get(random.nextInt(random.nextBoolean() ? 8 : keys.size()));
                final char[] line = ("xx," + key + ",yy").toCharArray();
                final int index = devices.indexOf(line, 3, key.length(), buffer);
                assertEquals(key, buffer.deviceKeys().get(index), "seed " + seed);
                assertEquals(buffer.device(key), index, "seed " + seed);
            }
            buffer.clear();
            devices.clear(); // a new batch: indexes start again
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventRowsTest {
    @Test
    void growsPastItsCapacityKeepingEveryField() {
        final long seed = 77;
        final Random random = new Random(seed);
        final EventRows rows = new EventRows(1);
        final int[][] ints = new int[5_000][6];
        final long[] ts = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            for (int f = 0; f < 6; f++) {
                ints[i][f] = f == 1 ? random.nextInt(6) : random.nextInt();
            }
            ts[i] = random.nextLong();
            rows.add(ints[i][0], ts[i], ints[i][1], ints[i][2], ints[i][3], ints[i][4], ints[i][5]);
        }
        assertEquals(ints.length, rows.size());
        for (int i = 0; i < ints.length; i++) {
            final int[] got = {rows.device(i), rows.typeCode(i), rows.x(i), rows.y(i), rows.a(i), rows.b(i)};
            assertArrayEquals(ints[i], got, "seed=" + seed + " row " + i);
            assertEquals(ts[i], rows.timestampNs(i), "seed=" + seed + " row " + i);
        }
    }

    @Test
    void timeOrderIsStableAndTruncateDropsTheTail() {
        final EventRows rows = new EventRows(4);
        final long[] times = {30, 10, 20, 10, 30, 5};
        for (int i = 0; i < times.length; i++) {
            rows.add(i, times[i], 0, 0, 0, 0, 0);
        }
        assertArrayEquals(new int[] {5, 1, 3, 2, 0, 4}, rows.timeOrder());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, rows.addedOrder());
        rows.truncate(2);
        assertArrayEquals(new int[] {1, 0}, rows.timeOrder());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows.truncate(3));
        assertTrue(e.getMessage().contains("0..2"), e.getMessage());
    }
}

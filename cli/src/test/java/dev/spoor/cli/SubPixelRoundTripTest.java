/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fractions of a pixel survive the text formats: {@code scan} writes the shortest decimal equal to each
 * coordinate, {@code ingest} reads it back exactly, and scan -> csv|jsonl -> ingest -> scan is byte-identical.
 */
class SubPixelRoundTripTest {
    @TempDir
    static Path dir;
    private static Path journal;
    private static long seed;

    @BeforeAll
    static void write() {
        seed = Long.getLong("spoor.seed", System.nanoTime());
        System.out.println("SubPixelRoundTripTest seed=" + seed + " (replay with -Dspoor.seed=" + seed + ")");
        final Random random = new Random(seed);
        journal = dir.resolve("mac");
        try (Journal j = Journal.open(journal, new JournalConfig().blockEvents(300));
             JournalWriter writer = j.newWriter()) {
            final long mac = j.devices().register("macbook");
            final long edges = j.devices().register("edges");
            long ts = 1_700_000_000_123_456_789L;
            long x = SubPixel.ofPixels(1175.421875);
            long y = SubPixel.ofPixels(10.75);
            writer.appendSubPixel(mac, ts, EventType.MOVE, x, y, 0, 0);
            for (int i = 0; i < 5_000; i++) {
                ts += 1 + random.nextInt(3_000_000);
                x += random.nextInt(513) - 256;
                y += random.nextInt(513) - 256;
                final EventType type = i % 97 == 0 ? EventType.BUTTON_DOWN : i % 89 == 0 ? EventType.WHEEL
                    : EventType.MOVE;
                writer.appendSubPixel(mac, ts, type, x, y, type == EventType.MOVE ? 0 : 1, type == EventType.WHEEL
                    ? -1 : 0);
            }
            final long[] values = {SubPixel.MIN, SubPixel.MAX, -1, -128, 0, 1, SubPixel.ofPixels(-1920.5),
                SubPixel.ofPixels(65535)};
            for (final long vx : values) {
                for (final long vy : values) {
                    writer.appendSubPixel(edges, ts++, EventType.MOVE, vx, vy, 0, 0);
                }
            }
            writer.keyDown(edges, ts, 4, 0);
        }
    }

    @Test
    void scanWritesTheShortestExactDecimal() {
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--device", "macbook");
        assertEquals(0, scan.exitCode, scan.toString());
        assertTrue(scan.out.contains(",1700000000123456789,move,1175.421875,10.75,"), scan.out.substring(0, 300));
        final Cli edges = Cli.run("scan", "--journal", journal.toString(), "--device", "edges");
        assertTrue(edges.out.contains(",move,-2147483648,2147483647.99609375,"), "seed=" + seed);
        assertTrue(edges.out.contains(",move,-0.00390625,-0.5,"), "seed=" + seed);
        assertTrue(edges.out.contains(",move,-1920.5,65535,"), "seed=" + seed);
    }

    @Test
    void csvAndJsonlIngestBackByteIdentical() throws Exception {
        for (final String format : new String[] {"csv", "jsonl"}) {
            final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--format", format);
            assertEquals(0, scan.exitCode, scan.toString());
            final Path file = dir.resolve("scan." + format);
            Files.writeString(file, scan.out);
            final Path copy = dir.resolve("copy-" + format);
            final Cli ingest = Cli.run("ingest", "--journal", copy.toString(), "--format", format, file.toString());
            assertEquals(0, ingest.exitCode, ingest.toString());
            assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
            final Cli again = Cli.run("scan", "--journal", copy.toString(), "--format", format);
            assertEquals(scan.out, again.out, format + " seed=" + seed);
        }
    }

    @Test
    void decimalsThatAreNotMultiplesOfOneOver256AreRoundedAndBadOnesNamed() throws Exception {
        final Path csv = dir.resolve("odd.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n"
            + "d,1,move,10.1,-3.5,,,,,,\nd,2,move,1e2,7,,,,,,\nd,3,move,1.5f,2,,,,,,\nd,4,move,3e12,0,,,,,,\n");
        final Path copy = dir.resolve("odd");
        final Cli ingest = Cli.run("ingest", "--journal", copy.toString(), "--format", "csv", csv.toString());
        assertTrue(ingest.out.contains("rejected 2 lines"), ingest.toString());
        assertTrue(ingest.out.contains(csv + ":4: field 'x' value '1.5f' is not a number of pixels"), ingest.out);
        assertTrue(ingest.out.contains(csv + ":5: field 'x' value '3e12' is outside the 32-bit range"), ingest.out);
        final Cli scan = Cli.run("scan", "--journal", copy.toString());
        assertTrue(scan.out.contains("d,1,move,10.1015625,-3.5,"), scan.out); // 10.1 is 2585.6/256: 2586/256
        assertTrue(scan.out.contains("d,2,move,100,7,"), scan.out);
    }
}

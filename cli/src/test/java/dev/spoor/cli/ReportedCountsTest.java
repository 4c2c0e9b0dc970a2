/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counts a command prints are what the journal holds: nothing the policy dropped, no box of no positions. */
class ReportedCountsTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";

    @TempDir
    Path dir;

    @Test
    void ingestCountsWhatItStoredAndSaysWhatThePolicyAndErasuresDropped() throws IOException {
        final Path csv = Files.writeString(dir.resolve("typed.csv"), HEADER
            + "alice,1709287200000000000,move,10,20,,,,,,\n"
            + "alice,1709287200001000000,key_down,,,,,,,letter,0\n"
            + "alice,1709287200002000000,key_up,,,,,,,letter,0\n");
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--keys", "drop",
            csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("ingested 1 events (3 read, 2 of them not stored: policy or erasures, below)"
            + " from 1 files into"), ingest.out);
        final Cli stats = Cli.run("stats", "--journal", journal.toString(), "--json");
        assertTrue(stats.out.replaceAll("\\s", "").contains("\"events\":1,"), stats.out);

        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "alice").exitCode);
        final Path later = Files.writeString(dir.resolve("later.csv"), HEADER
            + "alice,1709287300000000000,move,11,21,,,,,,\n");
        final Cli again = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString(),
            later.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("ingested 0 events (1 read, 1 of them not stored: policy or erasures, below)"
            + " from 1 files (of 2 given) into"), again.out);
        assertTrue(again.out.contains("not stored: 1 events of erased devices"), again.out);
    }

    @Test
    void aHeatmapOfKeystrokesOnlySaysSoInsteadOfABoxOfNothing() throws IOException {
        final Path csv = Files.writeString(dir.resolve("keys.csv"), HEADER
            + "bob,1709287200001000000,key_down,,,,,,,letter,0\n"
            + "bob,1709287200002000000,key_up,,,,,,,letter,0\n");
        final Path journal = dir.resolve("keys");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", csv.toString())
            .exitCode);
        final Path png = dir.resolve("keys.png");
        final Cli heatmap = Cli.run("heatmap", "--journal", journal.toString(), "--out", png.toString());
        assertEquals(0, heatmap.exitCode, heatmap.toString());
        assertTrue(heatmap.out.contains("no pointer positions") && !heatmap.out.contains("2147483647"), heatmap.out);
        assertTrue(Files.size(png) > 0);
    }
}

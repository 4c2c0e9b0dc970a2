/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.BlockLayout;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spoor ingest --block-format}: which block format version the ingest seals its blocks in. */
class BlockFormatCommandTest {
    @TempDir
    Path dir;

    @Test
    void sealsTheOlderVersionsByDefaultAndVersionThreeWhenAsked() throws IOException {
        final Path csv = moves();
        final Path older = dir.resolve("older");
        final Cli byDefault = Cli.run("ingest", "--journal", older.toString(), "--format", "csv", csv.toString());
        assertEquals(0, byDefault.exitCode, byDefault.toString());
        final Path current = dir.resolve("current");
        final Cli asked = Cli.run("ingest", "--journal", current.toString(), "--format", "csv", "--block-format", "3",
            csv.toString());
        assertEquals(0, asked.exitCode, asked.toString());
        assertEquals(Set.of(1), versions(older), "whole pixels, as builds before version 3 sealed them");
        assertEquals(Set.of(3), versions(current));
        assertTrue(byDefault.out.contains("journal: 300 events"), byDefault.out);
        assertTrue(asked.out.contains("journal: 300 events"), asked.out);
    }

    @Test
    void refusesAVersionItCannotWriteBeforeCreatingTheJournal() throws IOException {
        final Path journal = dir.resolve("journal");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--block-format",
            "1", moves().toString());
        assertEquals(2, ingest.exitCode, ingest.toString());
        assertTrue(ingest.err.contains("--block-format 1: must be 2 or 3"), ingest.err);
        assertFalse(Files.exists(journal), "no journal was created");
    }

    /**
     * A Windows client's moves (its clock steps by 15.6001 ms, written in whole ms) are sealed on the clock by
     * default, version 2 with the CLOCK flag; {@code --clock-lattice off} seals them as builds before it did; a value
     * other than on or off is refused before any journal is made.
     */
    @Test
    void sealsWindowsClockTimesInItsTicksUnlessTurnedOff() throws IOException {
        final StringBuilder text = new StringBuilder("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n");
        long clockNs = 1_471_949_443_019_000_000L;
        for (int i = 0; i < 400; i++) {
            clockNs += 15_600_100L * (6 + i % 3);
            text.append("w,").append(clockNs / 1_000_000L * 1_000_000L).append(",move,").append(i % 17 * 3)
                .append(',').append(500 - i).append(",,,,,,\n");
        }
        final Path csv = Files.writeString(dir.resolve("windows.csv"), text, StandardCharsets.UTF_8);
        final Path onClock = dir.resolve("on");
        final Cli byDefault = Cli.run("ingest", "--journal", onClock.toString(), "--format", "csv", csv.toString());
        assertEquals(0, byDefault.exitCode, byDefault.toString());
        final Path offClock = dir.resolve("off");
        final Cli off = Cli.run("ingest", "--journal", offClock.toString(), "--format", "csv", "--clock-lattice", "off",
            csv.toString());
        assertEquals(0, off.exitCode, off.toString());
        assertEquals(Set.of(BlockLayout.VERSION_SUBPIXEL | BlockLayout.FLAG_CLOCK << 8), versionsAndClock(onClock));
        assertEquals(Set.of(BlockLayout.VERSION_WHOLE_PIXELS), versionsAndClock(offClock));
        final Path refused = dir.resolve("refused");
        final Cli wrong = Cli.run("ingest", "--journal", refused.toString(), "--format", "csv", "--clock-lattice",
            "yes", csv.toString());
        assertEquals(2, wrong.exitCode, wrong.toString());
        assertTrue(wrong.err.contains("--clock-lattice: 'yes' is neither on nor off"), wrong.err);
        assertFalse(Files.exists(refused), "no journal was created");
    }

    /** Each block's version, with its CLOCK flag shifted above it. */
    private static Set<Integer> versionsAndClock(final Path journalDir) {
        final Set<Integer> seen = new TreeSet<>();
        final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.newReader()) {
            reader.readAll((index, device, buffer, offset, length) -> {
                header.wrap(buffer, offset, length);
                seen.add(header.version() | (header.flags() & BlockLayout.FLAG_CLOCK) << 8);
                return true; // every block, not only up to the first seen twice
            });
        }
        return seen;
    }

    /** 300 moves of three devices, in every direction. */
    private Path moves() throws IOException {
        final StringBuilder csv = new StringBuilder("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n");
        for (int i = 0; i < 100; i++) {
            for (final String device : new String[] {"a", "b", "c"}) {
                csv.append(device).append(',').append(1_000_000L * i).append(",move,").append(i % 17 * 3)
                    .append(',').append(500 - i * 2).append(",,,,,,\n");
            }
        }
        return Files.writeString(dir.resolve("moves.csv"), csv, StandardCharsets.UTF_8);
    }

    private static Set<Integer> versions(final Path journalDir) {
        final Set<Integer> versions = new TreeSet<>();
        for (final int seen : versionsAndClock(journalDir)) {
            versions.add(seen & 0xFF);
        }
        return versions;
    }
}

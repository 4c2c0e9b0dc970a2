/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.JournalFiles;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An excerpt whose length word was damaged (here: made 23,040 bytes longer, as a flipped bit can) sends Chronicle
 * past the framing, at times past the mapped file (the JVM's InternalError for a SIGBUS). A scan reads on from a
 * salvage of the cycle file and prints every event as stored; whatever it cannot get past, it never ends without a
 * word: a failing scan prints one line naming the problem.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DamagedExcerptHeaderTest {
    private static final int HEADERS_TRIED = 40;
    private static final String SALVAGE_WARNING = "read from a salvage of a cycle file with a damaged excerpt header";
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n";

    @TempDir
    Path dir;

    @Test
    void aScanOverALengthenedExcerptReadsEveryEventAsStoredOrFailsWithAMessage() throws Exception {
        final Path journal = ingestMoves(40_000, 3);
        final String stored = Cli.run("scan", "--journal", journal.toString()).out;
        final Path cycle = JournalFiles.cycleFiles(journal).get(0);
        final List<Long> headers = headers(cycle);
        assertTrue(headers.size() >= 4, headers.size() + " excerpts");
        int failed = 0;
        int warned = 0;
        for (int k = 0; k < headers.size(); k++) {
            final Path copy = dir.resolve("copy-" + k);
            copy(journal, copy);
            final Path file = copy.resolve(journal.relativize(cycle));
            lengthen(file, headers.get(k));
            final Cli scan = Cli.run("scan", "--journal", copy.toString());
            if (scan.exitCode != 0) {
                failed++;
                assertEquals(1, scan.exitCode, scan.toString());
                assertTrue(scan.err.startsWith("spoor scan: ") && scan.err.strip().lines().count() == 1, "excerpt "
                    + k + ": " + scan);
            } else {
                // Read past the damaged header from a salvage of the file: every event, none twice, none made up.
                assertTrue(stored.equals(scan.out), "header " + k + ": " + scan.out.lines().count() + " lines read, "
                    + stored.lines().count() + " stored");
                warned += scan.err.contains(SALVAGE_WARNING) ? 1 : 0;
            }
        }
        System.out.println("DamagedExcerptHeaderTest: " + (headers.size() - failed) + " of " + headers.size()
            + " scans past a lengthened header read every event");
        assertEquals(0, failed, "scans past a lengthened header (metadata or data) that failed");
        assertTrue(warned > 0, "a scan that read from a salvage says so");
    }

    @Test
    void sessionsAndHeatmapSayWhatTheyLeftOutAndWhatTheyReadPast() throws Exception {
        final Path journal = ingestMoves(20_000, 2);
        final Path cycle = JournalFiles.cycleFiles(journal).get(0);
        final List<Long> data = new ArrayList<>();
        final ByteBuffer words = ByteBuffer.wrap(Files.readAllBytes(cycle)).order(ByteOrder.LITTLE_ENDIAN);
        for (final long header : headers(cycle)) {
            if ((words.getInt((int)header) & CycleFileReader.META_DATA) == 0) {
                data.add(header);
            }
        }
        final Path flipped = dir.resolve("flipped");
        copy(journal, flipped);
        try (RandomAccessFile raf = new RandomAccessFile(flipped.resolve(journal.relativize(cycle)).toFile(), "rw")) {
            final long inBody = data.get(1) + 4 + 8 + 56 + 40; // past the seal id and block header
            raf.seek(inBody);
            final int b = raf.read();
            raf.seek(inBody);
            raf.write(b ^ 0x5A);
        }
        final Path lengthened = dir.resolve("lengthened");
        copy(journal, lengthened);
        lengthen(lengthened.resolve(journal.relativize(cycle)), data.get(1));
        for (final String[] command : List.of(new String[] {"sessions"},
            new String[] {"heatmap", "--out", dir.resolve("map.png").toString()})) {
            final Cli skipped = Cli.run(concat(command, "--journal", flipped.toString(), "--on-damage", "skip"));
            assertEquals(0, skipped.exitCode, skipped.toString());
            assertTrue(skipped.err.contains("warning: 1 damaged block left out (--on-damage skip)"), command[0] + ": "
                + skipped.err);
            final Cli readPast = Cli.run(concat(command, "--journal", lengthened.toString()));
            assertEquals(0, readPast.exitCode, readPast.toString());
            assertTrue(readPast.err.contains(SALVAGE_WARNING), command[0] + ": " + readPast.err);
        }
    }

    /**
     * The last excerpt header of the newest cycle file garbled to a length that runs off the file: until 2026-12-01
     * Chronicle's search for the end of the queue faulted in the mapping, and every command but repair failed with
     * an InternalError. Now reads print every event, verify names the header, and an ingest is refused (the file
     * left as it was) until repair, after which it goes on.
     */
    @Test
    void aGarbledLastHeaderIsReadPastAndRefusesIngestUntilRepair() throws Exception {
        final Path journal = ingestMoves(20_000, 2);
        final String stored = Cli.run("scan", "--journal", journal.toString()).out;
        final List<Path> files = JournalFiles.cycleFiles(journal);
        final Path newest = files.get(files.size() - 1);
        long last = -1;
        try (CycleFileReader reader = CycleFileReader.open(newest)) {
            while (reader.next(false)) {
                last = reader.dataEnd() - reader.length() - 4;
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.seek(last);
            raf.writeInt(Integer.reverseBytes(0x0FFF_0000));
        }
        final long length = Files.size(newest);
        final Cli scan = Cli.run("scan", "--journal", journal.toString());
        assertEquals(0, scan.exitCode, scan.toString());
        assertEquals(stored, scan.out, "a scan before repair prints every event");
        assertEquals(0, Cli.run("stats", "--journal", journal.toString()).exitCode);
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains("the excerpt header at byte " + last), verify.out);
        final Path more = Files.writeString(dir.resolve("more.csv"), HEADER
            + "d0,1709287300000000000,move,5,6,,,,,,\n");
        final Cli refused = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", more.toString());
        assertTrue(refused.exitCode != 0 && refused.err.contains("spoor repair"), refused.toString());
        assertEquals(length, Files.size(newest), "the refused ingest left the cycle file as it was");
        assertEquals(0, Cli.run("repair", "--journal", journal.toString()).exitCode);
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", more.toString())
            .exitCode);
        final Cli after = Cli.run("scan", "--journal", journal.toString());
        assertEquals(stored.lines().count() + 1, after.out.lines().count(), after.err);
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
    }

    /** A journal {@code dir/j} of {@code events} moves, 1 ms apart, over {@code devices} devices, through ingest. */
    private Path ingestMoves(final int events, final int devices) throws Exception {
        final StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < events; i++) {
            csv.append("d").append(i % devices).append(',').append(1_709_287_200_000_000_000L + i * 1_000_000L)
                .append(",move,").append(i % 1920).append(',').append(i * 7 % 1080).append(",,,,,,\n");
        }
        final Path journal = dir.resolve("j");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "csv",
            Files.writeString(dir.resolve("in.csv"), csv).toString()).exitCode);
        return journal;
    }

    private static String[] concat(final String[] first, final String... rest) {
        final String[] all = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void aScanThatFaultsInAMappedFileSaysSoInOneLine() throws Exception {
        assumeTrue(SharedData.isPresent(SharedData.DUCKTRACK), SharedData.absentMessage(SharedData.DUCKTRACK));
        final Path journal = dir.resolve("duck");
        assertEquals(0, Cli.run("ingest", "--journal", journal.toString(), "--format", "pynput", "--time-zone", "UTC",
            SharedData.dataset(SharedData.DUCKTRACK).toString()).exitCode);
        final Path cycle = JournalFiles.cycleFiles(journal).get(0);
        final List<Long> headers = headers(cycle);
        int faults = 0;
        for (int k = 0; k < Math.min(8, headers.size()); k++) {
            final Path copy = dir.resolve("duck-" + k);
            copy(journal, copy);
            lengthen(copy.resolve(journal.relativize(cycle)), headers.get(k));
            final Cli scan = Cli.run("scan", "--journal", copy.toString());
            assertTrue(scan.exitCode == 0 || scan.err.startsWith("spoor scan: "), "header " + k + ": " + scan);
            faults += scan.err.contains("a memory-mapped file changed under the reader") ? 1 : 0;
        }
        System.out.println("DamagedExcerptHeaderTest: " + faults + " of the scans faulted in a mapped file");
    }

    /**
     * Every header word of a Chronicle cycle file, metadata and data excerpts alike: 4 bytes, little-endian, the top
     * two bits flags and the rest the length; the next header at the 4-byte boundary after the excerpt.
     */
    private static List<Long> headers(final Path cycle) throws Exception {
        final byte[] bytes = Files.readAllBytes(cycle);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final List<Long> headers = new ArrayList<>();
        int i = 0;
        while (i + 4 <= bytes.length && headers.size() < HEADERS_TRIED) {
            final int word = buffer.getInt(i);
            if (word == 0) { // padding: Chronicle aligns some metadata (its index) further on
                i += 4;
                continue;
            }
            headers.add((long)i);
            i = (i + 4 + (word & CycleFileReader.LENGTH_MASK) + 3) & ~3;
        }
        return headers;
    }

    private static void lengthen(final Path file, final long header) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(header);
            final int word = Integer.reverseBytes(raf.readInt());
            raf.seek(header);
            raf.writeInt(Integer.reverseBytes(word + 23_040));
        }
    }

    private static void copy(final Path from, final Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (final Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }
}

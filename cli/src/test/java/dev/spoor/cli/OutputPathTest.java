/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files the commands write (scan and export outputs, heatmaps, an ingest's rejections) never land in a journal or
 * over an input, whatever path is typed; a symbolic link is written through and a FIFO is written in place. Before,
 * {@code scan --out j/policy.spoor} renamed its rows over the journal's policy, and {@code ingest --rejections
 * rec.csv rec.csv} emptied the recording it was about to read.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutputPathTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers";

    @TempDir
    Path dir;

    Path journal;
    Path input;

    @BeforeEach
    void ingest() throws IOException {
        final StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 300; i++) {
            csv.append("ws-1,").append(1_767_225_600_000_000_000L + i * 10_000_000L).append(",move,").append(i)
                .append(",").append(2 * i).append(",,,,,,\r\n");
        }
        input = dir.resolve("rec.csv");
        Files.writeString(input, csv);
        journal = dir.resolve("j");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", input.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
    }

    /** A scan written over an export takes the export's manifest away, which would describe other rows. */
    @Test
    void aScanOverAnExportRemovesTheExportsManifest() throws IOException {
        final Path out = dir.resolve("a.csv");
        assertEquals(0, Cli.run("export", "--journal", journal.toString(), "--out", out.toString()).exitCode);
        final Path manifest = dir.resolve("a.csv.manifest.json");
        assertTrue(Files.exists(manifest));
        final Cli again = Cli.run("export", "--journal", journal.toString(), "--out", out.toString());
        assertTrue(again.out.contains("(replacing the file there, and its manifest)"), again.out);
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--to", "2026-01-01T00:00:01Z", "--out",
            out.toString());
        assertEquals(0, scan.exitCode, scan.toString());
        assertTrue(scan.err.contains("wrote 100 events to " + out + " (1 blocks read; replacing the file there)")
            && scan.err.contains("removed " + manifest + ": it described the export this scan replaced"), scan.err);
        assertFalse(Files.exists(manifest));
        assertEquals(101, Files.readAllLines(out).size());
    }

    @Test
    void noOutputLandsInAJournal() throws IOException {
        final Map<String, byte[]> before = journalFiles();
        final List<List<String>> attempts = List.of(
            List.of("scan", "--journal", journal.toString(), "--out", journal.resolve("policy.spoor").toString()),
            List.of("scan", "--journal", journal.toString(), "--out", journal.resolve("devices.dict").toString()),
            List.of("scan", "--journal", journal.toString(), "--out", journal.resolve("queue").resolve("x.csv")
                .toString()),
            List.of("export", "--journal", journal.toString(), "--out", journal.resolve("rows.csv").toString()),
            List.of("export", "--journal", journal.toString(), "--out", journal.resolve("rows.parquet").toString()),
            List.of("export", "--journal", journal.toString(), "--partition-by", "device", "--out",
                journal.resolve("parts").toString()),
            List.of("heatmap", "--journal", journal.toString(), "--out", journal.resolve("map.png").toString()),
            List.of("ingest", "--journal", dir.resolve("other").toString(), "--format", "csv", "--rejections",
                journal.resolve("erasures.spoor").toString(), input.toString()));
        for (final List<String> attempt : attempts) {
            final Cli refused = Cli.run(attempt.toArray(new String[0]));
            assertNotEquals(0, refused.exitCode, attempt + ": " + refused);
            assertTrue(refused.err.contains("inside journal " + journal.toRealPath()), attempt + ": " + refused.err);
            assertEquals(before.keySet(), journalFiles().keySet(), attempt + " added or removed a journal file");
            journalFiles().forEach((name, bytes) -> assertArrayEquals(before.get(name), bytes, attempt + " " + name));
        }
        assertFalse(Files.exists(dir.resolve("other")), "a refused ingest made no journal");
        final Cli stats = Cli.run("stats", "--journal", journal.toString());
        assertEquals(0, stats.exitCode, stats.toString());
    }

    @Test
    void rejectionsNeverOverwriteAnInputOrGoInTheNewJournalsFolder() throws IOException {
        final byte[] recording = Files.readAllBytes(input);
        final Cli overInput = Cli.run("ingest", "--journal", dir.resolve("k").toString(), "--format", "csv",
            "--rejections", input.toString(), input.toString());
        assertNotEquals(0, overInput.exitCode, overInput.toString());
        assertTrue(overInput.err.contains("an input of this run"), overInput.err);
        assertArrayEquals(recording, Files.readAllBytes(input), "the recording is as it was");
        assertFalse(Files.exists(dir.resolve("k")));

        final Cli inNewJournal = Cli.run("ingest", "--journal", dir.resolve("k").toString(), "--format", "csv",
            "--rejections", dir.resolve("k").resolve("rejections.jsonl").toString(), input.toString());
        assertNotEquals(0, inNewJournal.exitCode, inNewJournal.toString());
        assertTrue(inNewJournal.err.contains("inside the journal's folder"), inNewJournal.err);
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndAFifoInPlace() throws Exception {
        final Path target = dir.resolve("target.csv");
        Files.writeString(target, "old");
        final Path link = Files.createSymbolicLink(dir.resolve("link.csv"), target);
        final Cli throughLink = Cli.run("scan", "--journal", journal.toString(), "--out", link.toString());
        assertEquals(0, throughLink.exitCode, throughLink.toString());
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(301, Files.readAllLines(target).size(), "the rows went to the file it names");

        final Path fifo = dir.resolve("rows.fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        final CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (final IOException e) {
                throw new IllegalStateException(e);
            }
        });
        final Cli toFifo = Cli.run("scan", "--journal", journal.toString(), "--out", fifo.toString());
        assertEquals(0, toFifo.exitCode, toFifo.toString());
        assertEquals(301, reader.get(30, TimeUnit.SECONDS).lines().count(), "the reader got every row");
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
        final Path fifoCsv = dir.resolve("stream.csv");
        final Process mkfifoCsv = new ProcessBuilder("mkfifo", fifoCsv.toString()).start();
        assertTrue(mkfifoCsv.waitFor(10, TimeUnit.SECONDS) && mkfifoCsv.exitValue() == 0, "mkfifo");
        final Cli exportToFifo = Cli.run("export", "--journal", journal.toString(), "--out", fifoCsv.toString());
        assertNotEquals(0, exportToFifo.exitCode, exportToFifo.toString());
        assertTrue(exportToFifo.err.contains("not a regular file"), "an export's manifest and hash need a file: "
            + exportToFifo.err);
        assertFalse(Files.isRegularFile(fifoCsv), "the FIFO is left as it was");
    }

    @Test
    void anExportTheAuditLogCannotRecordIsNotWritten() throws IOException {
        // An audit log that cannot be appended to, as in a journal the user may only read.
        Files.delete(journal.resolve("audit.spoor"));
        Files.createDirectory(journal.resolve("audit.spoor"));
        for (final String name : List.of("rows.csv", "rows.jsonl", "rows.parquet", "parts")) {
            final Path out = dir.resolve(name);
            final Cli export = name.equals("parts") ? Cli.run("export", "--journal", journal.toString(),
                "--partition-by", "device", "--out", out.toString())
                : Cli.run("export", "--journal", journal.toString(), "--out", out.toString());
            assertEquals(1, export.exitCode, name + ": " + export);
            assertTrue(export.err.contains("audit.spoor"), name + ": " + export.err);
            assertFalse(Files.exists(out), name + ": an export the audit log does not know");
            assertFalse(Files.exists(dir.resolve(name + ".partial")), name + ": nothing half-written left");
            assertFalse(Files.exists(dir.resolve(name + ".manifest.json")), name);
        }
    }

    @Test
    void aPathOfTheWrongKindIsNamedForWhatItIs() throws IOException {
        final Cli fileAsJournal = Cli.run("ingest", "--journal", input.toString(), "--format", "csv",
            input.toString());
        assertEquals(1, fileAsJournal.exitCode, fileAsJournal.toString());
        assertTrue(fileAsJournal.err.contains(input + " is a file, not a journal directory"), fileAsJournal.err);
        final Cli folderAsKey = Cli.run("ingest", "--journal", dir.resolve("p").toString(), "--format", "csv",
            "--pseudonym-key", dir.toString(), input.toString());
        assertEquals(1, folderAsKey.exitCode, folderAsKey.toString());
        assertTrue(folderAsKey.err.contains("is a directory, not a key file"), folderAsKey.err);
    }

    private Map<String, byte[]> journalFiles() throws IOException {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(journal)) {
            for (final Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(journal.relativize(file).toString(), Files.readAllBytes(file));
            }
        }
        return files;
    }
}

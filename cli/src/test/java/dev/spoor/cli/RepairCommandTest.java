/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.DamagedJournal;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.core.ledger.LedgerSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user meets with a cycle file cut short (a partial copy) and one deleted: stats and verify name the damage;
 * scan, export, sessions and heatmap stop naming it unless told to read around it ({@code --on-damage skip}, which
 * says what it left out, in an export's manifest too); {@code repair --dry-run} changes nothing, {@code repair}
 * leaves a journal that verifies clean with every intact event.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RepairCommandTest {
    @TempDir
    Path dir;

    @Test
    void damagedCycleFilesAreNamedReadAroundAndRepaired() throws Exception {
        final Path journal = dir.resolve("j");
        final DamagedJournal model = new DamagedJournal(journal, 4, 3_000);
        try (Journal open = Journal.open(journal, new JournalConfig().blockEvents(DamagedJournal.BLOCK_EVENTS));
             JournalWriter writer = open.newWriter();
             LedgerSession session = open.ingestLedger().begin(writer)) {
            session.reading("recording.csv", "csv ts-unit=ns");
        }
        assertTrue(Files.exists(journal.resolve(LedgerFile.FILE_NAME)), "an ingest ledger, as a bulk ingest leaves");
        final List<Path> files;
        try (Stream<Path> listed = Files.list(journal.resolve("queue"))) {
            files = listed.filter(p -> p.toString().endsWith(".cq4")).sorted().collect(Collectors.toList());
        }
        final long cut = Files.size(files.get(1)) / 40;
        try (RandomAccessFile file = new RandomAccessFile(files.get(1).toFile(), "rw")) {
            file.setLength(cut);
        }
        Files.delete(files.get(2));

        final Cli stats = Cli.run("stats", "--journal", journal.toString());
        assertEquals(0, stats.exitCode, stats.toString());
        assertTrue(stats.out.contains("damaged") && stats.out.contains(files.get(1).getFileName().toString())
            && stats.out.contains(files.get(2).getFileName() + " is missing"), stats.out);

        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains("cut short") && verify.out.contains("missing"), verify.out);

        refusedByDefault(journal, files);
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--on-damage", "skip");
        assertEquals(0, scan.exitCode, scan.toString());
        final long rows = scan.out.lines().count() - 1;
        assertTrue(rows > 0 && rows < model.all().size(), rows + " rows of " + model.all().size());
        assertTrue(scan.err.contains("warning: 2 damaged cycle files") && scan.err.contains(files.get(2).getFileName()
            + " is missing"), scan.err);
        final Path export = dir.resolve("intact.csv");
        final Cli exported = Cli.run("export", "--journal", journal.toString(), "--on-damage", "skip", "--out",
            export.toString());
        assertEquals(0, exported.exitCode, exported.toString());
        assertEquals(rows, Files.readAllLines(export).size() - 1);
        final String manifest = Files.readString(dir.resolve("intact.csv.manifest.json"));
        assertTrue(manifest.contains("\"cycles_damaged\" : [ \"cycle file")
            && manifest.contains(files.get(2).getFileName() + " is missing"), manifest);

        final byte[] before = Files.readAllBytes(files.get(1));
        final Cli dryRun = Cli.run("repair", "--journal", journal.toString(), "--dry-run");
        assertEquals(0, dryRun.exitCode, dryRun.toString());
        assertTrue(dryRun.out.contains("plan: cycle") && dryRun.out.contains(": rewrite queue/")
            && dryRun.out.contains(": accept queue/")
            && dryRun.out.contains("nothing changed"), dryRun.out);
        assertArrayEquals(before, Files.readAllBytes(files.get(1)));

        final Cli repair = Cli.run("repair", "--journal", journal.toString());
        assertEquals(0, repair.exitCode, repair.toString());
        assertTrue(repair.out.contains("repaired: dropped"), repair.out);
        assertTrue(repair.out.contains("note: the ingest ledger still counts the dropped events as stored"),
            repair.out);
        final Cli clean = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, clean.exitCode, clean.toString());
        final Cli after = Cli.run("scan", "--journal", journal.toString());
        assertEquals(rows, after.out.lines().count() - 1, "the same intact events before and after the repair");
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("repair") && audit.out.contains(files.get(2).getFileName().toString()),
            audit.out);
        final Cli again = Cli.run("repair", "--journal", journal.toString());
        assertTrue(again.out.contains("ok: no damaged cycle file"), again.out);
    }

    /**
     * A flipped byte in the ingest ledger stops every ingest, naming the file, the offset and {@code spoor repair};
     * repair keeps its whole records, and the next ingests take a new file and leave an ingested one alone.
     */
    @Test
    void aDamagedIngestLedgerIsRepairedAndIngestRunsAgain() throws Exception {
        final Path journal = dir.resolve("j");
        final Path a = csv("a.csv", "d1");
        final Path b = csv("b.csv", "d2");
        assertEquals(0, ingest(journal, a).exitCode);
        final Path ledger = journal.resolve(LedgerFile.FILE_NAME);
        final byte[] bytes = Files.readAllBytes(ledger);
        bytes[12] ^= 0x40; // inside the first record, the first file's READING
        Files.write(ledger, bytes);

        final Cli refused = ingest(journal, b);
        assertEquals(1, refused.exitCode, refused.toString());
        assertTrue(refused.err.contains(ledger + " is damaged at offset 6") && refused.err.contains("Nothing was"
            + " changed; `spoor repair --journal " + journal + "`"), refused.err);
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertTrue(verify.exitCode != 0 && verify.out.contains("ingest-ledger.spoor"), verify.toString());

        final Cli repair = Cli.run("repair", "--journal", journal.toString());
        assertEquals(0, repair.exitCode, repair.toString());
        assertTrue(repair.out.contains("done: ingest-ledger.spoor: dropped ")
            && repair.out.contains(" damaged bytes and kept ") && !repair.out.contains("dropped 0 blocks"), repair.out);
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
        final Cli next = ingest(journal, b);
        assertEquals(0, next.exitCode, next.toString());
        final Cli again = ingest(journal, a);
        assertEquals(0, again.exitCode, again.toString());
        final Cli scan = Cli.run("scan", "--journal", journal.toString());
        assertEquals(100, scan.out.lines().count() - 1, "a.csv once (its COMPLETE survived), b.csv once");
    }

    private Path csv(final String name, final String device) throws Exception {
        final StringBuilder text = new StringBuilder("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n");
        for (int i = 1; i <= 50; i++) {
            text.append(device).append(',').append(1_000_000L * i).append(",move,").append(i).append(',').append(i)
                .append(",,,,,,\n");
        }
        return Files.writeString(dir.resolve(name), text);
    }

    private static Cli ingest(final Path journal, final Path file) {
        return Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", file.toString());
    }

    /** Every command whose output stands for the journal's events stops, naming the files, and writes nothing. */
    private void refusedByDefault(final Path journal, final List<Path> files) {
        final Path out = dir.resolve("refused");
        for (final String[] command : List.of(new String[] {"scan"}, new String[] {"sessions"},
            new String[] {"export", "--out", out + ".parquet"}, new String[] {"export", "--out", out + ".csv"},
            new String[] {"export", "--partition-by", "device", "--out", out.toString()},
            new String[] {"heatmap", "--out", out + ".png"})) {
            final String[] args = Stream.concat(Stream.of(command[0], "--journal", journal.toString()),
                Stream.of(command).skip(1)).toArray(String[]::new);
            final Cli refused = Cli.run(args);
            assertEquals(1, refused.exitCode, refused.toString());
            assertTrue(refused.err.contains("2 damaged cycle files") && refused.err.contains(files.get(1).getFileName()
                .toString()) && refused.err.contains(files.get(2).getFileName() + " is missing")
                && refused.err.contains("spoor repair --journal") && refused.err.contains("--on-damage skip"),
                refused.toString());
            assertEquals("", refused.out, command[0]);
        }
        for (final String suffix : List.of(".parquet", ".csv", ".png", "")) {
            assertTrue(!Files.exists(Path.of(out + suffix)), out + suffix + " was not written");
        }
    }
}

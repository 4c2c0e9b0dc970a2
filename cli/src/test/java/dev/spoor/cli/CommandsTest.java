/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every subcommand end to end, in this JVM, over one demo journal. */
class CommandsTest {
    @TempDir
    static Path dir;

    static Path journal;

    @BeforeAll
    static void demo() {
        journal = dir.resolve("demo");
        final Cli demo = Cli.run("demo", "--dir", journal.toString(), "--devices", "12", "--minutes", "20");
        assertEquals(0, demo.exitCode, demo.toString());
        assertTrue(demo.out.contains("ingested") && demo.out.contains("bytes/event") && demo.out.contains("query")
            && demo.out.contains("sessions") && demo.out.contains("heatmap"), demo.out);
    }

    @Test
    void badUsageIsOneLineNamingTheProblemAndExitsTwo() {
        final String j = journal.toString();
        final String[][] cases = {
            {"scan", "--journal", j, "--bogus"},
            {"scan", "--jornal", j},
            {"scan", "--journal"},
            {"scna"},
        };
        final String[] expected = {
            "spoor scan: Unknown option: '--bogus' (`spoor scan --help` lists the options)",
            "spoor scan: Unknown options: '--jornal', '" + j + "'; did you mean --journal? (`spoor scan --help` lists"
                + " the options)",
            "spoor scan: Missing required parameter for option '--journal' (DIR) (`spoor scan --help` lists the"
                + " options)",
            "spoor: Unmatched argument at index 0: 'scna'; did you mean scan? (`spoor --help` lists the options)",
        };
        for (int i = 0; i < cases.length; i++) {
            final Cli bad = Cli.run(cases[i]);
            assertEquals(2, bad.exitCode, bad.toString());
            assertEquals(expected[i] + System.lineSeparator(), bad.err, "the whole of standard error");
            assertEquals("", bad.out);
        }
    }

    @Test
    void aFileNamedTwiceOrCopiedIsStoredOnceAndTheReportSaysWhy() throws Exception {
        final Path folder = Files.createDirectories(dir.resolve("twice"));
        final Path csv = Files.writeString(folder.resolve("rec.csv"),
            "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\nws,1000,move,1,2,,,,,,\n");
        Files.copy(csv, Files.createDirectories(folder.resolve("copy")).resolve("rec.csv"));
        final Cli ingest = Cli.run("ingest", "--journal", dir.resolve("twice-journal").toString(), "--format", "csv",
            folder.toString(), csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("journal: 1 events"), ingest.out);
        assertTrue(ingest.out.contains("skipped: 1 files already stored whole (by an earlier run, or a copy of one in"
            + " this run)"), ingest.out);
    }

    @Test
    void devicesListsAKeyWithATabOrLineEndOnOneLineEscaped() throws Exception {
        final StringBuilder written = new StringBuilder();
        for (final String escaped : List.of("t\\tx", "n\\nx", "r\\rx")) {
            written.append("{\"device\":\"").append(escaped).append("\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":1,"
                + "\"y\":2}\n");
        }
        final Path jsonl = Files.writeString(dir.resolve("controls.jsonl"), written);
        final String journalDir = dir.resolve("controls-journal").toString();
        final Cli ingest = Cli.run("ingest", "--journal", journalDir, "--format", "jsonl", jsonl.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        final Cli devices = Cli.run("devices", "--journal", journalDir);
        assertEquals(0, devices.exitCode, devices.toString());
        final List<String> lines = devices.out.lines().toList();
        assertEquals(4, lines.size(), devices.out);
        assertEquals(List.of("n\\u000Ax", "r\\u000Dx", "t\\u0009x"), lines.subList(0, 3).stream()
            .map(line -> line.substring(0, line.indexOf('\t'))).sorted().toList(), devices.out);
        assertEquals("3 devices", lines.get(3), devices.out);
    }

    @Test
    void anExportTheAuditLogCannotRecordIsRefusedSayingWhyWithNoFileLeft() throws Exception {
        final Path jsonl = Files.writeString(dir.resolve("audited.jsonl"),
            "{\"device\":\"a\",\"ts_nanos\":1000,\"type\":\"move\",\"x\":1,\"y\":2}\n");
        final Path journalDir = dir.resolve("audited-journal");
        assertEquals(0, Cli.run("ingest", "--journal", journalDir.toString(), "--format", "jsonl", jsonl.toString())
            .exitCode);
        // What a read-only file system does to the append (root may write anywhere, so a folder stands in for it).
        final Path audit = journalDir.resolve("audit.spoor");
        Files.deleteIfExists(audit);
        Files.createDirectory(audit);
        for (final String name : List.of("refused.csv", "refused.parquet")) {
            final Path out = dir.resolve(name);
            final Cli export = Cli.run("export", "--journal", journalDir.toString(), "--out", out.toString());
            assertEquals(1, export.exitCode, export.toString());
            assertTrue(export.err.contains("export refused: every export is recorded in the journal's audit log"),
                export.toString());
            assertTrue(export.err.contains("export from a copy of it in a writable folder"), export.toString());
            assertTrue(!Files.exists(out), "no export the audit log does not know: " + out);
        }
        assertEquals(0, Cli.run("scan", "--journal", journalDir.toString()).exitCode, "scans still work");
    }

    @Test
    void devicesSaysWhichKeysHaveNoEventsLeftAfterRetention() {
        final Path retained = dir.resolve("retained-journal");
        final Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3));
        try (Journal journal = Journal.open(retained, new JournalConfig().clock(InstantSource.fixed(threeHoursAgo)));
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("gone"), threeHoursAgo.toEpochMilli() * 1_000_000L, 1, 2, 0);
        }
        try (Journal journal = Journal.open(retained, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            writer.move(journal.devices().register("kept"), System.currentTimeMillis() * 1_000_000L, 1, 2, 0);
        }
        final Cli before = Cli.run("devices", "--journal", retained.toString());
        assertTrue(before.out.endsWith("2 devices" + System.lineSeparator()), before.toString());
        final Cli retain = Cli.run("retain", "--journal", retained.toString(), "--keep", "1h");
        assertEquals(0, retain.exitCode, retain.toString());
        final Cli after = Cli.run("devices", "--journal", retained.toString());
        assertTrue(after.out.contains("2 devices; 1 of them with no events stored now (removed by `spoor retain`"),
            after.toString());
    }

    @Test
    void everyCommandOnAJournalNamesAMissingDirectoryAlike() throws Exception {
        final Path missing = dir.resolve("no-such-journal");
        final Path notJournal = Files.createDirectories(dir.resolve("not-a-journal"));
        for (final String command : List.of("stats", "verify", "scan", "devices", "audit", "compact", "repair")) {
            final Cli absent = Cli.run(command, "--journal", missing.toString());
            assertEquals(1, absent.exitCode, command + ": " + absent);
            assertTrue(absent.err.contains("--journal: " + missing + " is not a directory"), command + ": " + absent);
            final Cli other = Cli.run(command, "--journal", notJournal.toString());
            assertEquals(1, other.exitCode, command + ": " + other);
            assertTrue(other.err.contains("--journal: " + notJournal + " is not a Spoor journal"),
                command + ": " + other);
        }
    }

    @Test
    void twoRecordingsOfOneFolderNameAreRefusedAndTheNewJournalNotLeftBehind() throws Exception {
        for (final String person : List.of("alice", "bob")) {
            final Path rec = Files.createDirectories(dir.resolve("people").resolve(person).resolve("rec"));
            Files.writeString(rec.resolve("events.jsonl"), "{\"time_stamp\": 1.5, \"action\": \"move\", \"x\": "
                + person.length() + ", \"y\": 2}\n");
        }
        final Path journalDir = dir.resolve("people-journal");
        final Cli ingest = Cli.run("ingest", "--journal", journalDir.toString(), "--format", "pynput", "--start",
            "2023-10-20T15:19:53Z", dir.resolve("people").toString());
        assertEquals(1, ingest.exitCode, ingest.toString());
        assertTrue(ingest.err.contains("would be stored as a device that another recording feeds, so nothing was"
            + " appended: 'rec' from "), ingest.toString());
        assertTrue(ingest.err.contains("created by this run, holds nothing and was removed"), ingest.toString());
        assertTrue(!Files.exists(journalDir), "no empty journal left behind");
    }

    @Test
    void everySubcommandHasHelp() {
        // picocli formats each description; a stray '%' is a warning on standard error (the CLI's log file).
        final PrintStream stderr = System.err;
        final ByteArrayOutputStream libraryLog = new ByteArrayOutputStream();
        System.setErr(new PrintStream(libraryLog, true, StandardCharsets.UTF_8));
        try {
            for (final String command : List.of("demo", "ingest", "stats", "scan", "sessions", "export", "heatmap",
                "verify", "retain", "erase", "compact", "audit", "devices", "repair")) {
                final Cli help = Cli.run(command, "--help");
                assertEquals(0, help.exitCode, command + ": " + help);
                assertTrue(help.out.contains("Usage: spoor " + command), help.out);
            }
        } finally {
            System.setErr(stderr);
        }
        assertEquals("", libraryLog.toString(StandardCharsets.UTF_8));
        assertTrue(Cli.run("ingest", "--help").out.contains("(4.6% fewer bytes"), "a per cent sign shown once");
        final Cli version = Cli.run("--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.out.matches("spoor \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)\\R"), version.out);
    }

    @Test
    void badUsageExitsTwoAndFailuresExitOne() {
        final Cli unknown = Cli.run("scan", "--journal", journal.toString(), "--colour");
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.contains("--colour"), unknown.err);
        assertEquals(2, Cli.run().exitCode);
        assertEquals(2, Cli.run("stats").exitCode, "--journal is required");
        final Cli notJournal = Cli.run("stats", "--journal", dir.toString());
        assertEquals(1, notJournal.exitCode, notJournal.toString());
        assertTrue(notJournal.err.contains("is not a Spoor journal"), notJournal.err);
        final Cli badTime = Cli.run("scan", "--journal", journal.toString(), "--from", "yesterday");
        assertEquals(2, badTime.exitCode);
        assertTrue(badTime.err.contains("--from: 'yesterday'"), badTime.err);
        final Cli badType = Cli.run("scan", "--journal", journal.toString(), "--type", "click");
        assertTrue(badType.exitCode == 2 && badType.err.contains("'click' is not an event type"), badType.toString());
        for (final String command : List.of("scan", "export", "heatmap")) {
            final List<String> args = new ArrayList<>(List.of(command, "--journal", journal.toString(), "--from",
                "2026-01-06T00:00:00Z", "--to", "2026-01-05T00:00:00Z"));
            if (!"scan".equals(command)) {
                args.addAll(List.of("--out", dir.resolve("reversed." + ("export".equals(command) ? "csv" : "png"))
                    .toString()));
            }
            final Cli reversed = Cli.run(args.toArray(new String[0]));
            assertEquals(2, reversed.exitCode, command + ": " + reversed);
            assertTrue(reversed.err.contains("must be before --to"), reversed.err);
        }
        final Cli partition = Cli.run("export", "--journal", journal.toString(), "--partition-by", "hour", "--out",
            dir.resolve("by-hour").toString());
        assertTrue(partition.exitCode == 2 && partition.err.contains("'hour' is not a partition column"),
            partition.toString());
        final Cli threads = Cli.run("ingest", "--journal", dir.resolve("zero-threads").toString(), "--format", "csv",
            "--threads", "0", dir.toString());
        assertTrue(threads.exitCode == 2 && threads.err.contains("--threads: 0 must be at least 1"),
            threads.toString());
        assertTrue(!Files.exists(dir.resolve("zero-threads")), "refused before the journal is created");
        final Cli txt = Cli.run("export", "--journal", journal.toString(), "--out", dir.resolve("x.txt").toString());
        assertTrue(txt.exitCode == 2 && txt.err.contains("must end in .parquet, .csv or .jsonl"), txt.toString());
        final Cli rows = Cli.run("export", "--journal", journal.toString(), "--out", dir.resolve("r.parquet")
            .toString(), "--max-rows-per-file", "5");
        assertTrue(rows.exitCode == 2 && rows.err.contains("only with --partition-by"), rows.toString());
        final Cli jpg = Cli.run("heatmap", "--journal", journal.toString(), "--out", dir.resolve("m.jpg").toString());
        assertTrue(jpg.exitCode == 2 && jpg.err.contains("must end in .png"), jpg.toString());
        final Cli huge = Cli.run("heatmap", "--journal", journal.toString(), "--out", dir.resolve("h.png").toString(),
            "--height", "100000");
        assertTrue(huge.exitCode == 2 && huge.err.contains("larger than 16384 px a side"), huge.toString());
        for (final String command : List.of("scan", "ingest", "devices")) {
            final Cli version = Cli.run(command, "--version");
            assertTrue(version.exitCode == 0 && version.out.startsWith("spoor 0."), command + ": " + version);
        }
    }

    @Test
    void aScanThatFailsLeavesAnEarlierOutputFileAsItWas() throws Exception {
        final Path earlier = Files.writeString(dir.resolve("earlier.csv"), "precious\n");
        final Cli typo = Cli.run("scan", "--journal", journal.toString(), "--device", "no-such-device", "--out",
            earlier.toString());
        assertEquals(1, typo.exitCode, typo.toString());
        final Cli failing = Cli.run("scan", "--journal", journal.toString(), "--type", "move", "--out",
            earlier.toString(), "--from", "2026-01-05T09:00:00Z", "--to", "2026-01-05T09:30:00Z");
        assertEquals(0, failing.exitCode, failing.toString());
        assertTrue(Files.readString(earlier).startsWith("device,ts_nanos"), "a scan that succeeds replaces it");
        Files.writeString(earlier, "precious\n");
        // A scan that fails part way: the journal's erasure file made unreadable for the run, after the open.
        final Path erasures = journal.resolve("erasures.spoor");
        final boolean hadErasures = Files.exists(erasures);
        final byte[] kept = hadErasures ? Files.readAllBytes(erasures) : null;
        Files.write(erasures, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        try {
            final Cli broken = Cli.run("scan", "--journal", journal.toString(), "--out", earlier.toString());
            assertEquals(1, broken.exitCode, broken.toString());
        } finally {
            if (hadErasures) {
                Files.write(erasures, kept);
            } else {
                Files.delete(erasures);
            }
        }
        assertEquals("precious\n", Files.readString(earlier), "a failed scan leaves the earlier file whole");
        assertTrue(!Files.exists(dir.resolve("earlier.csv.partial")), "and no partial file");
    }

    @Test
    void anUnknownDeviceIsAnErrorNamingItAndDevicesListsTheKnownOnes() {
        final Cli devices = Cli.run("devices", "--journal", journal.toString());
        assertEquals(0, devices.exitCode, devices.toString());
        final List<String> lines = devices.out.lines().toList();
        assertEquals("12 devices", lines.get(lines.size() - 1), devices.out);
        assertTrue(lines.get(0).matches("ws-00\\t[0-9a-f]{16}") && lines.get(11).startsWith("ws-11\t"), devices.out);
        final Path png = dir.resolve("typo.png");
        for (final String[] command : List.of(new String[] {"scan"}, new String[] {"sessions"},
            new String[] {"export", "--out", dir.resolve("typo.csv").toString()},
            new String[] {"heatmap", "--out", png.toString()})) {
            final List<String> args = new ArrayList<>(List.of(command[0], "--journal", journal.toString(),
                "--device", "ws-01", "--device", "ws-1"));
            args.addAll(List.of(command).subList(1, command.length));
            final Cli typo = Cli.run(args.toArray(new String[0]));
            assertEquals(1, typo.exitCode, typo.toString());
            assertTrue(typo.err.contains("--device: 'ws-1' is not a device of journal") && !typo.err.contains(
                "'ws-01'") && typo.err.contains("(12 devices with a stored key: ws-00, ws-01,")
                && typo.err.contains("spoor devices"), typo.err);
            assertEquals("", typo.out, command[0]);
        }
        assertTrue(!Files.exists(png) && !Files.exists(dir.resolve("typo.csv")), "nothing written");
    }

    @Test
    void statsJsonHasTheContractKeysAndAddsUp() throws Exception {
        final Cli stats = Cli.run("stats", "--journal", journal.toString(), "--json");
        assertEquals(0, stats.exitCode, stats.toString());
        final Map<String, Double> fields = new HashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(stats.out)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t.isNumeric()) {
                    fields.put(parser.currentName(), parser.getDoubleValue());
                }
            }
        }
        assertTrue(fields.keySet().containsAll(Set.of("events", "blocks", "devices", "journalBytes", "diskBytes",
            "indexBytes", "bytesPerEvent", "minTs", "maxTs")), fields.toString());
        assertEquals(12.0, fields.get("devices"));
        assertEquals(fields.get("journalBytes") / fields.get("events"), fields.get("bytesPerEvent"), 1e-9);
        assertTrue(fields.get("diskBytes") >= fields.get("journalBytes") && fields.get("indexBytes") > 0,
            fields.toString());
        final Cli table = Cli.run("stats", "--journal", journal.toString());
        assertTrue(table.out.contains("bytes/event"), table.out);
    }

    @Test
    void scanCsvIngestsBackToTheSameScan() throws Exception {
        final Path csv = dir.resolve("scan.csv");
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--device", "ws-03", "--device", "ws-07",
            "--out", csv.toString());
        assertEquals(0, scan.exitCode, scan.toString());
        final List<String> lines = Files.readAllLines(csv);
        assertEquals("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers", lines.get(0));
        assertTrue(lines.size() > 1_000, "rows: " + lines.size());
        final Path copy = dir.resolve("copy");
        final Cli ingest = Cli.run("ingest", "--journal", copy.toString(), "--format", "csv", csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        final Cli again = Cli.run("scan", "--journal", copy.toString());
        assertEquals(0, again.exitCode, again.toString());
        assertEquals(Files.readString(csv), again.out);
        final Cli jsonl = Cli.run("scan", "--journal", journal.toString(), "--device", "ws-03", "--format", "jsonl");
        final Path jsonlFile = dir.resolve("scan.jsonl");
        Files.writeString(jsonlFile, jsonl.out);
        final Path fromJsonl = dir.resolve("from-jsonl");
        assertEquals(0, Cli.run("ingest", "--journal", fromJsonl.toString(), "--format", "jsonl",
            jsonlFile.toString()).exitCode);
        assertEquals(Cli.run("scan", "--journal", journal.toString(), "--device", "ws-03").out,
            Cli.run("scan", "--journal", fromJsonl.toString()).out);
    }

    @Test
    void malformedLinesAreRejectedWithFileLineAndFieldOrStopAStrictIngest() throws Exception {
        final Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\r\n"
            + "a,1000,move,1,2,,,,,,\r\n"
            + "a,2000,move,x,2,,,,,,\r\n"
            + "a,3000,hover,1,2,,,,,,\r\n"
            + "a,4000,button_down,1,2,thumb,,,,,\r\n"
            + "a,5000,key_down,,,,,,,7,1\r\n", StandardCharsets.UTF_8);
        final Path target = dir.resolve("bad-journal");
        final Path listed = dir.resolve("rejections.jsonl");
        final Cli lenient = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", "--rejections",
            listed.toString(), csv.toString());
        assertEquals(0, lenient.exitCode, lenient.toString());
        final List<String> rejections = Files.readAllLines(listed);
        assertEquals(3, rejections.size(), "--rejections lists every rejected line: " + rejections);
        assertTrue(rejections.get(0).startsWith("{\"file\":\"" + csv + "\",\"line\":3,\"kind\":\"MALFORMED\","
            + "\"field\":\"x\",\"value\":\"x\",\"reason\":\"is not a number of pixels"), rejections.get(0));
        assertTrue(lenient.out.contains("ingested 2 events") && lenient.out.contains("rejected 3 lines"), lenient.out);
        assertTrue(lenient.out.contains(csv + ":3: field 'x' value 'x' is not a number of pixels"), lenient.out);
        assertTrue(lenient.out.contains(csv + ":4: field 'type' value 'hover' is not an event type"), lenient.out);
        assertTrue(lenient.out.contains(csv + ":5: field 'button' value 'thumb'"), lenient.out);
        final Path strictTarget = dir.resolve("strict-journal");
        final Cli strict = Cli.run("ingest", "--journal", strictTarget.toString(), "--format", "csv", "--strict",
            csv.toString());
        assertEquals(1, strict.exitCode, strict.toString());
        assertTrue(strict.err.contains(csv + ":3: field 'x'") && strict.err.contains("nothing was appended"),
            strict.err);
        // It appended nothing, so the journal it created is not left behind (removed only once found empty).
        assertTrue(strict.err.contains(strictTarget + ", created by this run, holds nothing and was removed"),
            strict.err);
        assertTrue(!Files.exists(strictTarget), "a strict failure appends nothing");
    }

    @Test
    void theSameIngestRunAgainStoresNothingAndSaysSo() throws Exception {
        final Path csv = dir.resolve("again.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n"
            + "a,1767225600000000000,move,1,2,,,,,,\n" + "a,1767225600001000000,move,3,4,,,,,,\n");
        final Path target = dir.resolve("again-journal");
        final Cli first = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", csv.toString());
        assertTrue(first.out.contains("ingested 2 events from 1 files"), first.toString());
        final Cli second = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", csv.toString());
        assertEquals(0, second.exitCode, second.toString());
        assertTrue(second.out.contains("nothing to do: all 1 files were ingested before and have not changed"),
            second.out);
        assertTrue(second.out.contains("journal: 2 events"), second.out);
        final Path moved = Files.createDirectories(dir.resolve("moved")).resolve("again.csv");
        Files.copy(csv, moved);
        final Cli copy = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", moved.toString());
        assertEquals(0, copy.exitCode, copy.toString());
        assertTrue(copy.out.contains("or hold the bytes of one that was (see the warnings)")
            && copy.out.contains("warning: " + moved + ": has the same") && copy.out.contains("journal: 2 events"),
            copy.out);
        Files.writeString(csv, "a,1767225600002000000,move,5,6,,,,,,\n", StandardOpenOption.APPEND);
        final Cli grown = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", csv.toString());
        assertTrue(grown.out.contains("ingested 1 events from 1 files") && grown.out.contains("journal: 3 events"),
            grown.out);
        Files.writeString(csv, Files.readString(csv).replace("move,1,2", "move,9,2"));
        final Cli changed = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", csv.toString());
        assertEquals(1, changed.exitCode, changed.toString());
        assertTrue(changed.err.contains(csv + " (") && changed.err.contains("--force"), changed.err);
        final Cli forced = Cli.run("ingest", "--journal", target.toString(), "--format", "csv", "--force",
            csv.toString());
        assertTrue(forced.out.contains("ingested 3 events") && forced.out.contains("journal: 6 events"), forced.out);
    }

    @Test
    void integerTimesAreReadInTheUnitGivenAndAFileInAnotherUnitIsFlagged() throws Exception {
        final Path jsonl = dir.resolve("ms.jsonl");
        Files.writeString(jsonl, "{\"device\":\"a\",\"ts\":1767225600000,\"type\":\"move\",\"x\":1,\"y\":2}\n");
        final Cli asNs = Cli.run("ingest", "--journal", dir.resolve("ns-journal").toString(), "--format", "jsonl",
            jsonl.toString());
        assertEquals(0, asNs.exitCode, asNs.toString());
        assertTrue(asNs.out.contains("warning: " + jsonl) && asNs.out.contains("--ts-unit ms"), asNs.out);
        final Path msJournal = dir.resolve("ms-journal");
        final Cli asMs = Cli.run("ingest", "--journal", msJournal.toString(), "--format", "jsonl", "--ts-unit", "ms",
            jsonl.toString());
        assertEquals(0, asMs.exitCode, asMs.toString());
        assertTrue(!asMs.out.contains("warning"), asMs.out);
        final Cli scan = Cli.run("scan", "--journal", msJournal.toString());
        assertTrue(scan.out.contains("a,1767225600000000000,move,1,2"), scan.out);
        final Cli days = Cli.run("ingest", "--journal", msJournal.toString(), "--format", "jsonl", "--ts-unit", "days",
            jsonl.toString());
        assertEquals(2, days.exitCode, days.toString());
        assertTrue(days.err.contains("--ts-unit: 'days' is not ns, us, ms or s"), days.err);
    }

    @Test
    void aFolderOfMixedFilesGivesJustTheFormatsFiles() throws Exception {
        final Path mixed = Files.createDirectories(dir.resolve("mixed/user1"));
        Files.writeString(mixed.resolve("session_1"), "record timestamp,client timestamp,button,state,x,y\n"
            + "0.0,0.0,NoButton,Move,10,20\n");
        Files.writeString(mixed.resolve("notes.txt"), "not a recording\n");
        Files.write(mixed.resolve("blob.bin"), new byte[] {0, 1, 2, (byte)0xff, '\n'});
        Files.writeString(mixed.resolve("rows.csv"), "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n"
            + "b,1767225600000000000,move,1,2,,,,,,\n");
        final Cli balabit = Cli.run("ingest", "--journal", dir.resolve("mixed-b").toString(), "--format", "balabit",
            dir.resolve("mixed").toString());
        assertTrue(balabit.out.contains("ingested 1 events from 1 files") && balabit.out.contains("rejected 0 lines"),
            balabit.toString());
        final Cli csv = Cli.run("ingest", "--journal", dir.resolve("mixed-c").toString(), "--format", "csv",
            dir.resolve("mixed").toString());
        assertTrue(csv.out.contains("ingested 1 events from 1 files") && csv.out.contains("rejected 0 lines"),
            csv.toString());
        final Cli named = Cli.run("ingest", "--journal", dir.resolve("mixed-x").toString(), "--format", "csv",
            mixed.resolve("blob.bin").toString());
        assertEquals(1, named.exitCode, named.toString());
        assertTrue(named.out.contains("ingested 0 events") && named.out.contains("blob.bin:1:"), named.out);
        assertTrue(named.err.contains("every line of 1 file(s) was refused") && named.err.contains("blob.bin"),
            named.err);
    }

    @Test
    void ingestShowsProgressOnATerminal() throws Exception {
        final Path csv = dir.resolve("progress.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\n"
            + "a,1767225600000000000,move,1,2,,,,,,\n");
        final Cli on = Cli.onTerminal("ingest", "--journal", dir.resolve("progress-journal").toString(), "--format",
            "csv", csv.toString());
        assertEquals(0, on.exitCode, on.toString());
        assertTrue(on.err.contains("ingest") && on.err.contains("MB") && on.err.contains("1 events")
            && on.err.contains("events/s"), on.err);
    }

    @Test
    void longWorkShowsProgressOnATerminalOnly() {
        final Path quiet = dir.resolve("quiet");
        final Cli off = Cli.run("demo", "--dir", quiet.toString(), "--devices", "3", "--minutes", "3");
        assertEquals(0, off.exitCode, off.toString());
        assertEquals("", off.err, "no progress when not on a terminal");
        final Cli on = Cli.onTerminal("demo", "--dir", dir.resolve("loud").toString(), "--devices", "3", "--minutes",
            "3");
        assertEquals(0, on.exitCode, on.toString());
        assertTrue(on.err.contains("demo") && on.err.contains("%") && on.err.contains("events/s"), on.err);
    }

    @Test
    void sessionsInEveryFormat() {
        final Cli table = Cli.run("sessions", "--journal", journal.toString(), "--device", "ws-01");
        assertEquals(0, table.exitCode, table.toString());
        assertTrue(table.out.contains("ws-01") && table.out.matches("(?s).*\\n1 session\\n|(?s).*\\n\\d+ sessions\\n"),
            table.out);
        final Cli csv = Cli.run("sessions", "--journal", journal.toString(), "--format", "csv", "--gap", "2m");
        final List<String> rows = csv.out.lines().collect(Collectors.toList());
        assertEquals(String.join(",", SessionsCommand.COLUMNS), rows.get(0));
        final Set<String> devices = new HashSet<>();
        rows.stream().skip(1).forEach(r -> devices.add(r.split(",")[0]));
        assertEquals(12, devices.size(), csv.out);
        final Cli jsonl = Cli.run("sessions", "--journal", journal.toString(), "--format", "jsonl", "--gap", "2m");
        assertEquals(rows.size() - 1, jsonl.out.lines().count());
        assertEquals(2, Cli.run("sessions", "--journal", journal.toString(), "--gap").exitCode);
        assertEquals(2, Cli.run("sessions", "--journal", journal.toString(), "--gap", "soon").exitCode);

        final List<String> first = rows.subList(1, rows.size()).stream().filter(r -> r.startsWith("ws-01,"))
            .collect(Collectors.toList());
        final String[] session = first.get(0).split(",");
        final Cli cut = Cli.run("sessions", "--journal", journal.toString(), "--format", "csv", "--gap", "2m",
            "--device", "ws-01", "--from", session[1], "--to", session[2]);
        assertEquals(0, cut.exitCode, cut.toString());
        final String[] within = cut.out.lines().skip(1).findFirst().orElseThrow().split(",");
        assertEquals(session[1], within[1], "--from: the session starts there: " + cut.out);
        assertTrue(within[2].compareTo(session[2]) < 0 && Long.parseLong(within[5]) < Long.parseLong(session[5]),
            "--to is exclusive: the session's last event is left out: " + cut.out);
    }

    @Test
    void exportWritesEachFormatWithItsManifest() throws Exception {
        for (final String name : List.of("e.parquet", "e.csv", "e.jsonl")) {
            final Path out = dir.resolve(name);
            final Cli export = Cli.run("export", "--journal", journal.toString(), "--device", "ws-02", "--out",
                out.toString());
            assertEquals(0, export.exitCode, export.toString());
            assertTrue(Files.size(out) > 0 && Files.exists(dir.resolve(name + ".manifest.json")), name);
        }
        assertEquals(2, Cli.run("export", "--journal", journal.toString(), "--out", dir.resolve("e.xlsx").toString())
            .exitCode);
    }

    @Test
    void retentionKeepsTheCurrentCycleAndEverythingIsAudited() {
        final Cli retain = Cli.run("retain", "--journal", journal.toString(), "--keep", "1h");
        assertEquals(0, retain.exitCode, retain.toString());
        assertTrue(retain.out.contains("deleted 0 cycle files"), retain.out);
        assertEquals(0, Cli.run("export", "--journal", journal.toString(), "--device", "ws-01", "--out",
            dir.resolve("audited.csv").toString()).exitCode);
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertEquals(0, audit.exitCode, audit.toString());
        assertTrue(audit.out.contains("policy  (spoor demo)  version 1: keystrokes=class"), audit.out);
        assertTrue(audit.out.contains("retention  (spoor retain)"), audit.out);
        assertTrue(audit.out.contains("export  (spoor export)") && audit.out.contains("audited.csv"), audit.out);
        assertEquals(2, Cli.run("retain", "--journal", journal.toString(), "--keep", "forever").exitCode);
    }

    @Test
    void anEncryptedJournalErasesADeviceForEveryCommand() throws Exception {
        final Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\r\n"
            + "alice,1000,move,1,2,,,,,,\r\nbob,2000,move,3,4,,,,,,\r\nalice,3000,key_down,,,,,,,letter,0\r\n");
        final Path enc = dir.resolve("encrypted");
        final Cli ingest = Cli.run("ingest", "--journal", enc.toString(), "--format", "csv", "--encryption", "on",
            csv.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("blocks encrypted per device"), ingest.out);
        assertEquals(3, Cli.run("scan", "--journal", enc.toString()).out.lines().count() - 1);
        final Cli erase = Cli.run("erase", "--journal", enc.toString(), "--device", "alice");
        assertEquals(0, erase.exitCode, erase.toString());
        assertTrue(erase.out.contains("1 data key(s) destroyed"), erase.out);
        final Cli after = Cli.run("scan", "--journal", enc.toString());
        assertEquals(List.of("device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers", "bob,2000,move,3,4,,,,,,"),
            after.out.lines().collect(Collectors.toList()));
        assertEquals(0, Cli.run("verify", "--journal", enc.toString()).exitCode);
        final Path exported = dir.resolve("after-erase.jsonl");
        assertEquals(0, Cli.run("export", "--journal", enc.toString(), "--out", exported.toString()).exitCode);
        assertTrue(Files.readString(exported).contains("bob") && !Files.readString(exported).contains("alice"));
        final String aliceId;
        try (Journal opened = Journal.openReadOnly(enc)) {
            aliceId = String.format("%016x", opened.devices().lookup("alice"));
        }
        assertTrue(Files.readString(dir.resolve("after-erase.jsonl.manifest.json")).contains(aliceId),
            "the manifest names the erased device");
        assertTrue(Cli.run("sessions", "--journal", enc.toString(), "--format", "csv").out.lines()
            .noneMatch(l -> l.startsWith("alice")));
        assertTrue(Cli.run("audit", "--journal", enc.toString()).out.contains("erase  (spoor erase)"));
        final Cli compact = Cli.run("compact", "--journal", enc.toString());
        assertEquals(0, compact.exitCode, compact.toString());
        assertTrue(compact.out.contains("1 cycle files rewritten, 1 blocks dropped"), "no writer has the journal:"
            + " its only cycle, the current one, is rewritten too: " + compact.out);
    }

    @Test
    void pseudonymousJournalsNeedTheirKeyFileToFindADevice() throws Exception {
        final Path csv = dir.resolve("pseudo.csv");
        Files.writeString(csv, "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers\r\n"
            + "carol,1000,move,1,2,,,,,,\r\n");
        final Path key = dir.resolve("pseudo.key");
        final Path pseudo = dir.resolve("pseudo");
        assertEquals(0, Cli.run("ingest", "--journal", pseudo.toString(), "--format", "csv", "--pseudonym-key",
            key.toString(), csv.toString()).exitCode);
        assertTrue(!Files.exists(pseudo.resolve("devices.dict")), "by default a pseudonymous journal names no one");
        final Cli withKey = Cli.run("scan", "--journal", pseudo.toString(), "--pseudonym-key", key.toString(),
            "--device", "carol");
        assertEquals(2, withKey.out.lines().count(), withKey.toString());
        assertTrue(!withKey.out.contains("carol"), "no dictionary: rows name the pseudonym, not the key");
        final Cli devices = Cli.run("devices", "--journal", pseudo.toString());
        assertTrue(devices.out.contains("(no key stored)\t") && devices.out.contains("1 devices (1 written with no"
            + " device dictionary"), devices.toString());
        final Cli withoutKey = Cli.run("scan", "--journal", pseudo.toString(), "--device", "carol");
        assertEquals(1, withoutKey.exitCode, withoutKey.toString());
        assertTrue(withoutKey.err.contains("pseudonym key file"), withoutKey.err);

        final Path named = dir.resolve("pseudo-named");
        assertEquals(0, Cli.run("ingest", "--journal", named.toString(), "--format", "csv", "--pseudonym-key",
            key.toString(), "--device-dictionary", csv.toString()).exitCode);
        final Cli namedDevices = Cli.run("devices", "--journal", named.toString());
        assertTrue(namedDevices.out.startsWith("carol\t"), "asked for, the dictionary names it: " + namedDevices);
    }

    @Test
    void heatmapIsAReadablePng() throws Exception {
        final Path png = dir.resolve("h.png");
        final Cli heatmap = Cli.run("heatmap", "--journal", journal.toString(), "--device", "ws-04", "--out",
            png.toString(), "--width", "800", "--height", "500");
        assertEquals(0, heatmap.exitCode, heatmap.toString());
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(500, image.getHeight());
        final Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 5) {
            for (int x = 0; x < image.getWidth(); x += 5) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a heatmap, not a blank: " + colours.size() + " colours");
        assertEquals(2, Cli.run("heatmap", "--journal", journal.toString(), "--out", png.toString(), "--width", "10")
            .exitCode);
        final Path nowhere = dir.resolve("no-such-folder").resolve("map.png");
        final Cli missing = Cli.run("heatmap", "--journal", journal.toString(), "--out", nowhere.toString());
        assertEquals(1, missing.exitCode, missing.toString());
        assertTrue(missing.err.contains("--out: folder " + nowhere.getParent() + " does not exist"), missing.err);
    }

    @Test
    void verifyPassesThenFindsAFlippedByte() throws Exception {
        final Path copy = dir.resolve("verify-copy");
        try (Stream<Path> files = Files.walk(journal)) {
            for (final Path p : files.collect(Collectors.toList())) {
                final Path to = copy.resolve(journal.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        final Cli ok = Cli.run("verify", "--journal", copy.toString());
        assertEquals(0, ok.exitCode, ok.toString());
        final Path cycle;
        try (Stream<Path> files = Files.walk(copy)) {
            cycle = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cycle);
        // Inside what was written, not in the cycle file's preallocated zeros after it.
        int written = bytes.length;
        while (written > 0 && bytes[written - 1] == 0) {
            written--;
        }
        bytes[written / 3] ^= 0x40;
        bytes[written / 4] ^= 0x40;
        Files.write(cycle, bytes);
        final Cli bad = Cli.run("verify", "--journal", copy.toString());
        assertEquals(1, bad.exitCode, bad.toString());
        assertTrue(bad.out.contains("problem:"), bad.out);
    }
}

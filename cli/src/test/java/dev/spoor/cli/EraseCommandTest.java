/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor erase} on a journal made by {@code spoor ingest} with the defaults (encryption off): afterwards
 * scan, export, sessions, heatmap, stats and verify show nothing of the erased events and everything else; bad
 * input changes nothing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EraseCommandTest {
    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers";
    private static final long START_MS = 1_700_000_000_000L;
    private static final int EVENTS = 600;

    @TempDir
    Path dir;

    Path journal;
    List<String> rows;

    @BeforeEach
    void ingest() throws Exception {
        final StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < EVENTS; i++) {
            for (final String device : List.of("alice", "bob", "carol")) {
                final long ts = (START_MS + 10L * i) * 1_000_000L;
                final int x = device.equals("alice") ? 50 + i % 40 : 400 + i % 300;
                csv.append(i % 50 == 7 ? device + "," + ts + ",button_down," + x + ",300,left,,,,,"
                    : device + "," + ts + ",move," + x + "," + (100 + i % 200) + ",,,,,,").append("\r\n");
            }
        }
        final Path input = dir.resolve("in.csv");
        Files.writeString(input, csv);
        journal = dir.resolve("j");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", input.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("not encrypted"), ingest.out);
        rows = scan();
        assertEquals(3 * EVENTS, rows.size());
    }

    @Test
    void anEraseKilledAfterItsRecordIsCompletedByRunningItAgain() throws Exception {
        // The state a run killed between its record and its audit entry leaves: the record, the key still in
        // devices.dict, no audit entry. Made by erasing a copy and taking its erasures.spoor.
        final Path copy = dir.resolve("copy");
        try (Stream<Path> files = Files.walk(journal)) {
            for (final Path file : files.collect(Collectors.toList())) {
                Files.copy(file, copy.resolve(journal.relativize(file).toString()));
            }
        }
        assertEquals(0, Cli.run("erase", "--journal", copy.toString(), "--device", "alice").exitCode);
        Files.copy(copy.resolve("erasures.spoor"), journal.resolve("erasures.spoor"));
        assertTrue(Files.readString(journal.resolve("devices.dict"), StandardCharsets.ISO_8859_1).contains("alice"));

        final Cli again = Cli.run("erase", "--journal", journal.toString(), "--device", "alice");
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("is erased already, all time: an earlier run recorded it and stopped before the"
            + " end; done now: 1 key record(s) taken out of devices.dict, 0 data key(s) destroyed, the audit entry"
            + " written"), again.out);
        assertFalse(Files.readString(journal.resolve("devices.dict"), StandardCharsets.ISO_8859_1).contains("alice"));
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("recorded by an earlier run that stopped before this entry"), audit.out);
        final Cli third = Cli.run("erase", "--journal", journal.toString(), "--device", "alice");
        assertTrue(third.out.contains("is erased already, all time: nothing new recorded"), third.out);
    }

    @Test
    void aLostErasureFileIsRestoredByErasingAgainByTheIdTheAuditLogNames() throws Exception {
        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "alice").exitCode);
        Files.delete(journal.resolve("erasures.spoor"));
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(1, verify.exitCode, verify.toString());
        final java.util.regex.Matcher named = java.util.regex.Pattern.compile("e\\.g\\. device ([0-9a-f]+) all time")
            .matcher(verify.out);
        assertTrue(named.find() && verify.out.contains("spoor erase --device-id <id>"), verify.out);

        final Cli byKey = Cli.run("erase", "--journal", journal.toString(), "--device", "alice");
        assertEquals(0, byKey.exitCode, "the key is out of devices.dict but still resolves: " + byKey);
        Files.delete(journal.resolve("erasures.spoor"));
        final Cli byId = Cli.run("erase", "--journal", journal.toString(), "--device-id", named.group(1));
        assertEquals(0, byId.exitCode, byId.toString());
        assertTrue(byId.out.startsWith("erased device (id " + String.format("%16s", named.group(1)).replace(' ', '0')),
            byId.out);
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
        assertTrue(scan().stream().noneMatch(row -> row.startsWith("alice,")), "alice stays erased");

        final Cli unknown = Cli.run("erase", "--journal", journal.toString(), "--device-id", "123abc");
        assertEquals(1, unknown.exitCode, "as for an unknown key: " + unknown);
        assertTrue(unknown.err.contains("device id 0000000000123abc [id=0x123abc] was never registered"),
            unknown.err);
        final Cli both = Cli.run("erase", "--journal", journal.toString(), "--device", "bob", "--device-id", "12");
        assertEquals(2, both.exitCode, both.toString());
    }

    @Test
    void erasingADeviceOfADefaultJournalHidesItFromEveryCommand() throws Exception {
        final Path before = dir.resolve("before.png");
        assertEquals(0, Cli.run("heatmap", "--journal", journal.toString(), "--device", "bob", "--device", "carol",
            "--out", before.toString()).exitCode);

        final Cli erase = Cli.run("erase", "--journal", journal.toString(), "--device", "alice");
        assertEquals(0, erase.exitCode, erase.toString());
        assertTrue(erase.out.contains("erased alice") && erase.out.contains("all time")
            && erase.out.contains("(" + EVENTS + " events)"), erase.out);
        assertTrue(erase.out.contains("its key taken out of devices.dict"), erase.out);
        final int auditLines = Cli.run("audit", "--journal", journal.toString()).out.split("\n").length;
        final Cli again = Cli.run("erase", "--journal", journal.toString(), "--device", "alice");
        assertEquals(0, again.exitCode, again.toString());
        assertTrue(again.out.contains("alice (id ") && again.out.contains("is erased already"), again.out);
        assertEquals(auditLines, Cli.run("audit", "--journal", journal.toString()).out.split("\n").length,
            "nothing new recorded or audited");
        assertTrue(Files.readString(journal.resolve("devices.dict"), StandardCharsets.ISO_8859_1).contains("bob")
            && !Files.readString(journal.resolve("devices.dict"), StandardCharsets.ISO_8859_1).contains("alice"),
            "the dictionary names bob, not alice");

        final List<String> others = rows.stream().filter(r -> !r.startsWith("alice,")).collect(Collectors.toList());
        assertEquals(others, scan(), "scan");
        final Path csv = dir.resolve("out.csv");
        assertEquals(0, Cli.run("export", "--journal", journal.toString(), "--out", csv.toString()).exitCode);
        assertEquals(others, Files.readAllLines(csv).subList(1, 2 * EVENTS + 1), "export");
        assertEquals(2 * EVENTS + 1, Files.readAllLines(csv).size());
        assertTrue(Files.readString(dir.resolve("out.csv.manifest.json")).contains("erasures_applied"));
        final Cli sessions = Cli.run("sessions", "--journal", journal.toString(), "--format", "csv");
        assertEquals(0, sessions.exitCode, sessions.toString());
        assertTrue(sessions.out.lines().noneMatch(l -> l.startsWith("alice"))
            && sessions.out.lines().anyMatch(l -> l.startsWith("bob,"))
            && sessions.out.lines().anyMatch(l -> l.startsWith("carol,")), sessions.out);
        final Path after = dir.resolve("after.png");
        assertEquals(0, Cli.run("heatmap", "--journal", journal.toString(), "--out", after.toString()).exitCode);
        assertArrayEquals(pixels(before), pixels(after), "below the title, all devices' heatmap is bob's and carol's");
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, verify.exitCode, verify.toString());
        assertTrue(verify.out.contains(2 * EVENTS + " events") && verify.out.contains("1 erased blocks"), verify.out);
        final Cli stats = Cli.run("stats", "--journal", journal.toString());
        assertTrue(stats.out.matches("(?s).*events\\s+1,200.*"), stats.out);
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("erase  (spoor erase)") && audit.out.contains("all time"), audit.out);
        final Cli devices = Cli.run("devices", "--journal", journal.toString());
        assertTrue(!devices.out.contains("alice") && devices.out.contains("bob\t") && devices.out.contains(
            "2 devices; 1 erased whole, not listed"), devices.toString());
    }

    @Test
    void anIngestAfterAnErasureStoresNothingOfTheErasedDevice() throws Exception {
        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "alice").exitCode);
        final StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (int i = 0; i < 100; i++) {
            final long ts = (START_MS + 60_000L + 10L * i) * 1_000_000L;
            csv.append("alice,").append(ts).append(",move,1,2,,,,,,\r\n");
            csv.append("bob,").append(ts).append(",move,3,4,,,,,,\r\n");
        }
        final Path later = dir.resolve("later.csv");
        Files.writeString(later, csv);
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", later.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains("not stored: 100 events of erased devices or time ranges"), ingest.out);
        final List<String> after = scan();
        assertEquals(2 * EVENTS + 100, after.size(), "bob's new events, nothing of alice's");
        assertTrue(after.stream().noneMatch(r -> r.startsWith("alice,")));
    }

    @Test
    void afterEraseAndCompactNoJournalFileNamesTheDevice() throws Exception {
        final Path exported = dir.resolve("exported.csv");
        assertEquals(0, Cli.run("export", "--journal", journal.toString(), "--device", "alice", "--out",
            exported.toString()).exitCode);
        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "alice").exitCode);
        final Cli compact = Cli.run("compact", "--journal", journal.toString());
        assertEquals(0, compact.exitCode, compact.toString());
        final Cli stats = Cli.run("stats", "--journal", journal.toString());
        final long indexBytes = Long.parseLong(stats.out.lines().filter(l -> l.startsWith("index bytes"))
            .findFirst().orElseThrow().replaceAll("[^0-9]", ""));
        assertTrue(indexBytes > 0, "compaction writes the block index again: " + stats);
        try (Stream<Path> files = Files.walk(journal)) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains("alice"),
                    () -> "the erased device's key in " + file + ": " + Cli.run("audit", "--journal",
                        journal.toString()).out);
            }
        }
    }

    @Test
    void erasingARangeKeepsEverythingOutsideIt() {
        final Cli erase = Cli.run("erase", "--journal", journal.toString(), "--device", "bob", "--from",
            Long.toString(START_MS + 1_000), "--to", "2023-11-14T22:13:23Z");
        assertEquals(0, erase.exitCode, erase.toString());
        assertTrue(erase.out.contains("1 blocks in part"), erase.out);
        final long from = (START_MS + 1_000) * 1_000_000L;
        final long to = 1_700_000_003_000L * 1_000_000L;
        final List<String> kept = rows.stream().filter(r -> {
            final long ts = Long.parseLong(r.split(",")[1]);
            return !r.startsWith("bob,") || ts < from || ts >= to;
        }).collect(Collectors.toList());
        assertEquals(3 * EVENTS - 200, kept.size());
        assertEquals(kept, scan());
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("[" + from + ", " + to + ") ns"), audit.out);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        final Cli unknown = Cli.run("erase", "--journal", journal.toString(), "--device", "mallory");
        assertEquals(1, unknown.exitCode, unknown.toString());
        assertTrue(unknown.err.contains("'mallory'") && unknown.err.contains("never registered"), unknown.err);
        final Cli reversed = Cli.run("erase", "--journal", journal.toString(), "--device", "bob", "--from",
            Long.toString(START_MS + 2_000), "--to", Long.toString(START_MS + 1_000));
        assertEquals(2, reversed.exitCode, reversed.toString());
        assertTrue(reversed.err.contains("must be before --to"), reversed.err);
        assertEquals(1, reversed.err.lines().count(), "one line, not the usage: " + reversed.err);
        final Cli empty = Cli.run("erase", "--journal", journal.toString(), "--device", "bob", "--from",
            Long.toString(START_MS), "--to", Long.toString(START_MS));
        assertEquals(2, empty.exitCode, empty.toString());
        final Cli badTime = Cli.run("erase", "--journal", journal.toString(), "--device", "bob", "--from", "soon");
        assertEquals(2, badTime.exitCode, badTime.toString());
        assertTrue(badTime.err.contains("--from: 'soon'"), badTime.err);
        assertTrue(Files.notExists(journal.resolve("erasures.spoor")), "nothing recorded");
        assertEquals(rows, scan());
        assertTrue(!Cli.run("audit", "--journal", journal.toString()).out.contains("erase"));
    }

    private List<String> scan() {
        final Cli scan = Cli.run("scan", "--journal", journal.toString());
        assertEquals(0, scan.exitCode, scan.toString());
        final List<String> lines = scan.out.lines().collect(Collectors.toList());
        assertEquals(HEADER, lines.get(0));
        return lines.subList(1, lines.size());
    }

    /** The pixels below the title line (which names the devices asked for); the counts line stays in. */
    private static int[] pixels(final Path png) throws Exception {
        final BufferedImage image = ImageIO.read(png.toFile());
        return image.getRGB(0, 24, image.getWidth(), image.getHeight() - 24, null, 0, image.getWidth());
    }
}

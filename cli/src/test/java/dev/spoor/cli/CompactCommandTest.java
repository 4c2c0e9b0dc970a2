/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.Journal;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spoor compact} beside a running collector in another JVM: a default journal ingested into a roll cycle
 * three hours back ({@code --wall-clock}), alice erased, then compacted while the collector appends in the current
 * cycle. Afterwards alice's device id is in no queue, index or staging file, the collector kept appending, and
 * scan and verify show every other event.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CompactCommandTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final String HEADER = "device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers";
    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    @Test
    void compactRemovesAnErasedDevicesBytesWhileACollectorAppends() throws Exception {
        final Path journal = ingestThreeHoursBack();
        final long alice;
        try (Journal open = Journal.openReadOnly(journal)) {
            alice = open.devices().lookup("alice");
        }
        final byte[] aliceId = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(alice).array();
        assertTrue(holders(journal, aliceId).size() > 0, "alice's id is in block headers before");
        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "alice").exitCode);

        final Process collector = children.start(ChildJvm.builder(AppenderMain.class, false, journal.toString())
            .redirectErrorStream(true));
        final BufferedReader lines = new BufferedReader(new InputStreamReader(collector.getInputStream(),
            StandardCharsets.UTF_8));
        final long before = appended(lines);
        final Cli compact = Cli.run("compact", "--journal", journal.toString());
        assertEquals(0, compact.exitCode, compact.toString());
        assertTrue(compact.out.contains("compaction online: 1 cycle files rewritten") && compact.out.contains(
            "blocks dropped"), compact.out);
        final long after = appended(lines);
        assertTrue(after > before, "the collector kept appending: " + before + " then " + after);
        collector.getOutputStream().write('\n');
        collector.getOutputStream().flush();
        assertTrue(collector.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, collector.exitValue());

        assertEquals(List.of(), holders(journal, aliceId), "alice's device id after compaction");
        final Cli verify = Cli.run("verify", "--journal", journal.toString());
        assertEquals(0, verify.exitCode, verify.toString());
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--format", "csv");
        final List<String> rows = scan.out.lines().skip(1).collect(Collectors.toList());
        assertEquals(0, rows.stream().filter(r -> r.startsWith("alice,")).count());
        assertEquals(2L * EVENTS, rows.stream().filter(r -> r.startsWith("bob,") || r.startsWith("carol,")).count());
        assertTrue(rows.stream().filter(r -> r.startsWith("dave,")).count() >= after, scan.out.length() + " chars");
        final Cli audit = Cli.run("audit", "--journal", journal.toString());
        assertTrue(audit.out.contains("compact") && audit.out.contains("blocks re-encoded"), audit.out);
    }

    @Test
    void compactSealsAKilledWritersStagedEventsSoAnErasedDevicesGoToo() throws Exception {
        final Path journal = ingestThreeHoursBack();
        StagedWriterMain.stageAndKill(children, journal);
        final long erin;
        try (Journal open = Journal.openReadOnly(journal)) {
            erin = open.devices().lookup("erin");
            assertEquals(StagedWriterMain.EVENTS, open.stagedEvents(), "the killed writer's events are staged");
        }
        final byte[] erinId = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(erin).array();
        assertTrue(holders(journal, erinId).stream().anyMatch(p -> p.toString().contains("staging")),
            "erin's id is in the staging file");
        assertEquals(0, Cli.run("erase", "--journal", journal.toString(), "--device", "erin").exitCode);

        final Cli compact = Cli.run("compact", "--journal", journal.toString());
        assertEquals(0, compact.exitCode, compact.toString());
        assertTrue(compact.out.contains("compaction with no writer: first sealed " + StagedWriterMain.EVENTS
            + " staged events of a writer that did not close;"), compact.out);
        assertEquals(List.of(), holders(journal, erinId), "erin's id after compaction");
        assertEquals(0, Cli.run("verify", "--journal", journal.toString()).exitCode);
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--format", "csv");
        assertEquals(3L * EVENTS, scan.out.lines().skip(1).count(), "everyone else's events");
    }

    private Path ingestThreeHoursBack() throws Exception {
        final StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        final long startMs = 1_700_000_000_000L;
        for (int i = 0; i < EVENTS; i++) {
            for (final String device : List.of("alice", "bob", "carol")) {
                final long ts = (startMs + 10L * i) * 1_000_000L;
                csv.append(device).append(',').append(ts).append(",move,").append(50 + i % 40).append(',')
                    .append(100 + i % 200).append(",,,,,,\r\n");
            }
        }
        final Path input = dir.resolve("in.csv");
        Files.writeString(input, csv);
        final Path journal = dir.resolve("j");
        final String threeHoursBack = Instant.now().minusSeconds(3 * 3_600).toString();
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "csv", "--wall-clock",
            threeHoursBack, input.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        return journal;
    }

    private static long appended(final BufferedReader lines) throws Exception {
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.startsWith("appended ")) {
                return Long.parseLong(line.substring(9));
            }
        }
        throw new AssertionError("the collector stopped");
    }

    /** Files under queue/, index/ and staging/ holding the bytes. */
    private static List<Path> holders(final Path journal, final byte[] bytes) throws Exception {
        try (Stream<Path> files = Files.walk(journal)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                final String rel = journal.relativize(p).toString();
                return rel.startsWith("queue") || rel.startsWith("index") || rel.startsWith("staging");
            }).filter(p -> contains(p, bytes)).collect(Collectors.toList());
        }
    }

    private static boolean contains(final Path file, final byte[] bytes) {
        try {
            final byte[] haystack = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + bytes.length <= haystack.length; i++) {
                for (int j = 0; j < bytes.length; j++) {
                    if (haystack[i + j] != bytes[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

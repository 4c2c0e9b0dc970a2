/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.Rejection;
import dev.spoor.ingest.RejectionKind;
import dev.spoor.ingest.format.mcap.McapTestFile;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real OWAMcap example ingested into a real journal under the default policy, every stored event compared
 * with the independent parse ({@link OwaMcapReference}, Jackson's tree model); no window title in any file of the
 * journal; cut and damaged copies named in the report, never an exception, and a cut file taken once finished.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OwaMcapIngestTest {
    private final RecordingFormat format = Formats.byName("owamcap");

    @TempDir
    Path tmp;

    private IngestReport ingest(final Path journalDir, final Path input) {
        try (Journal journal = Journal.open(journalDir, new JournalConfig())) {
            return Ingest.into(journal).format(format).threads(1).run(InputFiles.find(format, List.of(input)));
        }
    }

    private static List<String> stored(final Path journalDir) {
        try (Journal journal = Journal.openReadOnly(journalDir);
             Scanner scanner = new Scanner(journal)) {
            return scanner.stream(Scan.builder().build()).map(e -> key(e.deviceKey(), e.timestampNs(), e.type(),
                e.x(), e.y(), e.type().isPointer() ? e.buttons() : 0, e.wheelDx(), e.wheelDy(), e.key(),
                e.modifiers())).sorted().collect(Collectors.toList());
        }
    }

    /** The stored form of a reference event: key events as their key class, as the default policy keeps them. */
    private static List<String> expected(final List<Event> events) {
        final List<String> keys = new ArrayList<>();
        for (final Event e : events) {
            final boolean isKey = e.type() == EventType.KEY_DOWN || e.type() == EventType.KEY_UP;
            final boolean isWheel = e.type() == EventType.WHEEL;
            keys.add(key(e.device(), e.timestampNs(), e.type(), e.x(), e.y(), isKey || isWheel ? 0 : e.a(),
                isWheel ? e.a() : 0, isWheel ? e.b() : 0, isKey ? KeyClass.ofKeyCode(e.a()).code() : 0,
                isKey ? e.b() : 0));
        }
        keys.sort(null);
        return keys;
    }

    private static String key(final String device, final long ns, final EventType type, final int x, final int y,
        final int buttons, final int dx, final int dy, final int key, final int modifiers) {
        return device + " " + ns + " " + type + " " + x + "," + y + " b=" + buttons + " w=" + dx + "," + dy + " k="
            + key + " m=" + modifiers;
    }

    @Test
    void everyStoredEventIsTheIndependentParsesWithTheOtherTopicsCountedNotStored() throws IOException {
        final Path input = Files.createDirectories(tmp.resolve("in")).resolve("example.mcap");
        Files.copy(OwaMcapFormatTest.example(), input);
        final OwaMcapReference ref = OwaMcapReference.read(input);
        final Path journalDir = tmp.resolve("journal");

        final IngestReport report = ingest(journalDir, tmp.resolve("in"));
        assertEquals(241, report.eventsAppended());
        assertEquals(0, report.rejections().total(), report.rejections().first().toString());
        assertEquals(List.of(input + ": not stored, by design: keyboard/state 11, mouse/state 11, screen 590,"
            + " window 11 messages (screen frame references, window titles, key and button state snapshots)"),
            report.rejections().warnings());

        final List<String> stored = stored(journalDir);
        assertEquals(expected(ref.events), stored);
        final Map<String, Long> byType = new TreeMap<>();
        stored.forEach(s -> byType.merge(s.split(" ")[2], 1L, Long::sum));
        assertEquals(Map.of("MOVE", 203L, "BUTTON_DOWN", 3L, "BUTTON_UP", 3L, "KEY_DOWN", 17L, "KEY_UP", 15L),
            byType, "the README: move 203, click 6, press 17, release 15");
        assertTrue(stored.stream().anyMatch(s -> s.contains(" 1937,")), "x up to 1937 (the README), exact");
        assertTrue(stored.stream().filter(s -> s.contains("KEY_")).allMatch(s -> s.contains(" k=1 ")
            || s.contains(" k=" + KeyClass.MODIFIER.code() + " ") || s.contains(" k=" + KeyClass.OTHER.code() + " ")),
            "keys stored as classes (letters, ctrl, escape), never as the VK code: " + stored);

        assertTrue(ingest(journalDir, tmp.resolve("in")).isNothingToDo(), "a re-run stores nothing");
        assertEquals(expected(ref.events), stored(journalDir));
    }

    @Test
    void noWindowTitleNorMediaReferenceReachesAnyFileOfTheJournal() throws IOException {
        final Path input = tmp.resolve("example.mcap");
        Files.copy(OwaMcapFormatTest.example(), input);
        final OwaMcapReference ref = OwaMcapReference.read(input);
        final List<String> secrets = new ArrayList<>(ref.windowTitles);
        secrets.addAll(ref.mediaUris);
        secrets.removeIf(s -> s.length() < 4);
        assertEquals(11, ref.windowTitles.size());
        assertFalse(secrets.isEmpty(), "the example has window titles to look for");
        final Path journalDir = tmp.resolve("journal");
        assertEquals(241, ingest(journalDir, input).eventsAppended());

        final List<Path> files;
        try (Stream<Path> walk = Files.walk(journalDir)) {
            files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
        assertFalse(files.isEmpty());
        for (final Path file : files) {
            final byte[] bytes = Files.readAllBytes(file);
            for (final String secret : secrets.stream().distinct().collect(Collectors.toList())) {
                assertFalse(contains(bytes, secret.getBytes(StandardCharsets.UTF_8)),
                    file + " holds '" + secret + "'");
                assertFalse(contains(bytes, secret.getBytes(StandardCharsets.UTF_16LE)),
                    file + " holds '" + secret + "' (UTF-16)");
            }
        }
    }

    @Test
    void aCutFileIsReportedWithNothingStoredAndTakenWholeOnceFinished() throws IOException {
        final Path input = tmp.resolve("rec.mcap");
        final byte[] whole = Files.readAllBytes(OwaMcapFormatTest.example());
        Files.write(input, Arrays.copyOf(whole, 20_000));
        final Path journalDir = tmp.resolve("journal");

        final IngestReport cut = ingest(journalDir, input);
        assertEquals(0, cut.eventsAppended());
        assertEquals(1, cut.rejections().count(RejectionKind.INCOMPLETE_LAST_LINE));
        final Rejection named = cut.rejections().first().get(0);
        assertTrue(named.toString().contains(input.toString()) && named.toString().contains("offset 20000"),
            named.toString());

        Files.write(input, whole);
        final IngestReport finished = ingest(journalDir, input);
        assertEquals(241, finished.eventsAppended());
        assertEquals(0, finished.rejections().total());
        assertEquals(expected(OwaMcapReference.read(input).events), stored(journalDir));
    }

    @Test
    void aDamagedFileIsOneNamedRejectionAndTheRunGoesOn() throws IOException {
        final Path in = Files.createDirectories(tmp.resolve("in"));
        final byte[] bytes = Files.readAllBytes(OwaMcapFormatTest.example());
        Files.write(in.resolve("good.mcap"), bytes);
        final byte[] flipped = bytes.clone();
        flipped[10_000] ^= 0x40;
        Files.write(in.resolve("flipped.mcap"), flipped);
        final Path journalDir = tmp.resolve("journal");

        final IngestReport report = ingest(journalDir, in);
        assertEquals(241, report.eventsAppended(), "good.mcap whole, nothing of flipped.mcap's damaged chunk");
        assertEquals(1, report.rejections().total());
        final Rejection named = report.rejections().first().get(0);
        assertEquals(in.resolve("flipped.mcap"), named.file());
        assertEquals(RejectionKind.MALFORMED, named.kind());
        assertEquals("offset 62", named.value());
        assertEquals(List.of(in.resolve("flipped.mcap")), report.filesRefused(), "nothing of it could be stored");
        // Not recorded as ingested, as nothing of it is stored: each run names it again until it is replaced.
        final IngestReport again = ingest(journalDir, in);
        assertEquals(0, again.eventsAppended(), "good.mcap is not read again");
        assertEquals(1, again.filesAlreadyDone());
        assertEquals(List.of(in.resolve("flipped.mcap")), again.filesRefused());
    }

    @Test
    void aFileOfManyBatchesGoesInWholeAndOnce() throws IOException {
        final McapTestFile written = new McapTestFile().channel(1, 0, "mouse");
        final int moves = 2 * Ingest.BUFFER_EVENTS + 123;
        for (int i = 0; i < moves; i++) {
            if (i % 5_000 == 0) {
                written.startChunk();
            }
            written.message(1, 1_700_000_000_000_000_000L + 1_000L * i, "{\"event_type\":\"move\",\"x\":" + (i % 1920)
                + ",\"y\":" + (i % 1080) + "}");
            if (i % 5_000 == 4_999 || i == moves - 1) {
                written.endChunk(i % 2 == 0 ? "zstd" : "lz4", false);
            }
        }
        final Path input = tmp.resolve("many.mcap");
        Files.write(input, written.finish(false));
        final Path journalDir = tmp.resolve("journal");
        assertEquals(moves, ingest(journalDir, input).eventsAppended());
        assertTrue(ingest(journalDir, input).isNothingToDo());
        final List<String> stored = stored(journalDir);
        assertEquals(moves, stored.size());
        assertEquals(key("owa/many", 1_700_000_000_000_000_000L + 1_000L * (moves - 1), EventType.MOVE,
            (moves - 1) % 1920, (moves - 1) % 1080, 0, 0, 0, 0, 0), stored.get(moves - 1));
    }

    private static boolean contains(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.Journal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.ingest.format.AaltoFormat;
import dev.spoor.ingest.format.Formats;
import dev.spoor.query.export.ExportRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Re-runs of the same ingest: nothing twice, nothing lost, changed inputs refused, --strict appends nothing. */
class IngestTest {
    @TempDir
    Path tmp;

    private IngestReport ingest(final Path dir, final boolean isStrict, final boolean isForced,
        final List<Path> paths) {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            return Ingest.into(journal).format(Formats.byName("csv")).threads(2).strict(isStrict).force(isForced)
                .run(InputFiles.find(Formats.byName("csv"), paths));
        }
    }

    private List<String> threeFiles(final Path input) throws IOException {
        Files.createDirectories(input);
        final List<String> events = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            events.addAll(GeneratedCsv.write(input.resolve("part-" + f + ".csv"), "ws-" + f + "-", 4, 40_000, f));
        }
        return events;
    }

    @Test
    void aJournalThatKeepsKeyCodesRefusesKeyClasses() throws IOException {
        final Path file = Files.writeString(tmp.resolve("keys.jsonl"), ""
            + "{\"device\":\"kb\",\"ts_nanos\":1,\"type\":\"key_down\",\"key\":\"letter\"}\n"
            + "{\"device\":\"kb\",\"ts_nanos\":2,\"type\":\"key_down\",\"key\":66}\n");
        final JournalConfig codes = new JournalConfig()
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE));
        try (Journal journal = Journal.open(tmp.resolve("codes"), codes)) {
            final IngestReport report = Ingest.into(journal).format(Formats.byName("jsonl"))
                .run(List.of(file));
            assertEquals(1, report.eventsAppended(), report.toString());
            assertEquals(1, report.rejections().total(), report.toString());
        }
        try (Journal journal = Journal.open(tmp.resolve("classes"), new JournalConfig())) {
            final IngestReport report = Ingest.into(journal).format(Formats.byName("jsonl"))
                .run(List.of(file));
            assertEquals(2, report.eventsAppended(), "a class journal takes both: " + report);
        }
    }

    /** Options that change what a file's lines mean (here the unit of bare integer times) are kept per file. */
    @Test
    void aRerunThatWouldReadAFileAnotherWayIsRefusedUnlessForced() throws IOException {
        final Path file = Files.writeString(tmp.resolve("ms.jsonl"),
            "{\"device\":\"d\",\"ts_nanos\":1700000000000,\"type\":\"move\",\"x\":1,\"y\":2}\n");
        final Path dir = tmp.resolve("journal");
        final ParseOptions nanos = ParseOptions.defaults();
        final ParseOptions millis = nanos.withIntegerTimeUnit(TimeUnit.MILLISECONDS);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(1, Ingest.into(journal).format(Formats.byName("jsonl")).options(nanos).run(List.of(file))
                .eventsAppended());
            assertTrue(Ingest.into(journal).format(Formats.byName("jsonl")).options(nanos).run(List.of(file))
                .isNothingToDo(), "the same reading: nothing to do");
            final IngestException refused = assertThrows(IngestException.class,
                () -> Ingest.into(journal).format(Formats.byName("jsonl")).options(millis).run(List.of(file)));
            assertTrue(refused.getMessage().contains("ingested as 'jsonl ts-unit=ns', now 'jsonl ts-unit=ms'"),
                refused.getMessage());
            assertTrue(refused.getMessage().contains("--force"), refused.getMessage());

            final IngestReport forced = Ingest.into(journal).format(Formats.byName("jsonl")).options(millis)
                .force(true).run(List.of(file));
            assertEquals(1, forced.eventsAppended(), "read again the new way");
            assertTrue(Ingest.into(journal).format(Formats.byName("jsonl")).options(millis).run(List.of(file))
                .isNothingToDo(), "the new reading is kept");
        }
    }

    /** The report keeps the first few rejections; --rejections FILE gets every one, strict or not. */
    @Test
    void everyRejectionCanBeWrittenToAFileWhileTheReportKeepsTheFirstFew() throws IOException {
        final StringBuilder csv = new StringBuilder(String.join(",", ExportRow.COLUMNS)).append('\n');
        csv.append("ws-1,1000,move,1,2,,0,,,,\n");
        for (int i = 0; i < 30; i++) {
            csv.append("ws-1,").append(2000 + i).append(",move,1.5.").append(i).append(",2,,0,,,,\n");
        }
        csv.append("ws-1,9000,move,3,4,,0,,,,\n");
        final Path input = Files.writeString(tmp.resolve("bad.csv"), csv.toString());
        final Path listed = tmp.resolve("rejections.jsonl");
        try (Journal journal = Journal.open(tmp.resolve("j"), new JournalConfig())) {
            final IngestException strict = assertThrows(IngestException.class, () -> Ingest.into(journal)
                .format(Formats.byName("csv")).strict(true).rejectionsKept(5).rejectionsTo(listed)
                .run(List.of(input)));
            assertTrue(strict.getMessage().contains("30 line(s) rejected"), strict.getMessage());
            assertEquals(30, Files.readAllLines(listed).size(), "strict: every rejection listed");

            final IngestReport report = Ingest.into(journal).format(Formats.byName("csv")).rejectionsKept(5)
                .rejectionsTo(listed).run(List.of(input));
            assertEquals(2, report.eventsAppended());
            assertEquals(30, report.rejections().total());
            assertEquals(5, report.rejections().first().size(), "the report keeps the first 5");
        }
        final List<String> lines = Files.readAllLines(listed);
        assertEquals(30, lines.size(), "the file lists all 30, once");
        final JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(input.toString(), first.get("file").asText());
        assertEquals(3, first.get("line").asLong());
        assertEquals("MALFORMED", first.get("kind").asText());
        assertEquals("x", first.get("field").asText());
        assertEquals("1.5.0", first.get("value").asText());
        assertTrue(first.get("reason").asText().contains("is not a number"), lines.get(0));
        assertEquals(32, new ObjectMapper().readTree(lines.get(29)).get("line").asLong());
    }

    @Test
    void aRerunAfterSuccessStoresNothingAndSaysSo() throws IOException {
        final Path input = tmp.resolve("in");
        final List<String> events = threeFiles(input);
        final Path dir = tmp.resolve("journal");
        final IngestReport first = ingest(dir, false, false, List.of(input));
        assertEquals(events.size(), first.eventsAppended());
        assertEquals(0, first.rejections().total());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir));

        final IngestReport again = ingest(dir, false, false, List.of(input));
        assertTrue(again.isNothingToDo(), "every file was ingested whole before");
        assertEquals(0, again.eventsAppended());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir));
    }

    @Test
    void aFileThatGrewGivesOnlyItsNewLines() throws IOException {
        final Path input = tmp.resolve("in");
        final List<String> events = threeFiles(input);
        final Path dir = tmp.resolve("journal");
        ingest(dir, false, false, List.of(input));
        final Path grown = tmp.resolve("more.csv");
        final List<String> more = GeneratedCsv.write(grown, "ws-late-", 2, 1_000, 99);
        final List<String> lines = Files.readAllLines(grown);
        Files.write(input.resolve("part-1.csv"), lines.subList(1, lines.size()), StandardOpenOption.APPEND);
        events.addAll(more);

        final IngestReport report = ingest(dir, false, false, List.of(input));
        assertEquals(1, report.filesResumed());
        assertEquals(2, report.filesAlreadyDone());
        assertEquals(1_000, report.eventsAppended());
        assertEquals(40_000, report.eventsSkipped());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir));
    }

    @Test
    void aChangedFileIsRefusedWithNothingAppendedUnlessForced() throws IOException {
        final Path input = tmp.resolve("in");
        final List<String> events = threeFiles(input);
        final Path dir = tmp.resolve("journal");
        ingest(dir, false, false, List.of(input));
        final Path changed = input.resolve("part-2.csv");
        final byte[] bytes = Files.readAllBytes(changed);
        final int at = bytes.length / 2;
        bytes[at] = (byte)(bytes[at] == '7' ? '8' : '7');
        Files.write(changed, bytes);

        final IngestException refused = assertThrows(IngestException.class,
            () -> ingest(dir, false, false, List.of(input)));
        assertTrue(refused.getMessage().contains(changed.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir), "nothing appended");

        final IngestReport forced = ingest(dir, false, true, List.of(input));
        assertEquals(40_000, forced.eventsAppended(), "the changed file again, whole");
        assertEquals(events.size() + 40_000, GeneratedCsv.stored(dir).size());
        assertTrue(ingest(dir, false, false, List.of(input)).isNothingToDo());
    }

    @Test
    void anUnfinishedLastLineIsHeldBackUntilItIsFinished() throws IOException {
        final Path file = tmp.resolve("cut.csv");
        final String header = String.join(",", dev.spoor.query.export.ExportRow.COLUMNS) + "\n";
        final String first = "ws-1," + GeneratedCsv.START_NS + ",move,1000,500,,0,,,,\n";
        final long second = GeneratedCsv.START_NS + 1_000_000;
        Files.writeString(file, header + first + "ws-1," + second + ",move,1220,5", StandardCharsets.UTF_8);
        final Path dir = tmp.resolve("journal");

        final IngestReport cut = ingest(dir, false, false, List.of(file));
        assertEquals(1, cut.eventsAppended());
        assertEquals(1, cut.rejections().count(RejectionKind.INCOMPLETE_LAST_LINE));
        assertEquals(List.of(GeneratedCsv.key("ws-1", GeneratedCsv.START_NS, "MOVE", 1000, 500, 0, 0, 0)),
            GeneratedCsv.stored(dir));
        final IngestReport again = ingest(dir, false, false, List.of(file));
        assertTrue(again.isNothingToDo(), "still unfinished: nothing to do");
        assertEquals(1, again.rejections().count(RejectionKind.INCOMPLETE_LAST_LINE),
            "and the unfinished line is said again, not hidden by 'nothing to do'");
        assertEquals(cut.rejections().first().get(0).line(), again.rejections().first().get(0).line());

        Files.writeString(file, "60,,0,,,,\n", StandardOpenOption.APPEND);
        final IngestReport finished = ingest(dir, false, false, List.of(file));
        assertEquals(1, finished.eventsAppended());
        assertEquals(List.of(GeneratedCsv.key("ws-1", GeneratedCsv.START_NS, "MOVE", 1000, 500, 0, 0, 0),
            GeneratedCsv.key("ws-1", second, "MOVE", 1220, 560, 0, 0, 0)), GeneratedCsv.stored(dir));
    }

    @Test
    void strictStopsBeforeAnythingIsAppended() throws IOException {
        final Path input = tmp.resolve("in");
        threeFiles(input);
        Files.writeString(input.resolve("part-2.csv"), "ws-9,2300-01-01T00:00:00Z,move,1,2,,0,,,,\n",
            StandardOpenOption.APPEND);
        final Path dir = tmp.resolve("journal");
        final IngestException e = assertThrows(IngestException.class, () -> ingest(dir, true, false, List.of(input)));
        assertTrue(e.getMessage().contains("part-2.csv:40002"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was appended"), e.getMessage());
        assertEquals(List.of(), GeneratedCsv.stored(dir));

        final IngestReport lenient = ingest(dir, false, false, List.of(input));
        assertEquals(120_000, lenient.eventsAppended(), "the normal mode skips just that line");
        assertEquals(1, lenient.rejections().count(RejectionKind.TIMESTAMP_OUT_OF_RANGE));
    }

    @Test
    void aFileChangedOrCutSinceItWasIngestedIsRefusedSayingWhich() throws IOException {
        final String line = "{\"device\":\"d\",\"ts_nanos\":1700000000000,\"type\":\"move\",\"x\":1,\"y\":2}\n";
        final Path file = Files.writeString(tmp.resolve("changed.jsonl"), line + line.replace("\"x\":1", "\"x\":3"));
        final long size = Files.size(file);
        final Path dir = tmp.resolve("journal");
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(2, Ingest.into(journal).format(Formats.byName("jsonl")).run(List.of(file)).eventsAppended());
            Files.writeString(file, line + line.replace("\"x\":1", "\"x\":4"));
            final IngestException edited = assertThrows(IngestException.class,
                () -> Ingest.into(journal).format(Formats.byName("jsonl")).run(List.of(file)));
            assertTrue(edited.getMessage().contains(file + " (its first " + size + " bytes are not the ones ingested; 2"
                + " events of it are stored)"), edited.getMessage());
            Files.writeString(file, line + line.substring(0, line.length() - 2) + "\n");
            final IngestException cut = assertThrows(IngestException.class,
                () -> Ingest.into(journal).format(Formats.byName("jsonl")).run(List.of(file)));
            assertTrue(cut.getMessage().contains(file + " (it is " + (size - 1) + " bytes now, shorter than the " + size
                + " bytes ingested; 2 events of it are stored)"), cut.getMessage());
        }
    }

    @Test
    void aGrownFileOfAFormatThatSortsAcrossLinesIsRefusedNotResumed() throws IOException {
        final Path file = tmp.resolve("7_keystrokes.txt");
        final StringBuilder rows = new StringBuilder(AaltoFormat.HEADER_TEXT).append('\n');
        for (int i = 0; i < 10; i++) {
            rows.append("7\t1\ts\tu\t").append(i).append('\t').append(1_000_000 + i * 100).append('\t')
                .append(1_000_050 + i * 100).append("\ta\t65\n");
        }
        Files.writeString(file, rows);
        final Path dir = tmp.resolve("journal");
        final RecordingFormat aalto = Formats.byName("aalto");
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(20, Ingest.into(journal).format(aalto).run(List.of(file)).eventsAppended());
        }
        Files.writeString(file, "7\t1\ts\tu\t10\t999990\t2000000\ta\t65\n", StandardOpenOption.APPEND);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final IngestException e = assertThrows(IngestException.class,
                () -> Ingest.into(journal).format(aalto).run(List.of(file)));
            assertTrue(e.getMessage().contains(file + " (it grew, and its format sorts events across lines"),
                e.getMessage());
            assertEquals(22, Ingest.into(journal).format(aalto).force(true).run(List.of(file)).eventsAppended());
        }
    }

    /**
     * A file of a format read whole (events sorted across lines) that is still being written is left whole, nothing
     * of it stored, and taken whole once finished: each event once. Aalto with an unfinished last line, rrweb objects
     * one per line with one, and an rrweb JSON array the file ends inside of.
     */
    @Test
    void aFileReadWholeIsLeftWholeWhileItIsStillBeingWritten() throws IOException {
        final StringBuilder aaltoRows = new StringBuilder(AaltoFormat.HEADER_TEXT).append('\n');
        for (int i = 0; i < 10; i++) {
            aaltoRows.append("7\t1\ts\tu\t").append(i).append('\t').append(1_000_000 + i * 100).append('\t')
                .append(1_000_050 + i * 100).append("\ta\t65\n");
        }
        final String aalto = aaltoRows.toString();
        final String move = "{\"type\":3,\"data\":{\"source\":1,\"positions\":[{\"x\":%d,\"y\":1,\"timeOffset\":0}]},"
            + "\"timestamp\":%d}";
        final String lines = String.format(move, 1, 1_767_225_600_000L) + "\n" + String.format(move, 2,
            1_767_225_600_100L) + "\n";
        final String array = "[" + String.format(move, 1, 1_767_225_600_000L) + ",\n" + String.format(move, 2,
            1_767_225_600_100L) + "]";
        assertHeldUntilFinished("aalto", "7_keystrokes.txt", aalto, aalto.length() - 9, 20);
        assertHeldUntilFinished("rrweb", "lines.jsonl", lines, lines.length() - 30, 2);
        assertHeldUntilFinished("rrweb", "array.json", array, array.length() - 1, 2);
    }

    private void assertHeldUntilFinished(final String formatName, final String name, final String whole,
        final int cutAt, final long events) throws IOException {
        final Path file = tmp.resolve(name);
        Files.writeString(file, whole.substring(0, cutAt));
        final Path dir = tmp.resolve("journal-" + name);
        final RecordingFormat format = Formats.byName(formatName);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final IngestReport cut = Ingest.into(journal).format(format).run(List.of(file));
            assertEquals(0, cut.eventsAppended(), name + ": nothing of it while it is being written");
            assertEquals(1, cut.rejections().count(RejectionKind.INCOMPLETE_LAST_LINE), cut.rejections().first()
                .toString());
            assertTrue(cut.rejections().first().get(0).reason().contains("the first run after it is finished takes"
                + " it whole"), cut.rejections().first().toString());
            assertFalse(cut.isNothingToDo());
            final IngestReport same = Ingest.into(journal).format(format).run(List.of(file));
            assertEquals(0, same.eventsAppended(), name + ": still unfinished");
        }
        Files.writeString(file, whole);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final IngestReport finished = Ingest.into(journal).format(format).run(List.of(file));
            assertEquals(events, finished.eventsAppended(), name + " " + finished.rejections().first());
            assertEquals(0, finished.rejections().total(), finished.rejections().first().toString());
            assertTrue(Ingest.into(journal).format(format).run(List.of(file)).isNothingToDo());
            assertEquals(events, journal.stats().events(), name + ": each event once");
        }
    }

    /** A folder moved or a file copied after it was ingested is not stored again; nor are two copies in one run. */
    @Test
    void aCopyOfAFileStoredWholeIsSkippedWithAWarningUnlessForced() throws IOException {
        final Path input = tmp.resolve("in");
        final List<String> events = threeFiles(input);
        final Path dir = tmp.resolve("journal");
        ingest(dir, false, false, List.of(input));
        final Path moved = Files.createDirectories(tmp.resolve("archive"));
        for (int f = 0; f < 3; f++) {
            Files.move(input.resolve("part-" + f + ".csv"), moved.resolve("2026-part-" + f + ".csv"));
        }
        Files.copy(moved.resolve("2026-part-1.csv"), moved.resolve("2026-part-1 (copy).csv"));

        final IngestReport again = ingest(dir, false, false, List.of(moved));
        assertEquals(0, again.eventsAppended());
        assertTrue(again.isNothingToDo(), "all four files hold bytes stored whole before");
        assertEquals(4, again.rejections().warnings().size(), again.rejections().warnings().toString());
        assertTrue(again.rejections().warnings().stream().anyMatch(w -> w.contains("2026-part-1 (copy).csv")
            && w.contains("a file stored whole by an earlier run") && w.contains("--force")),
            again.rejections().warnings().toString());
        assertTrue(again.rejections().warnings().stream().noneMatch(w -> w.contains(input.toString())),
            "the ledger keeps no path to name: " + again.rejections().warnings());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir));

        final Path fresh = tmp.resolve("fresh");
        final IngestReport twice = ingest(fresh, false, false, List.of(moved));
        assertEquals(events.size(), twice.eventsAppended(), "the copy's twin is taken once");
        assertEquals(1, twice.filesAlreadyDone());
        assertTrue(twice.rejections().warnings().get(0).contains("of this run"), twice.rejections().warnings()
            .toString());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(fresh));

        final IngestReport forced = ingest(dir, false, true, List.of(moved.resolve("2026-part-1 (copy).csv")));
        assertEquals(40_000, forced.eventsAppended(), "--force stores the copy's events again");
    }

    @Test
    void aFileNamedTwiceIsReadOnce() throws IOException {
        final Path input = tmp.resolve("in");
        final List<String> events = threeFiles(input);
        final Path dir = tmp.resolve("journal");
        final IngestReport report = ingest(dir, false, false, List.of(input, input.resolve("part-0.csv"),
            tmp.resolve("in/../in/part-0.csv")));
        assertEquals(3, report.files());
        assertEquals(GeneratedCsv.sorted(events), GeneratedCsv.stored(dir));
        assertFalse(report.isNothingToDo());
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.Buttons;
import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventType;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalTailer;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The DuckTrack example recording (MIT, copied with its LICENSE to {@code src/test/resources/ducktrack-example}
 * from {@code ../shared/data/ducktrack-example}) through the pynput format into a real journal, every stored event
 * compared with an independent parse of the file: Jackson's tree model, times from the decimal text with
 * BigDecimal, coordinates checked to be whole multiples of 1/256 px, buttons held and key classes worked out here.
 */
class DuckTrackRecordingTest {
    /** The wall-clock time given for the first event. */
    private static final Instant START = Instant.parse("2023-10-20T15:19:53Z");
    private static final long START_NS = START.getEpochSecond() * 1_000_000_000L;
    private static final String DATASET = "ducktrack-example";
    private static final String DEVICE = DATASET;
    /** The recording's README: 13,401 events. */
    private static final Map<EventType, Long> README_COUNTS = new EnumMap<>(Map.of(EventType.MOVE, 13_163L,
        EventType.WHEEL, 140L, EventType.BUTTON_DOWN, 22L, EventType.BUTTON_UP, 22L, EventType.KEY_DOWN, 27L,
        EventType.KEY_UP, 27L));

    @TempDir
    Path tmp;

    /**
     * One event as the file says it should be stored.
     *
     * @param timestampNs epoch ns.
     * @param type        type.
     * @param x           x, 1/256 px.
     * @param y           y, 1/256 px.
     * @param a           buttons held, button, dx, or key class code.
     * @param b           dy, or modifiers.
     */
    record Expected(long timestampNs, EventType type, long x, long y, int a, int b) {
        long xWhole() {
            return Math.floorDiv(x, 256);
        }

        long yWhole() {
            return Math.floorDiv(y, 256);
        }

        int xFraction() {
            return Math.floorMod(x, 256);
        }

        int yFraction() {
            return Math.floorMod(y, 256);
        }
    }

    @Test
    void theTestCopyIsTheSharedRecordingByteForByte() throws IOException {
        assumeTrue(SharedData.isPresent(DATASET), SharedData.absentMessage(DATASET));
        for (final String name : List.of("events.jsonl", "metadata.json", "LICENSE")) {
            assertArrayEquals(Files.readAllBytes(SharedData.dataset(DATASET).resolve(name)),
                Files.readAllBytes(recording().resolve(name)), name);
        }
    }

    @Test
    void theReaderGivesEveryEventOfTheFileWithExactTimesAndCoordinates() throws IOException {
        final Path events = recording().resolve(PynputFormat.EVENTS_FILE);
        final List<Expected> expected = independentParse(events);
        final Reads reads = Reads.of(new PynputFormat(), events, ParseOptions.defaults().withStart(START), 4096,
            false);
        assertEquals(List.of(), reads.rejections());
        assertEquals(List.of(), reads.diagnostics.warnings);
        assertEquals(Files.size(events), reads.bytesCovered);
        assertEquals(expected.size(), reads.events.size());
        for (int i = 0; i < expected.size(); i++) {
            final Expected e = expected.get(i);
            final Event got = reads.events.get(i);
            final String context = "event " + i + " (line " + (i + 1) + "): " + e + " read as " + got;
            assertEquals(DEVICE, got.device(), context);
            assertEquals(e.timestampNs(), got.timestampNs(), context);
            assertEquals(e.type(), got.type(), context);
            if (isKey(e.type())) {
                assertEquals(KeyClass.fromCode(e.a()), KeyClass.ofKeyCode(got.a()), context);
                assertEquals(e.b(), got.b(), context);
            } else {
                assertEquals(List.of(e.x(), e.y()), reads.subpixels.get(i), context);
                assertEquals(e.a(), got.a(), context);
                assertEquals(e.b(), got.b(), context);
            }
        }
    }

    /**
     * Everything but the fractions of the coordinates, which {@link #everyStoredCoordinateKeepsItsFraction} checks.
     */
    @Test
    void everyStoredEventMatchesAnIndependentParseOfTheFile() throws IOException {
        final Path events = recording().resolve(PynputFormat.EVENTS_FILE);
        final List<Expected> expected = independentParse(events);
        assertEquals(README_COUNTS, counts(expected), "the independent parse agrees with the README");
        final EventBatch stored = ingestAndReadBack(tmp.resolve("journal"));
        assertEquals(expected.size(), stored.size());
        final Map<EventType, Long> storedCounts = new EnumMap<>(EventType.class);
        for (int i = 0; i < stored.size(); i++) {
            storedCounts.merge(stored.type(i), 1L, Long::sum);
            final Expected e = expected.get(i);
            final String context = "event " + i + " (line " + (i + 1) + "): " + e + ", stored " + stored.describe(i);
            assertEquals(e.timestampNs(), stored.timestampNs(i), context);
            assertEquals(e.type(), stored.type(i), context);
            switch (e.type()) {
                case KEY_DOWN:
                case KEY_UP:
                    assertEquals(e.a(), stored.key(i), context);
                    assertEquals(e.b(), stored.modifiers(i), context);
                    break;
                case WHEEL:
                    assertPointer(e, stored, i, context);
                    assertEquals(e.a(), stored.wheelDx(i), context);
                    assertEquals(e.b(), stored.wheelDy(i), context);
                    break;
                default:
                    assertPointer(e, stored, i, context);
                    assertEquals(e.a(), stored.buttons(i), context);
                    break;
            }
        }
        assertEquals(README_COUNTS, storedCounts, "stored events per type");
        assertEquals(START_NS, stored.timestampNs(0), "the first event is at --start");
    }

    /**
     * Needs the journal to store fractions (block format v2, {@code JournalWriter.appendSubPixel}) and ingest to
     * hand them on ({@code Ingest}); without either, every fractional coordinate reads back as its whole part (all
     * 13,347 pointer events of the file have one) and this fails.
     */
    @Test
    void everyStoredCoordinateKeepsItsFraction() throws IOException {
        final List<Expected> expected = independentParse(recording().resolve(PynputFormat.EVENTS_FILE));
        final EventBatch stored = ingestAndReadBack(tmp.resolve("journal"));
        assertEquals(expected.size(), stored.size());
        int wrong = 0;
        String first = null;
        for (int i = 0; i < stored.size(); i++) {
            final Expected e = expected.get(i);
            if (isKey(e.type())) {
                continue;
            }
            if (e.xFraction() != stored.xFraction(i) || e.yFraction() != stored.yFraction(i)
                || e.x() / 256.0 != stored.xPixels(i) || e.y() / 256.0 != stored.yPixels(i)) {
                wrong++;
                first = first != null ? first : "event " + i + ": expected x=" + e.x() / 256.0 + " y=" + e.y() / 256.0
                    + ", stored " + stored.describe(i) + " (x=" + stored.xPixels(i) + " y=" + stored.yPixels(i) + ")";
            }
        }
        assertEquals(0, wrong, "coordinates stored without their exact fraction; the first: " + first);
    }

    @Test
    void noTypedWordNorAnyHostOrHardwareFieldIsInAnyJournalFile() throws IOException {
        final Path recording = recording();
        final List<String> words = typedWords(recording.resolve(PynputFormat.EVENTS_FILE));
        assertEquals(List.of("wikipedia", "transformer", "model"), words, "the words the press names spell");
        final JsonNode metadata = new ObjectMapper().readTree(recording.resolve(PynputAnchor.METADATA).toFile());
        final List<String> host = List.of(metadata.get("node").asText(), metadata.get("id").asText(),
            metadata.get("model").asText(), metadata.get("version").asText());
        final Path dir = tmp.resolve("journal");
        ingestAndReadBack(dir);
        final List<Path> files = filesUnder(dir);
        assertTrue(files.size() > 3, "journal files: " + files);
        assertTrue(files.stream().anyMatch(f -> contains(f, DEVICE)),
            "the search works: the device key is in the device dictionary");
        for (final Path file : files) {
            for (final String word : words) {
                assertFalse(contains(file, word), file + " holds the typed word '" + word + "'");
                assertFalse(contains(file, word.toUpperCase(java.util.Locale.ROOT)), file + " holds '" + word + "'");
            }
            for (final String field : host) {
                assertFalse(contains(file, field), file + " holds the metadata value '" + field + "'");
            }
        }
    }

    /** A copy of the test resource in its own folder, named as the data set (the device key). */
    private Path recording() throws IOException {
        final Path folder = Files.createDirectories(tmp.resolve("recordings").resolve(DATASET));
        for (final String name : List.of("events.jsonl", "metadata.json", "LICENSE")) {
            final Path copy = folder.resolve(name);
            if (!Files.exists(copy)) {
                try (InputStream in = DuckTrackRecordingTest.class.getResourceAsStream("/" + DATASET + "/" + name)) {
                    assertTrue(in != null, "test resource " + DATASET + "/" + name);
                    Files.copy(in, copy);
                }
            }
        }
        return folder;
    }

    /** Ingests the recording folder into a new journal and reads every stored event back, in journal order. */
    private EventBatch ingestAndReadBack(final Path dir) throws IOException {
        final Path folder = recording();
        final PynputFormat format = new PynputFormat();
        final EventBatch all = new EventBatch(BlockLayout.MAX_EVENTS);
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final IngestReport report = Ingest.into(journal).format(format).threads(1)
                .options(ParseOptions.defaults().withStart(START)).run(InputFiles.find(format, List.of(folder)));
            assertEquals(0, report.rejections().total(), report.rejections().first().toString());
            assertEquals(List.of(), report.rejections().warnings());
            final long device = journal.devices().lookup(DEVICE);
            final BlockDecoder decoder = new BlockDecoder();
            final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
            try (JournalTailer tailer = journal.newTailer()) {
                while (tailer.poll((position, deviceId, buffer, offset, length) -> {
                    assertEquals(device, deviceId, "one recording folder, one device");
                    decoder.decode(buffer, offset, length, batch);
                    for (int i = 0; i < batch.size(); i++) {
                        all.addFrom(batch, i);
                    }
                    return true;
                }, 64) > 0) {
                    // until every sealed block is read
                }
            }
        }
        return all;
    }

    /** The file as Jackson's tree model reads it, turned into events here without the format's code. */
    private static List<Expected> independentParse(final Path events) throws IOException {
        final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        final List<Expected> expected = new ArrayList<>();
        BigDecimal first = null;
        int held = 0;
        for (final String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            final JsonNode node = mapper.readTree(line);
            final BigDecimal seconds = node.get("time_stamp").decimalValue();
            first = first == null ? seconds : first;
            final long ns = START_NS + seconds.subtract(first).movePointRight(9).longValueExact();
            final String action = node.get("action").asText();
            switch (action) {
                case "move":
                    expected.add(new Expected(ns, EventType.MOVE, subpixels(node, "x"), subpixels(node, "y"), held, 0));
                    break;
                case "click":
                    final int button = buttonOf(node.get("button").asText());
                    final boolean isDown = node.get("pressed").booleanValue();
                    held = isDown ? held | button : held & ~button;
                    expected.add(new Expected(ns, isDown ? EventType.BUTTON_DOWN : EventType.BUTTON_UP,
                        subpixels(node, "x"), subpixels(node, "y"), button, 0));
                    break;
                case "scroll":
                    expected.add(new Expected(ns, EventType.WHEEL, subpixels(node, "x"), subpixels(node, "y"),
                        node.get("dx").intValue(), node.get("dy").intValue()));
                    break;
                case "press":
                case "release":
                    expected.add(new Expected(ns, action.equals("press") ? EventType.KEY_DOWN : EventType.KEY_UP, 0, 0,
                        keyClassOf(node.get("name").asText()).code(), 0));
                    break;
                default:
                    throw new AssertionError("an action the README does not list: " + line);
            }
        }
        return expected;
    }

    /** x or y in 1/256 px; fails unless it is an exact multiple of 1/256 px, as the README says all are. */
    private static long subpixels(final JsonNode node, final String field) {
        return node.get(field).decimalValue().multiply(BigDecimal.valueOf(256)).stripTrailingZeros()
            .longValueExact();
    }

    private static int buttonOf(final String name) {
        switch (name) {
            case "left":
                return Buttons.LEFT;
            case "right":
                return Buttons.RIGHT;
            default:
                throw new AssertionError("a button the README does not list: " + name);
        }
    }

    /** The class of each key the recording names (no modifier is pressed in it). */
    private static KeyClass keyClassOf(final String name) {
        if (name.length() == 1 && Character.isLetter(name.charAt(0))) {
            return KeyClass.LETTER;
        }
        switch (name) {
            case "enter":
                return KeyClass.ENTER;
            case "space":
                return KeyClass.SPACE;
            default:
                throw new AssertionError("a key this test does not expect: " + name);
        }
    }

    /** The runs of single letters that the press names spell. */
    private static List<String> typedWords(final Path events) throws IOException {
        final ObjectMapper mapper = new ObjectMapper();
        final List<String> words = new ArrayList<>();
        final StringBuilder word = new StringBuilder();
        for (final String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            final JsonNode node = mapper.readTree(line);
            if (!node.get("action").asText().equals("press")) {
                continue;
            }
            final String name = node.get("name").asText();
            if (name.length() == 1 && Character.isLetter(name.charAt(0))) {
                word.append(name);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(final StringBuilder word, final List<String> words) {
        if (word.length() > 1) {
            words.add(word.toString());
        }
        word.setLength(0);
    }

    private static Map<EventType, Long> counts(final List<Expected> events) {
        return new EnumMap<>(events.stream().collect(Collectors.groupingBy(Expected::type, Collectors.counting())));
    }

    private static boolean isKey(final EventType type) {
        return type == EventType.KEY_DOWN || type == EventType.KEY_UP;
    }

    private static void assertPointer(final Expected e, final EventBatch stored, final int i, final String context) {
        assertEquals(e.xWhole(), stored.x(i), context);
        assertEquals(e.yWhole(), stored.y(i), context);
    }

    private static List<Path> filesUnder(final Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static boolean contains(final Path file, final String text) {
        try {
            final byte[] bytes = Files.readAllBytes(file);
            final byte[] pattern = text.getBytes(StandardCharsets.UTF_8);
            outer:
            for (int i = 0; i + pattern.length <= bytes.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (bytes[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.codec.EventType;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file of the shared real recordings (../shared/data, never copied into the project) through the
 * formats, checked against the counts their READMEs state and against the old readers' results, with no
 * rejection and no warning. Skipped with a message where the shared data is absent.
 */
class RealDataFormatsTest {
    private static final int BALABIT_SESSIONS = 252;
    private static final long BALABIT_ROWS = 716_791;
    private static final int BALABIT_SENTINEL_ROWS = 59;
    private static final int AALTO_PARTICIPANTS = 96;
    private static final long AALTO_ROWS = 70_550;

    @Test
    void everyBalabitSessionReadsAsTheReadmeSaysAndAsTheOldReaderDid() throws IOException {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        final RecordingFormat format = Formats.byName("balabit");
        final List<Path> files = files(SharedData.BALABIT, format);
        assertEquals(BALABIT_SESSIONS, files.size(), "sessions in the shared Balabit part (its README)");
        final Map<String, Long> rowsByUserAndPart = new TreeMap<>();
        long events = 0;
        long sentinels = 0;
        for (final Path file : files) {
            final Reads reads = Reads.of(format, file, ParseOptions.defaults(), 4096, false);
            assertEquals(List.of(), reads.rejections(), file.toString());
            assertEquals(List.of(), reads.diagnostics.warnings, file.toString());
            assertEquals(Files.size(file), reads.bytesCovered, file + ": every byte covered");
            assertEquals(BalabitSplitReference.read(file), reads.events, file.toString());
            events += reads.events.size();
            sentinels += reads.events.stream().filter(e -> e.x() == 65535 && e.y() == 65535).count();
            final String part = file.getParent().getParent().getFileName().toString();
            rowsByUserAndPart.merge(file.getParent().getFileName() + " " + part, (long)reads.events.size(), Long::sum);
        }
        assertEquals(BALABIT_ROWS, events, "data rows in the shared Balabit part (its README)");
        assertEquals(BALABIT_SENTINEL_ROWS, sentinels, "rows at the 65535,65535 sentinel (its README)");
        final Map<String, Long> readme = new TreeMap<>(Map.of(
            "user7 training_files", 83_091L, "user7 test_files", 135_319L,
            "user12 training_files", 62_609L, "user12 test_files", 77_057L,
            "user16 training_files", 53_816L, "user16 test_files", 84_273L,
            "user21 training_files", 70_829L, "user21 test_files", 40_365L,
            "user29 training_files", 62_258L, "user29 test_files", 47_174L));
        assertEquals(readme, rowsByUserAndPart, "rows per user and part (its README's table)");
    }

    @Test
    void everyAaltoParticipantReadsAsTheReadmeSaysInTheOldSortedOrder() throws IOException {
        assumeTrue(SharedData.isPresent(SharedData.AALTO), SharedData.absentMessage(SharedData.AALTO));
        final RecordingFormat format = Formats.byName("aalto");
        final List<Path> files = files(SharedData.AALTO, format);
        assertEquals(AALTO_PARTICIPANTS, files.size(), "participants in the shared Aalto part (its README)");
        long events = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<String> notUtf8 = new ArrayList<>();
        for (final Path file : files) {
            final Reads reads = Reads.of(format, file, ParseOptions.defaults(), 4096, false);
            assertEquals(List.of(), reads.rejections(), file.toString());
            assertEquals(Files.size(file), reads.bytesCovered, file + ": every byte covered");
            assertEquals(AaltoSortedReference.read(file), reads.events, file + ": the order of the old readers");
            final String participant = file.getFileName().toString().replace(AaltoFormat.FILE_SUFFIX, "");
            assertTrue(reads.events.stream().allMatch(e -> e.device().equals("aalto/" + participant)), file.toString());
            assertEquals(reads.events.size() / 2, reads.events.stream().filter(e -> e.type() == EventType.KEY_DOWN)
                .count(), file.toString());
            events += reads.events.size();
            for (final Event e : reads.events) {
                first = Math.min(first, e.timestampNs());
                last = Math.max(last, e.timestampNs());
            }
            if (!isUtf8(file)) {
                notUtf8.add(participant);
            }
        }
        assertEquals(2 * AALTO_ROWS, events, "two events per key press row (README: 70,550 rows)");
        assertEquals(List.of("2605", "4394", "6906"), notUtf8,
            "the files the README says are not UTF-8, read without a rejection as ISO-8859-1");
        assertEquals("2016-08-23T06:39:43", Timestamps.iso(first).substring(0, 19), "README: the time span");
        assertEquals("2016-08-24T03:22:42", Timestamps.iso(last).substring(0, 19), "README: the time span");
    }

    static List<Path> files(final String dataset, final RecordingFormat format) {
        return SharedData.files(SharedData.dataset(dataset), name -> format.accepts(Path.of(name)));
    }

    private static boolean isUtf8(final Path file) throws IOException {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)));
            return true;
        } catch (final CharacterCodingException e) {
            return false;
        }
    }
}

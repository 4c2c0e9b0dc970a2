/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.privacy.KeyClass;
import dev.spoor.query.export.ExportRow;
import dev.spoor.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code spoor ingest} of the shared recordings: one event per Balabit row and two per Aalto row, and a
 * scan of a session or participant gives back exactly its rows under the mapping, as the format reads the file
 * on its own ({@link FormatEvents}: no journal, no pipeline; ingest's RealDataFormatsTest checks those readers
 * against independent reference parsers on every shared file). Skipped, with the reason, when ../shared/data is
 * absent.
 */
class RealDataIngestTest {
    @TempDir
    Path dir;

    @Test
    void balabitSessionsComeBackRowForRow() throws Exception {
        assumeTrue(SharedData.isPresent(SharedData.BALABIT), SharedData.absentMessage(SharedData.BALABIT));
        final Path data = SharedData.dataset(SharedData.BALABIT);
        final List<Path> sessions = FormatEvents.files(data, "balabit");
        final long rows = sessions.stream().mapToLong(RealDataIngestTest::dataRows).sum();
        final Path journal = dir.resolve("balabit");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "balabit", data.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains(String.format("ingested %,d events from %,d files", rows, sessions.size())),
            ingest.out);
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        for (final Path session : List.of(sessions.get(0), sessions.get(sessions.size() / 2),
            sessions.get(sessions.size() - 1))) {
            final Rows expected = Rows.of(FormatEvents.read("balabit", session));
            final String key = session.getParent().getFileName() + "/" + session.getFileName();
            assertEquals(dataRows(session), expected.rows.size(), key + ": one event per row");
            assertEquals(expected.sortedCsv(UnaryOperator.identity()), scan(journal, key), key);
        }
    }

    @Test
    void aaltoParticipantsComeBackRowForRowAsKeyClasses() throws Exception {
        assumeTrue(SharedData.isPresent(SharedData.AALTO), SharedData.absentMessage(SharedData.AALTO));
        final Path data = SharedData.dataset(SharedData.AALTO);
        final List<Path> files = FormatEvents.files(data, "aalto");
        final long rows = files.stream().mapToLong(RealDataIngestTest::dataRows).sum();
        final Path journal = dir.resolve("aalto");
        final Cli ingest = Cli.run("ingest", "--journal", journal.toString(), "--format", "aalto", data.toString());
        assertEquals(0, ingest.exitCode, ingest.toString());
        assertTrue(ingest.out.contains(String.format("ingested %,d events from %,d files", 2 * rows, files.size())),
            ingest.out);
        assertTrue(ingest.out.contains("rejected 0 lines"), ingest.out);
        for (final Path file : List.of(files.get(0), files.get(files.size() - 1))) {
            final Rows expected = Rows.of(FormatEvents.read("aalto", file));
            assertEquals(2 * dataRows(file), expected.rows.size(), file + ": two events per row");
            final String csv = expected.sortedCsv(row -> {
                final String[] f = row.split(",", -1);
                f[9] = KeyClass.ofKeyCode(Integer.parseInt(f[9])).name().toLowerCase(Locale.ROOT);
                return String.join(",", f);
            });
            assertEquals(csv, scan(journal, expected.device), expected.device);
        }
    }

    private static String scan(final Path journal, final String device) {
        final Cli scan = Cli.run("scan", "--journal", journal.toString(), "--device", device);
        assertEquals(0, scan.exitCode, scan.toString());
        return scan.out.substring(scan.out.indexOf('\n') + 1);
    }

    private static long dataRows(final Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream().skip(1).filter(l -> !l.isEmpty())
                .count();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reader's events as the CSV rows scan writes, stably sorted by time. */
    private static final class Rows {
        final List<Object[]> rows = new ArrayList<>();
        String device;

        static Rows of(final List<FormatEvents.Event> events) {
            final Rows rows = new Rows();
            events.forEach(rows::add);
            return rows;
        }

        private void add(final FormatEvents.Event e) {
            assertTrue(device == null || device.equals(e.device()), "one device per file: " + device + ", " + e);
            device = e.device();
            final String a = Integer.toString(e.a());
            final String b = Integer.toString(e.b());
            switch (e.type()) {
                case MOVE:
                    add(e.timestampNs(), "move", e.x(), e.y(), "", names(e.a()), "", "", "", "");
                    break;
                case BUTTON_DOWN:
                    add(e.timestampNs(), "button_down", e.x(), e.y(), names(e.a()), "", "", "", "", "");
                    break;
                case BUTTON_UP:
                    add(e.timestampNs(), "button_up", e.x(), e.y(), names(e.a()), "", "", "", "", "");
                    break;
                case WHEEL:
                    add(e.timestampNs(), "wheel", e.x(), e.y(), "", "", a, b, "", "");
                    break;
                case KEY_DOWN:
                    add(e.timestampNs(), "key_down", null, null, "", "", "", "", a, b);
                    break;
                default:
                    add(e.timestampNs(), "key_up", null, null, "", "", "", "", a, b);
                    break;
            }
        }

        private static String names(final int mask) {
            return ExportRow.buttonNames(mask);
        }

        @SuppressWarnings("checkstyle:ParameterNumber")
        private void add(final long ts, final String type, final Integer x, final Integer y, final String button,
            final String buttons, final String dx, final String dy, final String key, final String modifiers) {
            rows.add(new Object[] {ts, String.join(",", device, Long.toString(ts), type, x == null ? "" : x.toString(),
                y == null ? "" : y.toString(), button, buttons, dx, dy, key, modifiers)});
        }

        String sortedCsv(final UnaryOperator<String> mapping) {
            final List<Object[]> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingLong(r -> (Long)r[0]));
            final StringBuilder csv = new StringBuilder();
            sorted.forEach(r -> csv.append(mapping.apply((String)r[1])).append("\r\n"));
            return csv.toString();
        }
    }
}

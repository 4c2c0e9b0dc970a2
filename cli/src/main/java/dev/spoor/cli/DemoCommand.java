/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.codec.EventType;
import dev.spoor.core.EventRows;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalStats;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.ledger.LedgerFile;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import dev.spoor.query.scan.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code spoor demo}: synthetic traffic from many workstations through the real writer, then a query,
 * sessions and a heatmap, with the figures a new user wants to see.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate human-like mouse and keyboard traffic for N devices, ingest it, query it, draw it.")
final class DemoCommand implements Callable<Integer> {
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final long MINUTE_NS = 60_000_000_000L;
    /** The tool the audit log names for this command (see {@code SpoorCli#execute}). */
    private static final String DEMO_TOOL = "spoor demo";

    @ParentCommand
    SpoorCli cli;

    @Option(names = "--dir", paramLabel = "DIR", description = "journal to create (default ./spoor-data/demo); an"
        + " earlier demo's journal there is replaced, any other journal is left as it is")
    Path dir = Path.of("spoor-data", "demo");

    @Option(names = "--devices", paramLabel = "N", description = "workstations (default 200)")
    int devices = 200;

    @Option(names = "--minutes", paramLabel = "M", description = "minutes of event time (default 60)")
    int minutes = 60;

    @Override
    public Integer call() {
        if (devices < 1 || devices > 100_000) {
            throw new IllegalArgumentException("--devices: " + devices + " must be in 1..100000");
        }
        if (minutes < 1 || minutes > 7 * 24 * 60) {
            throw new IllegalArgumentException("--minutes: " + minutes + " must be in 1..10080 (a week)");
        }
        prepareDirectory();
        final long startNs = START.getEpochSecond() * 1_000_000_000L;
        final long endNs = startNs + minutes * MINUTE_NS;
        final String[] keys = new String[devices];
        final String format = "ws-%0" + Integer.toString(devices - 1).length() + "d";
        for (int d = 0; d < devices; d++) {
            keys[d] = String.format(format, d);
        }
        cli.out.printf("Spoor demo: %d workstations, %d minutes of mouse and keyboard activity -> %s%n", devices,
            minutes, dir);
        final long started = System.nanoTime();
        final long[] ingested;
        final JournalStats stats;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            ingested = ingest(journal, keys, startNs, endNs);
            journal.writeIndex();
            stats = journal.stats();
        }
        final double seconds = (System.nanoTime() - started) / 1e9;
        final long events = ingested[0];
        cli.out.printf("%n  ingested       %,d events: %,.0f events/s through the writer (one thread, crash-safe"
            + " staging); %.2f s in all with generation%n", events, events / (ingested[1] / 1e9), seconds);
        cli.out.printf("  stored         %,d bytes in %,d blocks: %.2f bytes/event (a raw record is 17)%n",
            stats.blockBytes(), stats.blocks(), stats.bytesPerEvent());
        explore(keys[Math.min(7, devices - 1)], startNs, endNs);
        return 0;
    }

    /**
     * Generates traffic in chunks and appends each chunk, timing the appends alone.
     *
     * @return events and nanoseconds spent appending.
     */
    private long[] ingest(final Journal journal, final String[] keys, final long startNs, final long endNs) {
        final long[] ids = new long[keys.length];
        final DemoTraffic[] traffic = new DemoTraffic[keys.length];
        final PriorityQueue<Integer> next = new PriorityQueue<>(Comparator.comparingLong(d -> traffic[d].nextTs()));
        for (int d = 0; d < keys.length; d++) {
            ids[d] = journal.devices().register(keys[d]);
            traffic[d] = new DemoTraffic(1_000L + d, startNs);
            next.add(d);
        }
        final Chunk chunk = new Chunk(1 << 18);
        long events = 0;
        long appendNs = 0;
        try (JournalWriter writer = journal.newWriter();
             Progress progress = Progress.start(cli, "demo", (long)keys.length * minutes * 1_400, "events")) {
            while (!next.isEmpty()) {
                chunk.rows.truncate(0);
                while (!chunk.isFull() && !next.isEmpty()) {
                    final int d = next.poll();
                    if (traffic[d].nextTs() < endNs) {
                        chunk.device = d;
                        traffic[d].emit(chunk);
                        next.add(d);
                    }
                }
                final long t0 = System.nanoTime();
                chunk.appendTo(writer, ids);
                appendNs += System.nanoTime() - t0;
                events += chunk.rows.size();
                progress.stepTo(events);
            }
            progress.maxHint(events);
            final long t0 = System.nanoTime();
            writer.flush();
            appendNs += System.nanoTime() - t0;
        }
        return new long[] {events, appendNs};
    }

    /** Generated events waiting to be appended, one chunk at a time. */
    private static final class Chunk implements DemoTraffic.Sink {
        final EventRows rows;
        final int capacity;
        /** Device number of the events {@link #event} receives next. */
        int device;

        Chunk(final int capacity) {
            this.capacity = capacity;
            rows = new EventRows(capacity);
        }

        boolean isFull() {
            return rows.size() == capacity;
        }

        @Override
        public void event(final long time, final EventType eventType, final int px, final int py,
            final int first, final int second) {
            rows.add(device, time, eventType.code(), px, py, first, second);
        }

        void appendTo(final JournalWriter writer, final long[] deviceIds) {
            for (int i = 0; i < rows.size(); i++) {
                rows.appendTo(writer, deviceIds, i);
            }
        }
    }

    private void explore(final String device, final long startNs, final long endNs) {
        final long from = startNs + (endNs - startNs) / 6;
        final long to = from + (endNs - startNs) / 2;
        try (Journal journal = Journal.openReadOnly(dir); Scanner scanner = new Scanner(journal)) {
            final Scan scan = Scan.builder().deviceKeys(device).from(from).to(to).build();
            final long[] nanos = new long[31];
            ScanStats stats = null;
            for (int run = 0; run < nanos.length; run++) {
                final long t0 = System.nanoTime();
                stats = scanner.scan(scan, e -> { });
                nanos[run] = System.nanoTime() - t0;
            }
            final long first = nanos[0];
            Arrays.sort(nanos, 1, nanos.length);
            cli.out.printf("  query          device %s, %s .. %s: %,d events from %d of %,d blocks;"
                + " %.2f ms first run, %.2f ms median of 30 more%n", device, Times.iso(from), Times.iso(to),
                stats.eventsReturned(), stats.blocksRead(), journal.stats().blocks(), first / 1e6,
                nanos[nanos.length / 2] / 1e6);
            final List<Session> sessions = ActivityReport.run(scanner, Scan.builder().deviceKeys(device).build(),
                ActivityReport.Settings.defaults()).sessions();
            cli.out.printf("  sessions       %d for %s (idle gap 30 min):%n", sessions.size(), device);
            for (final Session s : sessions.subList(0, Math.min(5, sessions.size()))) {
                cli.out.printf("                 %s .. %s  %5.1f min, active %5.1f min, %,d moves, %,d clicks,"
                    + " %,d keys, %,.0f px travelled%n", Times.iso(s.startNs()), Times.iso(s.endNs()),
                    s.durationNs() / 6e10, s.activeNs() / 6e10, s.activity().moves(), s.activity().clicks(),
                    s.activity().keys(), s.activity().pathPixels());
            }
            // Beside the journal, not in it: nothing but the journal's own files goes in its folder.
            final Path journalDir = dir.toAbsolutePath().normalize();
            final Path png = journalDir.resolveSibling(journalDir.getFileName() + "-heatmap-" + device + ".png");
            final Heatmap.Result heatmap = Heatmap.render(scanner, Scan.builder().deviceKeys(device),
                "Pointer density: " + device
                + ", " + Times.iso(startNs) + " to " + Times.iso(endNs), png, 1200, 760);
            cli.out.printf("  heatmap        %s (%,d positions, %,d clicks)%n", png,
                heatmap.positions(), heatmap.clicks());
        }
        cli.out.printf("%nTry next:%n  ./spoor stats --journal %s%n  ./spoor scan --journal %s --device %s --from %s"
            + " --to %s | head%n  ./spoor sessions --journal %s --device %s%n  ./spoor export --journal %s --out"
            + " demo.parquet%n  ./spoor verify --journal %s%n", dir, dir, device, Times.iso(from),
            Times.iso(from + 60_000_000_000L), dir, device, dir, dir);
    }

    private void prepareDirectory() {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("--dir: " + dir + " is a file, not a folder");
        }
        if (!Journal.isJournal(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new CliException("--dir: " + dir + " holds files that are not a Spoor journal;"
                        + " choose another folder");
                }
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
            }
            return;
        }
        final String notDemo = whyNotAnEarlierDemo(dir);
        if (notDemo != null) {
            throw new CliException("--dir: " + dir + " holds a Spoor journal that is " + notDemo + "; the demo"
                + " replaces only a journal it wrote itself, so this one is left as it is: choose another folder");
        }
        try {
            Journal.delete(dir);
        } catch (final JournalException e) {
            throw new CliException("--dir: cannot replace the earlier demo journal: " + e.getMessage());
        }
    }

    /**
     * @return null when dir is a journal an earlier demo wrote and nothing else added to (its audit log opens with
     *         the demo's policy, it holds no ingest ledger), else what it is instead.
     */
    private static String whyNotAnEarlierDemo(final Path dir) {
        if (Files.exists(dir.resolve(LedgerFile.FILE_NAME))) {
            return "not a demo's (files were ingested into it)";
        }
        final List<AuditEntry> audit;
        try (Journal journal = Journal.openReadOnly(dir)) {
            audit = journal.governance().auditLog();
        } catch (final RuntimeException e) {
            return "not readable as a demo's (" + e.getMessage() + ")";
        }
        if (audit.isEmpty() || !DEMO_TOOL.equals(audit.get(0).tool())) {
            return "not a demo's (" + (audit.isEmpty() ? "its audit log is empty"
                : "its audit log opens with " + audit.get(0)) + ")";
        }
        return null;
    }
}

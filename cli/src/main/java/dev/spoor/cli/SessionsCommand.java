/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.core.Journal;
import dev.spoor.query.export.CsvWriter;
import dev.spoor.query.report.Activity;
import dev.spoor.query.report.ActivityReport;
import dev.spoor.query.report.Session;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code spoor sessions}: each device's sessions, split at idle gaps. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
    description = {"Sessions per device (split at idle gaps over --gap): start, end, counts, path, active time.",
        "With --from/--to, the sessions of the events in that range: a session crossing an end is cut there."})
final class SessionsCommand implements Callable<Integer> {
    static final String[] COLUMNS = {"device", "start", "end", "duration_s", "active_s", "events", "moves", "clicks",
        "keys", "wheels", "path_px"};

    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    /** --device, --from, --to: sessions of the events in the range (a session crossing an end is cut there). */
    @Mixin
    DeviceTimeFilters range = new DeviceTimeFilters();

    @Mixin
    DamageOption damage = new DamageOption();

    @Option(names = "--gap", paramLabel = "DURATION", description = "idle gap that ends a session (default 30m)")
    String gap = "30m";

    @Option(names = "--format", paramLabel = "table|csv|jsonl", description = "output format (default table)")
    String format = "table";

    @Override
    public Integer call() {
        final long gapNs = Times.durationNs("--gap", gap);
        if (!List.of("table", "csv", "jsonl").contains(format)) {
            throw new IllegalArgumentException("--format: '" + format + "' is not a format (table, csv, jsonl)");
        }
        final Scan.Builder scan = damage.apply(range.builder());
        final ActivityReport.Settings defaults = ActivityReport.Settings.defaults();
        final List<Session> sessions;
        try (Journal j = journal.openReadOnly(); Scanner scanner = new Scanner(j)) {
            KnownDevices.check(j, range.devices);
            damage.warnOfDamagedCycles(cli, j);
            final ActivityReport report = ActivityReport.run(scanner, scan.build(),
                new ActivityReport.Settings(gapNs, defaults.activeGapNs(), defaults.bucketNs()));
            sessions = report.sessions();
            DamageOption.warnOfSkippedBlocks(cli, report.stats());
        }
        final List<Session> byKey = new ArrayList<>(sessions);
        byKey.sort(Comparator.comparing(SessionsCommand::device).thenComparingLong(Session::startNs));
        print(byKey);
        return 0;
    }

    private void print(final List<Session> sessions) {
        if ("jsonl".equals(format)) {
            for (final Session s : sessions) {
                cli.out.println(json(s));
            }
        } else if ("csv".equals(format)) {
            printCsv(sessions);
        } else {
            printTable(sessions);
        }
    }

    private void printTable(final List<Session> sessions) {
        cli.out.printf("%-28s %-24s %-24s %10s %9s %8s %8s %6s %6s %6s %10s%n", (Object[])COLUMNS);
        for (final Session s : sessions) {
            cli.out.printf(Locale.ROOT, "%-28s %-24s %-24s %10.1f %9.1f %8d %8d %6d %6d %6d %10.0f%n", device(s),
                Times.iso(s.startNs()), Times.iso(s.endNs()), s.durationNs() / 1e9, s.activeNs() / 1e9,
                s.activity().events(), s.activity().moves(), s.activity().clicks(), s.activity().keys(),
                s.activity().wheels(), s.activity().pathPixels());
        }
        cli.out.println(sessions.size() + (sessions.size() == 1 ? " session" : " sessions"));
    }

    /** Through the project's one CSV writer, so a device key with a comma, quote or line break stays one field. */
    private void printCsv(final List<Session> sessions) {
        final Writer text = new OutputStreamWriter(cli.out, StandardCharsets.UTF_8);
        final CsvWriter csv = new CsvWriter(text);
        try {
            csv.row(COLUMNS);
            for (final Session s : sessions) {
                final Activity a = s.activity();
                csv.field(device(s)).field(Times.iso(s.startNs())).field(Times.iso(s.endNs()))
                    .field(decimal(s.durationNs() / 1e9, 3)).field(decimal(s.activeNs() / 1e9, 3)).field(a.events())
                    .field(a.moves()).field(a.clicks()).field(a.keys()).field(a.wheels())
                    .field(decimal(a.pathPixels(), 1)).endRow();
            }
            csv.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write standard output: " + e.getMessage(), e);
        }
    }

    /** A decimal point whatever the default locale: a decimal comma would split the field in two. */
    private static String decimal(final double value, final int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    private static String device(final Session s) {
        return s.deviceKey() != null ? s.deviceKey() : String.format("%016x", s.deviceId());
    }

    private static String json(final Session s) {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("device", device(s));
            json.writeNumberField("start_ns", s.startNs());
            json.writeNumberField("end_ns", s.endNs());
            json.writeNumberField("duration_s", s.durationNs() / 1e9);
            json.writeNumberField("active_s", s.activeNs() / 1e9);
            json.writeNumberField("events", s.activity().events());
            json.writeNumberField("moves", s.activity().moves());
            json.writeNumberField("clicks", s.activity().clicks());
            json.writeNumberField("keys", s.activity().keys());
            json.writeNumberField("wheels", s.activity().wheels());
            json.writeNumberField("path_px", s.activity().pathPixels());
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

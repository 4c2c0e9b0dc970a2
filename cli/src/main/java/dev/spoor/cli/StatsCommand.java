/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.privacy.PolicyVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code spoor stats}: what a journal holds and what it costs on disk. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Events, blocks, devices, cycles, time span, bytes written and on disk, index bytes, bytes/event.",
        "Read from the index, nothing decoded: a block partly erased counts whole until `spoor compact`, and a damaged"
            + " block is not found here (`spoor verify` reads every block)."})
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Option(names = "--json", description = "print one JSON object")
    boolean isJson;

    @Override
    public Integer call() {
        final StatsReport s;
        final PolicyVersion policy;
        final List<String> damage = new ArrayList<>();
        final String staged;
        try (Journal j = journal.openReadOnly()) {
            s = StatsReport.of(j);
            policy = j.policyVersion();
            j.damage().forEach(d -> damage.add(d.describe()));
            staged = staged(j);
        }
        if (isJson) {
            cli.out.println(json(s, policy, damage));
            return 0;
        }
        for (final String d : damage) {
            cli.out.println("damaged         " + d);
        }
        if (!damage.isEmpty()) {
            cli.out.println("                (counts below: what can still be read; `spoor repair` keeps it)");
        }
        cli.out.printf("events          %,d%n", s.events());
        cli.out.printf("blocks          %,d%n", s.blocks());
        cli.out.printf("devices         %,d%n", s.devices());
        cli.out.printf("cycles          %,d%n", s.cycles());
        cli.out.printf("time span       %s .. %s%n", s.blocks() == 0 ? "-" : Times.iso(s.minTs()),
            s.blocks() == 0 ? "-" : Times.iso(s.maxTs()));
        cli.out.printf("journal bytes   %,d (blocks as written)%n", s.journalBytes());
        cli.out.printf("disk bytes      %,d (allocated, all files)%n", s.diskBytes());
        cli.out.printf("index bytes     %,d%n", s.indexBytes());
        cli.out.printf("bytes/event     %.3f%n", s.bytesPerEvent());
        cli.out.printf("privacy policy  v%d: %s%n", policy.version(), policy.policy().describe());
        if (staged != null) {
            cli.out.println("staged          " + staged);
        }
        return 0;
    }

    /** @return a line on the events staged but not sealed (not in the counts above), or null when there are none. */
    static String staged(final Journal j) {
        try {
            final long events = j.stagedEvents();
            return events == 0 ? null : String.format("%,d events appended but not sealed yet, not in the counts"
                + " above: a running writer's, or a killed one's, which the next open for writing seals (an ingest,"
                + " `spoor repair`)", events);
        } catch (final JournalException e) {
            return "unknown: " + e.getMessage();
        }
    }

    static String json(final StatsReport s, final PolicyVersion policy) {
        return json(s, policy, List.of());
    }

    static String json(final StatsReport s, final PolicyVersion policy, final List<String> damage) {
        final StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartObject();
            json.writeNumberField("events", s.events());
            json.writeNumberField("blocks", s.blocks());
            json.writeNumberField("devices", s.devices());
            json.writeNumberField("cycles", s.cycles());
            json.writeNumberField("journalBytes", s.journalBytes());
            json.writeNumberField("diskBytes", s.diskBytes());
            json.writeNumberField("indexBytes", s.indexBytes());
            json.writeNumberField("bytesPerEvent", s.bytesPerEvent());
            json.writeNumberField("minTs", s.minTs());
            json.writeNumberField("maxTs", s.maxTs());
            json.writeNumberField("policyVersion", policy.version());
            json.writeStringField("keystrokes", policy.policy().keystrokes().name().toLowerCase(Locale.ROOT));
            json.writeStringField("consent", policy.policy().hasConsentList()
                ? Integer.toString(policy.policy().consentListSize()) : "all");
            json.writeArrayFieldStart("damaged");
            for (final String d : damage) {
                json.writeString(d);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}

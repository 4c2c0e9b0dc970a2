/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.ingest.format.Formats;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM's ingest, as a collector host or the CLI runs it: {@code <journal> <threads> <input>...}; prints
 * {@code batch <events appended>} after every batch and {@code appended <events> skipped <events> done <files>}
 * when it finishes.
 */
public final class IngestChildMain {
    private IngestChildMain() {
    }

    public static void main(final String[] args) {
        final Path dir = Path.of(args[0]);
        final int threads = Integer.parseInt(args[1]);
        final List<Path> inputs = List.of(args).subList(2, args.length).stream().map(Path::of).toList();
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final RecordingFormat csv = Formats.byName("csv");
            final IngestReport report = Ingest.into(journal).format(csv).threads(threads)
                .listener((bytesDone, bytesTotal, events) -> System.out.println("batch " + events))
                .run(InputFiles.find(csv, inputs));
            System.out.println("appended " + report.eventsAppended() + " skipped " + report.eventsSkipped()
                + " done " + report.filesAlreadyDone());
        }
    }
}

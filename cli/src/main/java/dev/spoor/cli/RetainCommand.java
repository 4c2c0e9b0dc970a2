/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.governance.RetentionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code spoor retain}: delete whole roll cycles older than the limit, beside a running collector too. */
@Command(name = "retain", mixinStandardHelpOptions = true,
    description = "Delete whole roll cycles older than --keep (the current cycle never), with their index entries.")
final class RetainCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Option(names = "--keep", required = true, paramLabel = "DURATION", description = "how long to keep: 30d, 12h")
    String keep;

    @Override
    public Integer call() {
        final long keepMs = Times.durationNs("--keep", keep) / 1_000_000L;
        try (Journal j = journal.openReadOnly()) {
            final RetentionReport report = j.governance().retain(Math.max(1, keepMs));
            // The cut-off, not a file: the first cycle kept may have no file (nothing was written in it).
            cli.out.printf("deleted %d cycle files (%,d blocks, %,d events, %,d bytes); cycles written from %s on are"
                + " kept (cycle %d on)%n", report.cyclesDeleted(), report.blocksDeleted(), report.eventsDeleted(),
                report.bytesFreed(), Instant.ofEpochMilli(report.firstKeptCycle() * j.config().rollPeriod()
                .lengthMs()), report.firstKeptCycle());
        }
        return 0;
    }
}

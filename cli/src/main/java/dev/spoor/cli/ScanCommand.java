/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.Journal;
import dev.spoor.core.OutputFile;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.export.LineageManifest;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.ScanStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code spoor scan}: events as CSV or JSONL, per device in time order. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    description = "Print events as CSV (device,ts_nanos,type,x,y,button,buttons,dx,dy,key,modifiers) or JSONL.")
final class ScanCommand implements Callable<Integer> {
    @ParentCommand
    SpoorCli cli;

    @Mixin
    JournalOption journal;

    @Mixin
    ScanFilters filters;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "output format (default csv)")
    String format = "csv";

    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;

    @Override
    public Integer call() {
        final ExportFormat exportFormat = TextFormats.parse("--format", format);
        try (Journal j = journal.openReadOnly()) {
            KnownDevices.check(j, filters.range.devices);
            filters.damage.warnOfDamagedCycles(cli, j);
            if (out == null) {
                final OutputStream stdout = new BufferedOutputStream(cli.out, 1 << 16);
                final ScanStats stats = new Exporter(j).write(filters.builder().build(), stdout, exportFormat,
                    rows -> { });
                stdout.flush();
                DamageOption.warnOfSkippedBlocks(cli, stats);
                return 0;
            }
            final Path target = OutputFile.target(out, "--out", List.of());
            // A FIFO or a device is written in place. A file is written beside it and moved over it once whole: a
            // scan that fails leaves an earlier file as it was.
            final boolean isStream = OutputFile.isStream(target);
            final Path partial = isStream ? target : target.resolveSibling(target.getFileName() + ".partial");
            final ScanStats stats;
            final Scan scan = filters.builder().build();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                 Progress progress = Progress.forScan(cli, "scan", j, scan)) {
                stats = new Exporter(j).write(scan, file, exportFormat, progress::stepTo);
                progress.finish(stats.eventsReturned());
            } catch (final IOException | RuntimeException | Error e) {
                if (!isStream) {
                    Files.deleteIfExists(partial);
                }
                throw e;
            }
            final boolean isReplacing = !isStream && Files.exists(target);
            if (!isStream) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            // An export's manifest beside the file would describe rows that are no longer there.
            final Path staleManifest = target.resolveSibling(target.getFileName() + LineageManifest.SUFFIX);
            final boolean isManifestRemoved = !isStream && Files.deleteIfExists(staleManifest);
            cli.err.println("wrote " + stats.eventsReturned() + " events to " + out + " (" + stats.blocksRead()
                + " blocks read" + (isReplacing ? "; replacing the file there" : "") + ")");
            if (isManifestRemoved) {
                cli.err.println("removed " + staleManifest + ": it described the export this scan"
                    + " replaced (scan writes no manifest; `spoor export` does)");
            }
            DamageOption.warnOfSkippedBlocks(cli, stats);
            return 0;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write " + (out == null ? "standard output" : out) + ": "
                + e.getMessage(), e);
        }
    }
}

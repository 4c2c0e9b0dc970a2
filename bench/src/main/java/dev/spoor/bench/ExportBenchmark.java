/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.parquet.ParquetExporter;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.scan.Scan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Export throughput, rows/s: a journal of 1 Mi synthetic mouse events from 100 devices written to CSV,
 * JSONL or Parquet (zstd) with its lineage manifest (SHA-256 included), per invocation.
 * <pre>
 *   bench/jmh ExportBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class ExportBenchmark {
    static final int EVENTS = 1 << 20;

    /** The journal and an output folder. */
    @State(Scope.Benchmark)
    public static class Data {
        @Param({"csv", "jsonl", "parquet"})
        String format;

        Path dir;
        Journal journal;

        /** Writes the journal. */
        @Setup(Level.Trial)
        public void write() throws IOException {
            dir = Files.createTempDirectory("spoor-export-bench");
            final SyntheticMouse mouse = new SyntheticMouse(EVENTS, 100, 9);
            try (Journal j = Journal.open(dir.resolve("journal"), new JournalConfig());
                 JournalWriter writer = j.newWriter()) {
                for (int i = 0; i < EVENTS; i++) {
                    writer.move(mouse.device[i], mouse.timestampNs[i], mouse.x[i], mouse.y[i], 0);
                }
            }
            journal = Journal.openReadOnly(dir.resolve("journal"));
        }

        /** Deletes everything. */
        @TearDown(Level.Trial)
        public void delete() {
            journal.close();
            Cleanup.delete(dir);
        }
    }

    /** Exports the journal in the format of the run's parameter; rows/s. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long export(final Data data) {
        final Scan scan = Scan.builder().build();
        final Path out = data.dir.resolve("out." + data.format);
        switch (data.format) {
            case "parquet":
                return new ParquetExporter(data.journal).export(scan, out, rows -> { }).rows();
            case "jsonl":
                return new Exporter(data.journal).export(scan, out, ExportFormat.JSONL, rows -> { }).rows();
            default:
                return new Exporter(data.journal).export(scan, out, ExportFormat.CSV, rows -> { }).rows();
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.RejectionLog;
import dev.spoor.ingest.SourceReader;
import dev.spoor.ingest.format.Formats;
import dev.spoor.query.export.ExportRow;
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

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Parsing alone, one thread: lines/s of one generated file (the rows {@link IngestThroughputReport} writes: mouse
 * moves and wheel notches of 64 devices, as {@code spoor scan --format csv|jsonl} prints them) read into a reused
 * {@link EventBuffer}, nothing written. With {@code -prof gc} it shows what a line allocates: the CSV reader keeps
 * fields as characters, so a row of integers and known names allocates nothing; the JSONL reader's fast path
 * allocates fastjson2's reader, one a line (about 129 B).
 * <pre>
 *   bench/jmh IngestParseBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IngestParseBenchmark {
    static final int LINES = 200_000;

    /** One generated file per format. */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"csv", "jsonl"})
        String format;

        Path dir;
        Path file;
        RecordingFormat recording;
        final EventBuffer buffer = new EventBuffer(Ingest.BUFFER_EVENTS);

        /** Writes the file. */
        @Setup(Level.Trial)
        public void write() throws IOException {
            dir = Files.createTempDirectory("spoor-parse-bench");
            file = dir.resolve("events." + format);
            recording = Formats.byName(format);
            final SplittableRandom random = new SplittableRandom(42);
            final long[] ts = new long[IngestThroughputReport.DEVICES];
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (format.equals("csv")) {
                    out.write(String.join(",", ExportRow.COLUMNS));
                    out.write('\n');
                }
                for (int i = 0; i < LINES; i++) {
                    final int d = random.nextInt(IngestThroughputReport.DEVICES);
                    ts[d] += 1_000_000L + random.nextInt(15_000_000);
                    out.write(IngestThroughputReport.line(format, "ws-" + d, IngestThroughputReport.START_NS + ts[d],
                        random));
                }
            }
        }

        /** Deletes the file. */
        @TearDown(Level.Trial)
        public void delete() {
            Cleanup.delete(dir);
        }
    }

    /**
     * Reads the whole file.
     *
     * @param input the file.
     * @return events read.
     * @throws IOException when the file cannot be read.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long parse(final Input input) throws IOException {
        long events = 0;
        try (SourceReader reader = input.recording.open(input.file, ParseOptions.defaults(), new RejectionLog(1))) {
            for (int n = reader.read(input.buffer); n > 0; n = reader.read(input.buffer)) {
                events += n;
                input.buffer.clear();
            }
        }
        if (events != LINES) {
            throw new IllegalStateException("read " + events + " events of " + LINES);
        }
        return events;
    }
}

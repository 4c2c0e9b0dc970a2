/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.ingest.EventBuffer;
import dev.spoor.ingest.Ingest;
import dev.spoor.ingest.IngestReport;
import dev.spoor.ingest.InputFiles;
import dev.spoor.ingest.ParseOptions;
import dev.spoor.ingest.RecordingFormat;
import dev.spoor.ingest.RejectionLog;
import dev.spoor.ingest.SourceReader;
import dev.spoor.ingest.format.Formats;
import dev.spoor.query.export.ExportRow;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * End-to-end bulk ingest throughput on generated inputs: CSV (as {@code spoor scan --format csv} writes it) and
 * JSONL, 4 files each of mouse moves and wheel notches from 64 devices, through {@link Ingest} (parse workers,
 * bounded queue, one writer, the ingest ledger) into a fresh journal per run; and, apart, one reader parsing one
 * file on one thread, to show where the time goes. One end-to-end run per format warms the writer and sealer up
 * and is not counted. Prints lines/s per run and the median of the runs, and the CPU
 * time per line of the whole process (parse, writer, sealer, GC and compiler threads): on a machine of 2 cores,
 * 2 M lines/s needs at most 1 us of CPU per line, whatever else is running.
 * <p>
 * The target of issue 15 is checked: when a format's median end-to-end rate is below
 * {@code -Dspoor.bench.targetLinesPerSecond} (default 2,000,000; 0 checks nothing) the report says which and the
 * process exits with status 1, after every format has run.
 * <pre>
 *   java &lt;spoor.jvm.flags&gt; -cp bench/target/benchmarks.jar dev.spoor.bench.IngestThroughputReport \
 *       [lines=4000000] [threads=2] [runs=5] [formats=csv,jsonl]
 * </pre>
 */
public final class IngestThroughputReport {
    private static final int FILES = 4;
    /** End-to-end runs per format before the timed ones, not counted. */
    private static final int WARMUP_RUNS = 1;
    static final int DEVICES = 64;
    static final long START_NS = 1_767_225_600_000_000_000L;
    /** CPU time, which other processes' load on a shared machine leaves out. */
    private static final OperatingSystemMXBean PROCESS =
        (OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The median end-to-end rate each format must reach, lines/s (issue 15: 2 M on 2 cores). */
    private static final double TARGET_LINES_PER_SECOND =
        Double.parseDouble(System.getProperty("spoor.bench.targetLinesPerSecond", "2000000"));

    private IngestThroughputReport() {
    }

    /**
     * @param args lines in all (default 4,000,000), parse threads (default 2), runs (default 5), formats
     *             (default csv,jsonl).
     * @throws IOException when the inputs cannot be written.
     */
    public static void main(final String[] args) throws IOException {
        final long lines = args.length > 0 ? Long.parseLong(args[0]) : 4_000_000L;
        final int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        final List<String> formats = args.length > 3 ? List.of(args[3].split(",")) : List.of("csv", "jsonl");
        final Path work = Files.createTempDirectory("spoor-ingest-throughput-");
        final List<String> missed = new ArrayList<>();
        try {
            for (final String format : formats) {
                final Path input = Files.createDirectories(work.resolve(format));
                generate(input, format, lines);
                parseOnly(Formats.byName(format), input, lines);
                final double median = endToEnd(Formats.byName(format), input, work, lines, threads, runs);
                if (median < TARGET_LINES_PER_SECOND) {
                    missed.add(String.format("%s %,.0f lines/s", format, median));
                }
            }
        } finally {
            Cleanup.delete(work);
        }
        if (TARGET_LINES_PER_SECOND > 0) {
            System.out.printf("target %,.0f lines/s end to end (median): %s%n", TARGET_LINES_PER_SECOND,
                missed.isEmpty() ? "met by " + String.join(", ", formats) : "MISSED by " + String.join(", ", missed));
            if (!missed.isEmpty()) {
                System.exit(1);
            }
        }
    }

    /** @return the median end-to-end rate of the timed runs, lines/s. */
    private static double endToEnd(final RecordingFormat format, final Path input, final Path work, final long lines,
        final int threads, final int runs) {
        final double[] rates = new double[runs];
        final double[] cpus = new double[runs];
        final Map<String, Double> threadCpus = new TreeMap<>();
        for (int run = -WARMUP_RUNS; run < runs; run++) {
            final Path dir = work.resolve(format.name() + "-journal-" + run);
            final ThreadCpuSampler sampler = ThreadCpuSampler.start();
            final long cpuStart = PROCESS.getProcessCpuTime();
            final long start = System.nanoTime();
            final IngestReport report;
            try (Journal journal = Journal.open(dir, new JournalConfig().maxOpenBlocks(DEVICES))) {
                report = Ingest.into(journal).format(format).threads(threads)
                    .run(InputFiles.find(format, List.of(input)));
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double cpuUsPerLine = (PROCESS.getProcessCpuTime() - cpuStart) / 1e3 / lines;
            final Map<String, Long> cpuByThread = sampler.stop();
            Cleanup.delete(dir);
            if (report.eventsAppended() != lines || report.rejections().total() != 0) {
                throw new IllegalStateException("expected " + lines + " events and no rejection: " + report);
            }
            if (run < 0) {
                System.out.printf("%s end to end, %d parse threads, warm-up: %,.0f lines/s (not counted)%n",
                    format.name(), threads, lines / seconds);
                continue; // compiles the writer's and sealer's code, which the parse-only runs do not reach
            }
            cpuByThread.forEach((kind, ns) -> threadCpus.merge(kind, ns / 1e3 / lines / runs, Double::sum));
            rates[run] = lines / seconds;
            cpus[run] = cpuUsPerLine;
            System.out.printf("%s end to end, %d parse threads, run %d: %,.0f lines/s (%.2f s), %.3f us CPU/line%n",
                format.name(), threads, run + 1, rates[run], seconds, cpuUsPerLine);
        }
        Arrays.sort(rates);
        Arrays.sort(cpus);
        System.out.printf("%s end to end, %d parse threads: median %,.0f lines/s, %.3f us CPU/line (all threads of"
            + " the process) over %d runs%n", format.name(), threads, rates[runs / 2], cpus[runs / 2], runs);
        final StringBuilder byThread = new StringBuilder();
        threadCpus.forEach((kind, us) -> byThread.append(String.format(" %s %.3f;", kind, us)));
        System.out.printf("%s end to end, CPU per line by thread, us (mean of the runs, sampled every 10 ms):%s%n",
            format.name(), byThread);
        return rates[runs / 2];
    }

    private static void parseOnly(final RecordingFormat format, final Path input, final long lines)
        throws IOException {
        final Path file = InputFiles.find(format, List.of(input)).get(0);
        final EventBuffer buffer = new EventBuffer(Ingest.BUFFER_EVENTS);
        for (int run = 0; run < 3; run++) {
            final long start = System.nanoTime();
            final long cpuStart = THREADS.getCurrentThreadCpuTime();
            long events = 0;
            try (SourceReader reader = format.open(file, ParseOptions.defaults(), new RejectionLog(1))) {
                for (int n = reader.read(buffer); n > 0; n = reader.read(buffer)) {
                    events += n;
                    buffer.clear();
                }
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("%s parse only, one thread, one file, run %d: %,.0f lines/s, %,.0f lines/s of thread"
                + " CPU%n", format.name(), run + 1, events / seconds, events / cpuSeconds);
        }
    }

    private static void generate(final Path folder, final String format, final long lines) throws IOException {
        final SplittableRandom random = new SplittableRandom(42);
        final long[] ts = new long[DEVICES];
        for (int f = 0; f < FILES; f++) {
            try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("part-" + f + "." + format),
                StandardCharsets.UTF_8)) {
                if (format.equals("csv")) {
                    out.write(String.join(",", ExportRow.COLUMNS));
                    out.write('\n');
                }
                for (long i = f * lines / FILES; i < (f + 1) * lines / FILES; i++) {
                    final int d = random.nextInt(DEVICES);
                    ts[d] += 1_000_000L + random.nextInt(15_000_000);
                    out.write(line(format, "ws-" + d, START_NS + ts[d], random));
                }
            }
        }
    }

    static String line(final String format, final String device, final long ts,
        final SplittableRandom random) {
        final int x = random.nextInt(3840);
        final int y = random.nextInt(2160);
        final boolean isWheel = random.nextInt(50) == 0;
        if (format.equals("csv")) {
            return isWheel ? device + "," + ts + ",wheel," + x + "," + y + ",,,0," + (random.nextBoolean() ? 1 : -1)
                + ",,\n" : device + "," + ts + ",move," + x + "," + y + ",,0,,,,\n";
        }
        return isWheel ? "{\"device\":\"" + device + "\",\"ts\":" + ts + ",\"type\":\"wheel\",\"x\":" + x
            + ",\"y\":" + y + ",\"dx\":0,\"dy\":" + (random.nextBoolean() ? 1 : -1) + "}\n"
            : "{\"device\":\"" + device + "\",\"ts\":" + ts + ",\"type\":\"move\",\"x\":" + x + ",\"y\":" + y
            + ",\"buttons\":0}\n";
    }
}

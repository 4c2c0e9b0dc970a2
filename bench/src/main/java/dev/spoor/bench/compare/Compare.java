/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.core.EventRows;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Spoor side by side with QuestDB, Parquet+zstd and raw Chronicle Queue on the same events in one run:
 * ingest, bytes on disk, full scan, one-device-one-hour queries, cold open. Prints a Markdown table with
 * Spoor's ratio to each peer; optionally writes JSON, the Markdown and a PNG chart of the ratios.
 * <pre>
 *   bench/compare [--balabit DIR] [--synthetic-events N] [--json FILE] [--markdown FILE] [--chart FILE]
 * </pre>
 */
public final class Compare {
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final int QUERY_WARMUP = 20;
    private static final int WARMUP_EVENTS = 2_000_000;
    /** Ingest warm-up lasts at least this long too (see {@link #warmUp}). */
    private static final long WARMUP_NS = 5_000_000_000L;
    /** The warm-up ends with an ingest during which the JIT compilers worked less than this share of its time ... */
    private static final double SETTLED_COMPILE_SHARE = 0.05;
    /** ... or after this long settling. */
    private static final long SETTLE_LIMIT_NS = 60_000_000_000L;
    /** Ingest is timed over fresh directories until this budget is spent (a run always finishes) ... */
    private static final long INGEST_BUDGET_NS = 5_000_000_000L;
    /** ... or this many runs: the median is reported, so a run of a small dataset is not one noisy figure. */
    private static final int MAX_INGEST_RUNS = 9;

    private Compare() {
    }

    /**
     * @param args options, see the class comment.
     * @throws Exception when a peer fails.
     */
    public static void main(final String[] args) throws Exception {
        Path balabit = Path.of("../shared/data/balabit-mouse-dynamics");
        int synthetic = 50_000_000;
        Path json = null;
        Path markdown = null;
        Path chart = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--balabit" -> balabit = Path.of(args[++i]);
                case "--synthetic-events" -> synthetic = Integer.parseInt(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--markdown" -> markdown = Path.of(args[++i]);
                case "--chart" -> chart = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
        }
        final List<Dataset> datasets = new ArrayList<>();
        if (Files.isDirectory(balabit)) {
            datasets.add(Dataset.balabit(balabit));
        } else {
            System.err.println("compare: no Balabit folder at " + balabit + ": that dataset is left out");
        }
        if (synthetic > 0) {
            datasets.add(Dataset.synthetic(1_000, synthetic));
        }
        final StringBuilder report = new StringBuilder();
        report.append("Run ").append(LocalDate.now()).append(" on ").append(machine()).append("\n\n");
        report.append("Command: `bench/compare ").append(String.join(" ", args)).append("`\n\n");
        final List<List<Result>> all = new ArrayList<>();
        for (final Dataset data : datasets) {
            final List<Result> results = new ArrayList<>();
            for (final Supplier<Peer> peer : List.<Supplier<Peer>>of(SpoorPeer::new, QuestDbPeer::new,
                ParquetPeer::new, RawChroniclePeer::new)) {
                results.add(measure(peer, data));
            }
            all.add(results);
            report.append(table(data, results)).append("\n");
        }
        System.out.println();
        System.out.println(report);
        if (markdown != null) {
            Files.writeString(markdown, report.toString(), StandardCharsets.UTF_8);
        }
        if (json != null) {
            writeJson(json, datasets, all);
        }
        if (chart != null && !all.isEmpty()) {
            writeChart(chart, datasets, all);
        }
    }

    private static Result measure(final Supplier<Peer> factory, final Dataset data) throws Exception {
        final Path dir = Files.createTempDirectory("spoor-compare");
        try {
            final long[][] queries = queries(data);
            final String name;
            try (Peer peer = factory.get()) {
                name = peer.name();
            }
            warmUp(factory, data, name);
            final double ingest = ingest(factory, data, dir, name);
            final double disk = (double)du(dir) / data.size();
            final double scan;
            final double columnarScan;
            final double[] latencies;
            try (Peer peer = factory.get()) {
                peer.open(dir);
                progress(name, data, "full scan");
                scan = bestScanRate(peer::fullScan, data, name + " full scan");
                progress(name, data, "full scan, column batches");
                columnarScan = bestScanRate(peer::columnarScan, data, name + " columnar full scan");
                progress(name, data, "queries");
                final int runs = Math.min(peer.queryRuns(), queries.length);
                final int warmup = Math.min(QUERY_WARMUP, runs);
                for (int q = 0; q < warmup; q++) {
                    check(peer.query((int)queries[q][0], queries[q][1], queries[q][2]), queries[q][3], name + " query");
                }
                latencies = new double[runs];
                for (int q = 0; q < runs; q++) {
                    final long[] query = queries[q];
                    final long t0 = System.nanoTime();
                    final long n = peer.query((int)query[0], query[1], query[2]);
                    latencies[q] = (System.nanoTime() - t0) / 1e6;
                    check(n, query[3], name + " query " + q);
                }
                System.err.printf("compare: %s checksum %d%n", name, peer.checksum());
            }
            Arrays.sort(latencies);
            final double cold;
            try (Peer peer = factory.get()) {
                final long[] query = queries[queries.length - 1];
                final long t0 = System.nanoTime();
                peer.open(dir);
                check(peer.query((int)query[0], query[1], query[2]), query[3], name + " cold query");
                cold = (System.nanoTime() - t0) / 1e6;
            }
            return new Result(name, ingest, disk, scan, columnarScan, percentile(latencies, 0.5),
                percentile(latencies, 0.99), latencies.length, cold);
        } finally {
            delete(dir);
        }
    }

    /** A scan of every event, timed. */
    private interface ScanRun {
        long scan() throws Exception;
    }

    /**
     * Best of the runs after the first, for at least 3 s and 4 runs: small datasets finish a scan before the JIT
     * has compiled it.
     *
     * @return events/s.
     */
    private static double bestScanRate(final ScanRun scan, final Dataset data, final String what) throws Exception {
        double best = 0;
        final long scanStart = System.nanoTime();
        for (int run = 0; run < 4 || System.nanoTime() - scanStart < 3_000_000_000L && run < 200; run++) {
            final long t0 = System.nanoTime();
            final long events = scan.scan();
            final double rate = events / ((System.nanoTime() - t0) / 1e9);
            check(events, data.size(), what);
            best = run == 0 ? 0 : Math.max(best, rate);
        }
        return best;
    }

    /**
     * Times ingest into a fresh {@code dir} again and again, at least once, until {@value #MAX_INGEST_RUNS} runs
     * or {@link #INGEST_BUDGET_NS} have passed; {@code dir} keeps the last run's files.
     *
     * @return the median rate, events/s.
     */
    private static double ingest(final Supplier<Peer> factory, final Dataset data, final Path dir,
        final String name) throws Exception {
        final double[] rates = new double[MAX_INGEST_RUNS];
        int runs = 0;
        final long started = System.nanoTime();
        while (runs == 0 || runs < MAX_INGEST_RUNS && System.nanoTime() - started < INGEST_BUDGET_NS) {
            progress(name, data, "ingest, run " + (runs + 1));
            delete(dir);
            Files.createDirectories(dir);
            try (Peer peer = factory.get()) {
                final long t0 = System.nanoTime();
                peer.ingest(data, dir);
                rates[runs++] = data.size() / ((System.nanoTime() - t0) / 1e9);
            }
        }
        final double[] taken = Arrays.copyOf(rates, runs);
        Arrays.sort(taken);
        System.err.printf("compare: %s ingest over %d run(s): %s events/s%n", name, runs, Arrays.toString(
            Arrays.stream(rates, 0, runs).mapToLong(Math::round).toArray()));
        return percentile(taken, 0.5);
    }

    /**
     * Ingests the first 2 M events, or a smaller dataset whole, again and again until 2 M events have gone in and
     * 5 s have passed, each run into a fresh directory, then scans the last; throws the results away. So each
     * peer's measured runs start with its code compiled, as in a long-running collector. (Until 2026-11-30 one run
     * over the first 10%: 72 k events of the Balabit set, after which Spoor's timed runs ramped from a third of
     * their speed over four runs. Until 2026-12-01 2 M events without the 5 s: Spoor's nine timed Balabit runs then
     * still ramped from 3.0 to 6.6 M events/s, its writer's close compiled by C2 only after about eight ingests of
     * the set on this 2-vCPU machine, where QuestDB's runs were level from the first.)
     * <p>Then it settles: ingests again until one ingest passes during which the JVM's compilers worked less than
     * {@value #SETTLED_COMPILE_SHARE} of its wall time ({@code CompilationMXBean.getTotalCompilationTime}), at most
     * 60 s, and prints how long that took. The 5 s are a guess at the JIT's pace, which varies with the host: on
     * the slow host of 2026-12-02, after them, QuestDB still needed 5-6 more Balabit ingests (1.0 s) and
     * Parquet+zstd 8 (6.2 s) before an ingest ran with the compilers below 5%, so their first timed runs were
     * partly compiling (Spoor and raw Chronicle: one more ingest). The warm-up scans come before the settling, so
     * their compilations are done before the timed ingests too.
     */
    private static void warmUp(final Supplier<Peer> factory, final Dataset data, final String name)
        throws Exception {
        final Dataset head = data.head(Math.min(WARMUP_EVENTS, data.size()));
        final Path dir = Files.createTempDirectory("spoor-compare-warmup");
        final long start = System.nanoTime();
        try {
            for (long ingested = 0; ingested < WARMUP_EVENTS || System.nanoTime() - start < WARMUP_NS;
                ingested += head.size()) {
                ingestInto(factory, head, dir);
            }
            try (Peer peer = factory.get()) {
                peer.open(dir);
                peer.fullScan();
                peer.columnarScan();
            }
            settle(factory, head, dir, name);
        } finally {
            delete(dir);
        }
    }

    /** Ingests until one ingest ran with the compilers nearly idle (see {@link #warmUp}); prints what it took. */
    private static void settle(final Supplier<Peer> factory, final Dataset head, final Path dir, final String name)
        throws Exception {
        final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        final long start = System.nanoTime();
        int runs = 0;
        double share;
        do {
            final long compiledMs = compiler.getTotalCompilationTime();
            final long t0 = System.nanoTime();
            ingestInto(factory, head, dir);
            runs++;
            share = (compiler.getTotalCompilationTime() - compiledMs) / ((System.nanoTime() - t0) / 1e6);
        } while (share >= SETTLED_COMPILE_SHARE && System.nanoTime() - start < SETTLE_LIMIT_NS);
        System.err.printf("compare: %s warm-up settled after %d more ingest(s), %.1f s (compilers %.1f%% of the"
            + " last)%n", name, runs, (System.nanoTime() - start) / 1e9, 100 * share);
    }

    private static void ingestInto(final Supplier<Peer> factory, final Dataset data, final Path dir)
        throws Exception {
        delete(dir);
        Files.createDirectories(dir);
        try (Peer peer = factory.get()) {
            peer.ingest(data, dir);
        }
    }

    /** Random (device, hour) queries from the data, with the expected count: [device, from, to, expected]. */
    private static long[][] queries(final Dataset data) {
        final SplittableRandom random = new SplittableRandom(11);
        final long[][] queries = new long[200][];
        for (int q = 0; q < queries.length; q++) {
            final int i = random.nextInt(data.size());
            final long from = data.rows.timestampNs(i) - data.rows.timestampNs(i) % 1_000_000L;
            queries[q] = new long[] {data.rows.device(i), from, from + HOUR_NS, 0};
        }
        countAll(data, queries);
        return queries;
    }

    private static void countAll(final Dataset data, final long[][] queries) {
        final EventRows rows = data.rows;
        for (int i = 0; i < data.size(); i++) {
            for (final long[] q : queries) {
                if (rows.device(i) == q[0] && rows.timestampNs(i) >= q[1] && rows.timestampNs(i) < q[2]) {
                    q[3]++;
                }
            }
        }
    }

    private static void check(final long got, final long expected, final String what) {
        if (got != expected) {
            throw new IllegalStateException(what + " returned " + got + " events, expected " + expected);
        }
    }

    private static double percentile(final double[] sorted, final double p) {
        return sorted[Math.min(sorted.length - 1, (int)Math.ceil(p * sorted.length) - 1)];
    }

    private static void progress(final String peer, final Dataset data, final String step) {
        System.err.printf("compare: %s, %s: %s%n", data.name, peer, step);
    }

    static String table(final Dataset data, final List<Result> results) {
        final StringBuilder md = new StringBuilder();
        md.append("### ").append(data.name).append(", ").append(String.format("%,d", data.size()))
            .append(" events\n\n");
        md.append("| figure |");
        results.forEach(r -> md.append(' ').append(r.peer()).append(" |"));
        md.append("\n|---|");
        results.forEach(r -> md.append("---|"));
        md.append('\n');
        row(md, "ingest, events/s, one thread", results, Result::ingestPerSec, true, "%,.0f");
        row(md, "disk, bytes/event (allocated)", results, Result::diskPerEvent, false, "%.2f");
        row(md, "full scan, events/s", results, Result::scanPerSec, true, "%,.0f");
        row(md, "full scan in column batches, events/s", results, Result::columnarScanPerSec, true, "%,.0f");
        row(md, "one device one hour, median ms", results, Result::queryMedianMs, false, "%.3f");
        row(md, "one device one hour, p99 ms", results, Result::queryP99Ms, false, "%.3f");
        row(md, "cold open + first query, ms", results, Result::coldFirstMs, false, "%.1f");
        md.append("\nRatios in brackets: how many times better Spoor is (below 1: worse). Queries timed: ");
        results.forEach(r -> md.append(r.peer()).append(' ').append(r.queries()).append("; "));
        md.append("\n");
        return md.toString();
    }

    private interface Figure {
        double of(Result r);
    }

    private static void row(final StringBuilder md, final String label, final List<Result> results,
        final Figure figure, final boolean isHigherBetter, final String format) {
        final double spoor = figure.of(results.get(0));
        md.append("| ").append(label).append(" | ").append(String.format(format, spoor)).append(" |");
        for (final Result r : results.subList(1, results.size())) {
            final double peer = figure.of(r);
            md.append(' ').append(String.format(format, peer)).append(String.format(" (%.2fx)",
                advantage(spoor, peer, isHigherBetter))).append(" |");
        }
        md.append('\n');
    }

    static double advantage(final double spoor, final double peer, final boolean isHigherBetter) {
        return isHigherBetter ? spoor / peer : peer / spoor;
    }

    private static void writeJson(final Path file, final List<Dataset> datasets, final List<List<Result>> all)
        throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("date", LocalDate.now().toString());
            json.writeStringField("machine", machine());
            json.writeArrayFieldStart("datasets");
            for (int d = 0; d < datasets.size(); d++) {
                json.writeStartObject();
                json.writeStringField("name", datasets.get(d).name);
                json.writeNumberField("events", datasets.get(d).size());
                json.writeArrayFieldStart("results");
                for (final Result r : all.get(d)) {
                    json.writeStartObject();
                    json.writeStringField("peer", r.peer());
                    json.writeNumberField("ingestPerSec", r.ingestPerSec());
                    json.writeNumberField("diskBytesPerEvent", r.diskPerEvent());
                    json.writeNumberField("fullScanPerSec", r.scanPerSec());
                    json.writeNumberField("columnarFullScanPerSec", r.columnarScanPerSec());
                    json.writeNumberField("queryMedianMs", r.queryMedianMs());
                    json.writeNumberField("queryP99Ms", r.queryP99Ms());
                    json.writeNumberField("queries", r.queries());
                    json.writeNumberField("coldOpenFirstQueryMs", r.coldFirstMs());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeChart(final Path file, final List<Dataset> datasets, final List<List<Result>> all)
        throws IOException {
        final List<String> labels = List.of("ingest", "bytes on disk", "full scan", "query median", "cold open");
        final CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
            .title("Spoor against each peer: log10 of how many times better (1 = 10x better, -1 = 10x worse)")
            .xAxisTitle("figure").yAxisTitle("log10(times better)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (int d = 0; d < datasets.size(); d++) {
            final Result s = all.get(d).get(0);
            for (final Result r : all.get(d).subList(1, all.get(d).size())) {
                chart.addSeries(r.peer() + ", " + datasets.get(d).name.replaceAll(" \\(.*", ""), labels, List.of(
                    Math.log10(advantage(s.ingestPerSec(), r.ingestPerSec(), true)),
                    Math.log10(advantage(s.diskPerEvent(), r.diskPerEvent(), false)),
                    Math.log10(advantage(s.scanPerSec(), r.scanPerSec(), true)),
                    Math.log10(advantage(s.queryMedianMs(), r.queryMedianMs(), false)),
                    Math.log10(advantage(s.coldFirstMs(), r.coldFirstMs(), false))));
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceAll(".*:\\s*", ""))
                .orElse(cpu);
        } catch (final IOException | UncheckedIOException e) {
            // not Linux: leave the CPU unnamed
        }
        return Runtime.getRuntime().availableProcessors() + " x " + cpu + ", " + System.getProperty("java.vm.name")
            + " " + System.getProperty("java.version") + ", " + System.getProperty("os.name");
    }

    /** Bytes allocated on disk under {@code dir} (du), or the files' lengths where du is missing. */
    static long du(final Path dir) throws IOException {
        try {
            final Process du = new ProcessBuilder("du", "-s", "-B1", dir.toString()).start();
            final String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (du.waitFor() == 0) {
                return Long.parseLong(out.split("\\s")[0]);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void delete(final Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

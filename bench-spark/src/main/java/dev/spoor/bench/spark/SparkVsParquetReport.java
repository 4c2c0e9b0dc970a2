/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import dev.spoor.core.EventRows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;

/**
 * Spark reading Spoor journals against Spark reading the same events as Parquet+zstd, side by side in one
 * SparkSession ({@code local[2]}): {@code count()}, {@code groupBy("type").count()} and one device's hour
 * ({@code device = k AND ts_nanos in [t, t + 1 h)}, selecting ts_nanos, x, y and collecting the rows) for random
 * (device, hour) pairs. The events ({@link SyntheticEvents}) go into several journals as from several collectors,
 * then through the project's exporters into a plain Parquet file per journal and a Hive tree partitioned by
 * device and date ({@link EventFiles}). Each round runs every query on every source, in an order rotated from
 * round to round; the first rounds are warm-up and discarded; a figure is the median over the other rounds. Every
 * answer is checked against counts made from the events ({@link Expected}): a wrong one stops the run.
 *
 * <p>Run by {@code bench/spark-compare}; {@code --help} lists the options.
 */
public final class SparkVsParquetReport {
    static final String SPOOR = "Spoor journals";
    /** Spoor with every read in tasks: what a read too large for the driver gets. */
    static final String SPOOR_TASKS = "Spoor journals, driverReadEvents=0";
    static final String PLAIN = "Parquet+zstd, plain";
    static final String BY_DEVICE_DATE = "Parquet+zstd, by device,date";
    static final String COUNT = "count()";
    static final String GROUP_BY_TYPE = "groupBy(type).count()";
    static final String HOUR = "one device, one hour";
    static final String HOUR_TASKS = "one device, one hour, read in tasks (driverReadEvents=0)";
    /** Spark's own cost of such a query: the same filter and collect over a small in-memory table. */
    static final String FLOOR = "Spark alone, in-memory table";
    private static final int FLOOR_ROWS = 2_000;

    private final Options options;
    private final Map<String, Map<String, List<Double>>> millis = new LinkedHashMap<>();

    private SparkVsParquetReport(final Options options) {
        this.options = options;
    }

    /**
     * @param args options, see {@link Options#USAGE}.
     */
    public static void main(final String[] args) throws IOException {
        final Options options = Options.parse(args);
        if (options == null) {
            System.out.println(Options.USAGE);
            return;
        }
        final String markdown = run(options);
        System.out.println(markdown);
        if (options.markdown != null) {
            Files.writeString(options.markdown, markdown);
            System.err.println("wrote " + options.markdown);
        }
    }

    /**
     * @param options what to run.
     * @return the markdown fragment: data, table and targets.
     */
    static String run(final Options options) throws IOException {
        return new SparkVsParquetReport(options).measure();
    }

    private String measure() throws IOException {
        long started = System.nanoTime();
        final EventRows rows = SyntheticEvents.generate(options.devices, options.events, options.seed);
        final Expected expected = new Expected(rows, options.queries, options.seed + 1);
        log("generated " + rows.size() + " events and the expected answers", started);
        started = System.nanoTime();
        final EventFiles files = prepare(rows);
        log("journals and Parquet exports ready under " + options.dir, started);
        final SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-compare")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
        try {
            spark.sparkContext().setLogLevel("WARN");
            final Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
            final String journals = files.journals.resolve("collector-*").toString();
            sources.put(SPOOR, spark.read().format("spoor").load(journals));
            sources.put(SPOOR_TASKS, spark.read().format("spoor").option("driverReadEvents", "0").load(journals));
            sources.put(PLAIN, spark.read().parquet(files.plainFiles()));
            sources.put(BY_DEVICE_DATE, spark.read().parquet(files.byDeviceDate.toString()));
            sources.put(FLOOR, inMemory(spark, expected));
            final List<String> names = new ArrayList<>(sources.keySet());
            for (int round = 0; round < options.warmups + options.rounds; round++) {
                final boolean isWarmup = round < options.warmups;
                for (int k = 0; k < names.size(); k++) {
                    final String name = names.get((round + k) % names.size());
                    started = System.nanoTime();
                    runQueries(name, sources.get(name), expected, isWarmup);
                    log("round " + round + (isWarmup ? " (warm-up)" : "") + ": " + name, started);
                }
            }
            return markdown(spark.version(), files, expected);
        } finally {
            spark.stop();
        }
    }

    /** Writes the data, or reuses what a run with the same data options left ({@code params.txt} says). */
    private EventFiles prepare(final EventRows rows) throws IOException {
        final Path marker = options.dir.resolve("params.txt");
        final String params = options.dataParams();
        if (Files.exists(marker) && Files.readString(marker).equals(params + "complete\n")) {
            return EventFiles.at(options.dir);
        }
        if (Files.isDirectory(options.dir)) {
            try (Stream<Path> entries = Files.list(options.dir)) {
                if (entries.findAny().isPresent() && !Files.exists(marker)) {
                    throw new IllegalArgumentException("--dir " + options.dir + " holds files that are not this"
                        + " program's (no params.txt): choose an empty or new folder");
                }
            }
            deleteTree(options.dir);
        }
        Files.createDirectories(options.dir);
        Files.writeString(marker, params + "incomplete\n");
        final EventFiles files = EventFiles.write(options.dir, rows, options.devices, options.collectors);
        Files.writeString(marker, params + "complete\n");
        return files;
    }

    private void runQueries(final String source, final Dataset<Row> df, final Expected expected,
        final boolean isWarmup) {
        if (source.equals(SPOOR_TASKS) || source.equals(FLOOR)) {
            runHours(source, source.equals(FLOOR) ? FLOOR : HOUR_TASKS, df, expected, isWarmup);
            return;
        }
        long started = System.nanoTime();
        final long count = df.count();
        record(source, COUNT, started, isWarmup);
        check(source, COUNT, expected.count, count);
        started = System.nanoTime();
        final List<Row> types = df.groupBy("type").count().collectAsList();
        record(source, GROUP_BY_TYPE, started, isWarmup);
        final TreeMap<String, Long> byType = new TreeMap<>();
        types.forEach(row -> byType.put(row.getString(0), row.getLong(1)));
        check(source, GROUP_BY_TYPE, expected.byType, byType);
        runHours(source, HOUR, df, expected, isWarmup);
    }

    private void runHours(final String source, final String name, final Dataset<Row> df, final Expected expected,
        final boolean isWarmup) {
        for (final Expected.HourQuery query : expected.queries) {
            final long started = System.nanoTime();
            final List<Row> hour = df.filter(col("device").equalTo(query.device)
                    .and(col("ts_nanos").geq(query.fromNs)).and(col("ts_nanos").lt(query.toNs())))
                .select("ts_nanos", "x", "y").collectAsList();
            record(source, name, started, isWarmup);
            if (source.equals(FLOOR)) {
                continue; // a reference for the time only: it holds other rows
            }
            long sum = 0;
            for (final Row row : hour) {
                sum += row.getLong(0);
            }
            check(source, HOUR + " " + query.device + " from " + query.fromNs,
                query.rows + " rows, sum " + query.sumTsNanos, hour.size() + " rows, sum " + sum);
        }
    }

    private void record(final String source, final String query, final long startedNs, final boolean isWarmup) {
        final double ms = (System.nanoTime() - startedNs) / 1e6;
        if (!isWarmup) {
            millis.computeIfAbsent(query, q -> new LinkedHashMap<>()).computeIfAbsent(source, s -> new ArrayList<>())
                .add(ms);
        }
    }

    private static void check(final String source, final String query, final Object expected, final Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(source + " answered " + query + " wrongly: expected " + expected
                + ", got " + actual);
        }
    }

    private String markdown(final String sparkVersion, final EventFiles files, final Expected expected)
        throws IOException {
        final StringBuilder md = new StringBuilder();
        md.append("Run ").append(LocalDate.now()).append(" on ").append(Machine.cpu()).append(", ")
            .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
            .append(", Spark ").append(sparkVersion).append(" local[2] (spark.sql.shuffle.partitions=2)\n\n");
        md.append("Data: ").append(String.format(Locale.ROOT, "%,d", expected.count)).append(" synthetic events, ")
            .append(options.devices).append(" devices, ").append(options.collectors).append(" journals (")
            .append(Machine.describe(files.journals)).append("); plain Parquet: one file per journal (")
            .append(Machine.describe(files.plain)).append("); by device,date: ")
            .append(Machine.describe(files.byDeviceDate)).append(". ").append(options.rounds)
            .append(" rounds after ").append(options.warmups).append(" warm-up; one-hour queries: ")
            .append(options.queries).append(" (device, hour) pairs per round, ")
            .append(String.format(Locale.ROOT, "%.0f", averageHourRows(expected)))
            .append(" rows each on average.\n\n");
        md.append("| query, median ms | ").append(SPOOR).append(" | ").append(PLAIN).append(" | ")
            .append(BY_DEVICE_DATE).append(" |\n|---|---|---|---|\n");
        for (final String query : List.of(COUNT, GROUP_BY_TYPE, HOUR, HOUR_TASKS)) {
            final double spoor = median(query, query.equals(HOUR_TASKS) ? SPOOR_TASKS : SPOOR);
            md.append("| ").append(query).append(" | ").append(ms(spoor));
            for (final String peer : List.of(PLAIN, BY_DEVICE_DATE)) {
                final double other = median(query.equals(HOUR_TASKS) ? HOUR : query, peer);
                md.append(" | ").append(ms(other)).append(String.format(Locale.ROOT, " (%.2fx)", other / spoor));
            }
            md.append(" |\n");
        }
        md.append("\nSpark's own floor for such a query: the same filter, select and collect over an in-memory table")
            .append(String.format(Locale.ROOT, " of %,d", FLOOR_ROWS)).append(" rows takes ")
            .append(ms(median(FLOOR, FLOOR)))
            .append(" ms (median), so no source can be more than ")
            .append(String.format(Locale.ROOT, "%.1fx", median(HOUR, PLAIN) / median(FLOOR, FLOOR)))
            .append(" faster than plain Parquet here.\n");
        md.append("\nIn brackets: the Parquet time over the Spoor time (above 1: Spoor is faster). Spoor reads")
            .append(" a query's blocks on the driver when they hold at most 65,536 events (option driverReadEvents),")
            .append(" so a one-hour query schedules no task; the last row is the same queries with every read in")
            .append(" tasks.\n\n");
        md.append("| target | against plain | against by device,date |\n|---|---|---|\n");
        target(md, COUNT + " at least as fast as Parquet", COUNT, 1.0);
        target(md, GROUP_BY_TYPE + " at least as fast as Parquet", GROUP_BY_TYPE, 1.0);
        target(md, HOUR + " at least 10x faster than Parquet", HOUR, 10.0);
        target(md, HOUR_TASKS + " at least 10x faster than Parquet", HOUR_TASKS, 10.0);
        return md.toString();
    }

    /** A small table in memory with the columns the one-hour queries use, for Spark's floor. */
    private static Dataset<Row> inMemory(final SparkSession spark, final Expected expected) {
        final List<Row> rows = new ArrayList<>();
        final Expected.HourQuery first = expected.queries.get(0);
        for (int i = 0; i < FLOOR_ROWS; i++) {
            rows.add(RowFactory.create(first.device, first.fromNs + i, (double)i, (double)i));
        }
        final StructType schema = new StructType().add("device", DataTypes.StringType)
            .add("ts_nanos", DataTypes.LongType).add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    private void target(final StringBuilder md, final String text, final String query, final double ratio) {
        md.append("| ").append(text);
        for (final String peer : List.of(PLAIN, BY_DEVICE_DATE)) {
            final boolean isTasks = query.equals(HOUR_TASKS);
            final double got = median(isTasks ? HOUR : query, peer) / median(query, isTasks ? SPOOR_TASKS : SPOOR);
            md.append(" | ").append(got >= ratio ? "**met**" : "**not met**")
                .append(String.format(Locale.ROOT, ": %.2fx", got));
        }
        md.append(" |\n");
    }

    private static double averageHourRows(final Expected expected) {
        return expected.queries.stream().mapToLong(q -> q.rows).average().orElse(0);
    }

    private double median(final String query, final String source) {
        final double[] values = millis.get(query).get(source).stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        final int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String ms(final double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
    }

    private static void log(final String what, final long startedNs) {
        System.err.printf(Locale.ROOT, "%s (%.1f s)%n", what, (System.nanoTime() - startedNs) / 1e9);
    }

    private static void deleteTree(final Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (final Path p : (Iterable<Path>)walk.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}

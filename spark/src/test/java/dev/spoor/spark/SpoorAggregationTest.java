/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.JournalConfig;
import dev.spoor.query.GeneratedJournal;
import dev.spoor.query.scan.Scan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Counts pushed into the scan ({@link SpoorAggregation}): each equals what the rows give, EXPLAIN shows the
 * pushed aggregation, and blocks the filter wants whole are counted from the index without being decoded.
 */
class SpoorAggregationTest {
    private static final int DEVICES = 4;
    private static final int EVENTS = 20_000;
    private static final int BLOCK_EVENTS = 64;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path journalA;
    private static Path journalB;
    private static List<String> rows;

    @BeforeAll
    static void writeJournalsAndStartSpark() {
        journalA = dir.resolve("collectors").resolve("a");
        journalB = dir.resolve("collectors").resolve("b");
        GeneratedJournal.write(journalA, 21, DEVICES, EVENTS, new JournalConfig().blockEvents(BLOCK_EVENTS));
        GeneratedJournal.write(journalB, 22, DEVICES, EVENTS, new JournalConfig().blockEvents(BLOCK_EVENTS));
        rows = new ArrayList<>(ScanRows.scan(journalA, Scan.builder().build()));
        rows.addAll(ScanRows.scan(journalB, Scan.builder().build()));
        spark = SparkSessions.builder("local[2]").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void countOfEverythingComesFromTheIndexAloneWithoutATask() {
        final Dataset<Row> count = events().groupBy().count();
        assertEquals(rows.size(), count.collectAsList().get(0).getLong(0));
        assertEquals(2L * EVENTS, events().count());
        final String physical = count.queryExecution().executedPlan().toString();
        assertTrue(physical.contains("LocalTableScan") && !physical.contains("BatchScan"), physical);
        final String scan = ((DataSourceV2ScanRelation)count.queryExecution().optimizedPlan().collectLeaves().head())
            .scan().description();
        assertTrue(scan.contains("PushedAggregation: [[COUNT(*)] GROUP BY []]") && scan.contains("AnsweredFromIndex"),
            scan);

        final Dataset<Row> perDevice = events().groupBy("device").count();
        assertEquals(count(rows, 1), toMap(perDevice.collectAsList()), "each block holds one device");
        assertTrue(perDevice.queryExecution().executedPlan().toString().contains("LocalTableScan"));
    }

    @Test
    void countByTypeEqualsTheRowsCount() {
        final Dataset<Row> byType = events().groupBy("type").count();
        assertEquals(count(rows, 5), toMap(byType.collectAsList()));
        final BatchScanExec scan = scanNode(byType);
        assertTrue(scan.toString().contains("GROUP BY [TYPE]]"), scan.toString());
        final long decoded = scan.metrics().apply(SpoorMetrics.BLOCKS_DECODED).value();
        assertTrue(decoded > 0, "blocks of several types are decoded: " + decoded);
    }

    @Test
    void countByDeviceAndJournalWithATimeRangeDecodesOnlyTheBlocksTheRangeCuts() {
        // From the 30th to the 60th percentile of the times: many blocks wholly inside, a few cut at either end.
        final long[] times = rows.stream().mapToLong(line -> Long.parseLong(line.split("\\|")[4])).sorted().toArray();
        final long fromNs = times[times.length * 3 / 10];
        final long toNs = times[times.length * 6 / 10];
        final Dataset<Row> counted = events().where(col("ts_nanos").geq(fromNs).and(col("ts_nanos").lt(toNs)))
            .groupBy("device", "journal").count();
        assertEquals(countInRange(fromNs, toNs, null), byDeviceAndJournal(counted));
        final BatchScanExec scan = scanNode(counted);
        assertTrue(scan.toString().contains("PushedAggregation: [[COUNT(*)] GROUP BY [DEVICE, JOURNAL]]"),
            scan.toString());
        final long decoded = scan.metrics().apply(SpoorMetrics.BLOCKS_DECODED).value();
        final long planned = CollectionConverters.asJava(scan.inputPartitions()).stream()
            .mapToLong(p -> ((SpoorPartition)p).blocks()).sum();
        // Out-of-order events make some blocks' time ranges overlap: a few more than two per device are cut.
        assertTrue(decoded > 0 && decoded * 5 < planned, "only blocks the range cuts are decoded: " + decoded
            + " of " + planned);

        final Dataset<Row> moves = events().where(col("ts_nanos").geq(fromNs).and(col("ts_nanos").lt(toNs))
            .and(col("type").equalTo("move"))).groupBy("device", "journal").count();
        assertEquals(countInRange(fromNs, toNs, "move"), byDeviceAndJournal(moves), "blocks of several types");
    }

    private static Map<String, Long> countInRange(final long fromNs, final long toNs, final String type) {
        final Map<String, Long> expected = new TreeMap<>();
        for (final String line : rows) {
            final String[] f = line.split("\\|");
            final long ts = Long.parseLong(f[4]);
            if (ts >= fromNs && ts < toNs && (type == null || type.equals(f[5]))) {
                expected.merge(f[1] + "|" + f[0], 1L, Long::sum);
            }
        }
        assertTrue(expected.size() > 1, "a test wants several groups: " + expected);
        return expected;
    }

    private static Map<String, Long> byDeviceAndJournal(final Dataset<Row> counted) {
        final Map<String, Long> got = new TreeMap<>();
        for (final Row row : counted.collectAsList()) {
            got.put(row.getString(0) + "|" + row.getString(1), row.getLong(2));
        }
        return got;
    }

    @Test
    void countOfNothingIsZeroNotNull() {
        assertEquals(0L, events().where(col("device").equalTo("nobody")).count());
        assertEquals(0, events().where(col("device").equalTo("nobody")).groupBy("type").count().collectAsList()
            .size());
    }

    @Test
    void countAfterAFilterSparkMustEvaluateIsNotPushed() {
        final Dataset<Row> counted = spark.read().format("spoor").option("driverReadEvents", "0")
            .load(dir.resolve("collectors") + "/*").where(col("x").gt(100.0)).groupBy().count();
        long expected = 0;
        for (final String line : rows) {
            final String x = line.split("\\|")[6];
            if (!"null".equals(x) && Double.parseDouble(x) > 100.0) {
                expected++;
            }
        }
        assertEquals(expected, counted.collectAsList().get(0).getLong(0));
        assertTrue(!scanNode(counted).toString().contains("PushedAggregation"), scanNode(counted).toString());
    }

    private static Dataset<Row> events() {
        return spark.read().format("spoor").option("blocksPerPartition", "40").load(dir.resolve("collectors") + "/*");
    }

    private static Map<String, Long> count(final List<String> lines, final int field) {
        final Map<String, Long> counts = new TreeMap<>();
        for (final String line : lines) {
            counts.merge(line.split("\\|")[field], 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> toMap(final List<Row> counted) {
        final Map<String, Long> counts = new TreeMap<>();
        for (final Row row : counted) {
            counts.put(row.getString(0), row.getLong(1));
        }
        return counts;
    }

    private static BatchScanExec scanNode(final Dataset<Row> query) {
        final SparkPlan plan = query.queryExecution().executedPlan();
        for (final SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            if (leaf instanceof BatchScanExec) {
                return (BatchScanExec)leaf;
            }
        }
        throw new AssertionError("no BatchScanExec in " + plan);
    }
}

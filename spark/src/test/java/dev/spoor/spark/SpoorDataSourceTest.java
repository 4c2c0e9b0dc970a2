/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.codec.EventType;
import dev.spoor.core.DamagedJournal;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.query.GeneratedJournal;
import dev.spoor.query.scan.Scan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connector in a local SparkSession ({@code local[2]}): the Dataset API and SQL return exactly the rows the
 * query module's scan gives ({@code spoor scan}'s rows, every column, fractional x and y and ns times exact), and a
 * one-device one-hour query plans and decodes only that device's blocks in that hour.
 */
class SpoorDataSourceTest {
    private static final long SEED_A = 11;
    private static final long SEED_B = 12;
    private static final int DEVICES = 5;
    private static final int EVENTS = 30_000;
    private static final int BLOCK_EVENTS = 64;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path journalA;
    private static Path journalB;

    @BeforeAll
    static void writeJournalsAndStartSpark() {
        journalA = dir.resolve("collectors").resolve("a");
        journalB = dir.resolve("collectors").resolve("b");
        GeneratedJournal.write(journalA, SEED_A, DEVICES, EVENTS, new JournalConfig().blockEvents(BLOCK_EVENTS));
        GeneratedJournal.write(journalB, SEED_B, DEVICES, EVENTS, new JournalConfig().blockEvents(BLOCK_EVENTS));
        spark = SparkSessions.builder("local[2]").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void datasetReadsExactlyTheRowsScanGives() {
        final Dataset<Row> events = spark.read().format("spoor").option("blocksPerPartition", "50")
            .option("driverReadEvents", "0").load(dir.resolve("collectors") + "/*");
        final List<String> expected = new ArrayList<>(ScanRows.scan(journalA, Scan.builder().build()));
        expected.addAll(ScanRows.scan(journalB, Scan.builder().build()));
        expected.sort(null);
        assertEquals(2L * EVENTS, expected.size());
        assertEquals(expected, ScanRows.of(events.collectAsList()));
        assertTrue(events.rdd().getNumPartitions() > 2, "partitions: " + events.rdd().getNumPartitions());
    }

    @Test
    void sqlViewReadsTheSameRowsAndAggregates() {
        spark.sql("CREATE OR REPLACE TEMPORARY VIEW v USING spoor OPTIONS (path '" + journalA + "," + journalB + "')");
        final List<String> expected = new ArrayList<>(ScanRows.scan(journalA, Scan.builder().build()));
        expected.addAll(ScanRows.scan(journalB, Scan.builder().build()));
        expected.sort(null);
        assertEquals(expected, ScanRows.of(spark.sql("SELECT * FROM v").collectAsList()));

        final Map<String, Long> moves = new TreeMap<>();
        for (final Row row : spark.sql("SELECT device, count(*) FROM v WHERE type = 'move' GROUP BY device")
            .collectAsList()) {
            moves.put(row.getString(0), row.getLong(1));
        }
        final Map<String, Long> scanned = new TreeMap<>();
        for (final Path journal : List.of(journalA, journalB)) {
            for (final String line : ScanRows.scan(journal, Scan.builder().types(EventType.MOVE).build())) {
                scanned.merge(line.split("\\|")[1], 1L, Long::sum);
            }
        }
        assertEquals(scanned, moves);
    }

    @Test
    void severalPathsPrunedColumnsAndTypeAndJournalFilters() {
        final Dataset<Row> picked = spark.read().format("spoor").option("driverReadEvents", "0")
            .load(journalA.toString(), journalB.toString())
            .where(col("type").isin("wheel", "key_down").and(col("journal").equalTo(journalB.toString())))
            .select("ts_nanos", "x", "key", "device");
        final List<String> expected = new ArrayList<>();
        for (final String line : ScanRows.scan(journalB, Scan.builder().types(EventType.WHEEL, EventType.KEY_DOWN)
            .build())) {
            final String[] f = line.split("\\|");
            expected.add(f[4] + "|" + f[6] + "|" + f[12] + "|" + f[1]);
        }
        expected.sort(null);
        assertEquals(expected, ScanRows.of(picked.collectAsList()));
        final String explained = picked.queryExecution().executedPlan().toString();
        assertTrue(explained.contains("In(type, [key_down,wheel])") || explained.contains("In(type, [wheel,key_down])"),
            explained);
        assertTrue(!explained.contains("Filter "), explained);
        final BatchScanExec scan = scanNode(picked.queryExecution().executedPlan());
        assertEquals(List.of("device", "ts_nanos", "x", "key"), List.of(scan.scan().readSchema().fieldNames()),
            "only the columns the query uses are read");
        for (final InputPartition p : CollectionConverters.asJava(scan.inputPartitions())) {
            assertEquals(journalB.toString(), ((SpoorPartition)p).journal(), "journal A was not pruned");
        }
    }

    @Test
    void blocksSealedAfterPlanningAreLeftToTheNextQuery() {
        final Path growing = dir.resolve("growing");
        CollectorMain.write(growing, "g", 2, 1_000, 10, BLOCK_EVENTS);
        final Table table = new SpoorDataSource().getTable(SpoorColumn.SCHEMA, new Transform[0],
            Map.of("path", growing.toString(), "driverReadEvents", "0"));
        final org.apache.spark.sql.connector.read.Scan scan = ((SpoorTable)table)
            .newScanBuilder(CaseInsensitiveStringMap.empty()).build();
        final InputPartition[] planned = scan.toBatch().planInputPartitions();
        try (Journal journal = Journal.open(growing, new JournalConfig().blockEvents(BLOCK_EVENTS));
             JournalWriter writer = journal.newWriter()) {
            final long id = journal.devices().register("g-0");
            for (int k = 0; k < 500; k++) {
                writer.move(id, CollectorMain.EPOCH_NS + k, k, k, 0);
            }
        }
        long rows = 0;
        final PartitionReaderFactory readers = scan.toBatch().createReaderFactory();
        for (final InputPartition partition : planned) {
            try (PartitionReader<ColumnarBatch> reader = readers.createColumnarReader(partition)) {
                while (reader.next()) {
                    rows += reader.get().numRows();
                }
            } catch (final java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        assertEquals(2_000, rows, "the blocks planned, not those sealed since");
        assertEquals(2_500, spark.read().format("spoor").load(growing.toString()).count(), "a new query sees all");
    }

    @Test
    void erasedDevicesAndRangesNeverAppear() {
        final Path erased = dir.resolve("erased");
        CollectorMain.write(erased, "er", 3, 2_000, 10, BLOCK_EVENTS);
        try (Journal journal = Journal.open(erased, new JournalConfig().blockEvents(BLOCK_EVENTS))) {
            journal.governance().erase("er-0");
            journal.governance().erase("er-1", CollectorMain.EPOCH_NS + 5_000_000_000L,
                CollectorMain.EPOCH_NS + 10_000_000_000L);
        }
        final List<String> expected = ScanRows.scan(erased, Scan.builder().build());
        assertEquals(2_000 + 2_000 - 500, expected.size(), "the scan's answer without the erased events");
        final Dataset<Row> events = spark.read().format("spoor").load(erased.toString());
        assertEquals(expected, ScanRows.of(events.collectAsList()));
        assertEquals(0, events.where(col("device").equalTo("er-0")).count());
    }

    @Test
    void pseudonymousJournalsShowAndFilterDevicesAsTheirColumnSays() {
        for (final boolean isDictionary : new boolean[] {true, false}) {
            final Path journalDir = dir.resolve("pseudonymous-" + isDictionary);
            final long alice;
            try (Journal journal = Journal.open(journalDir, new JournalConfig().deviceDictionary(isDictionary)
                .pseudonymKeyFile(dir.resolve("pseudonym-" + isDictionary + ".key")));
                 JournalWriter writer = journal.newWriter()) {
                alice = journal.devices().register("alice");
                final long bob = journal.devices().register("bob");
                for (int i = 0; i < 10; i++) {
                    writer.move(alice, 1_000 + i, i, i, 0);
                    writer.move(bob, 1_000 + i, i, i, 0);
                }
            }
            final List<String> expected = ScanRows.scan(journalDir, Scan.builder().build());
            final Dataset<Row> events = spark.read().format("spoor").load(journalDir.toString());
            assertEquals(expected, ScanRows.of(events.collectAsList()));
            final String shown = isDictionary ? "alice" : String.format("%016x", alice);
            assertTrue(expected.get(0).contains("|" + shown + "|") || expected.get(10).contains("|" + shown + "|"),
                expected.get(0));
            assertEquals(10, events.where(col("device").equalTo(shown)).count(), "device = '" + shown + "'");
            assertEquals(10, events.where(col("device_id").equalTo(alice)).count());
        }
    }

    @Test
    void oneDeviceOneHourPlansAndReadsOnlyThatDevicesBlocks() {
        // Four devices, an event every 2 s for 6 h, 64-event blocks: ~170 blocks per device, ~29 in an hour.
        final Path steady = dir.resolve("steady").resolve("s");
        CollectorMain.write(steady, "st", 4, 6 * 1_800, 2_000, BLOCK_EVENTS);
        final String device = "st-2";
        final long fromNs = CollectorMain.EPOCH_NS + GeneratedJournal.HOUR_NS * 5 / 2;
        final long toNs = fromNs + GeneratedJournal.HOUR_NS;
        final Dataset<Row> hour = spark.read().format("spoor").option("blocksPerPartition", "8")
            .option("driverReadEvents", "0").load(dir.resolve("steady") + "/*," + dir.resolve("collectors") + "/*")
            .where(col("device").equalTo(device)
                .and(col("time").geq(lit(Timestamp.from(Instant.ofEpochSecond(0, fromNs)))))
                .and(col("time").lt(lit(Timestamp.from(Instant.ofEpochSecond(0, toNs))))));
        final List<String> expected = ScanRows.scan(steady, Scan.builder().deviceKeys(device).from(fromNs).to(toNs)
            .build());
        final long blocksToRead = ScanRows.lastStats.blocksRead();
        final long blocksInJournal = ScanRows.scan(steady, Scan.builder().build()).size() / BLOCK_EVENTS;
        assertTrue(expected.size() == 1_800 && blocksToRead > 20 && blocksToRead * 20 < blocksInJournal,
            "a test of pushdown wants a few of many blocks: " + blocksToRead + " of ~" + blocksInJournal);

        assertEquals(expected, ScanRows.of(hour.collectAsList()));

        final BatchScanExec scan = scanNode(hour.queryExecution().executedPlan());
        final long deviceId;
        try (Journal journal = Journal.openReadOnly(steady)) {
            deviceId = journal.devices().lookup(device);
        }
        long planned = 0;
        final List<InputPartition> partitions = CollectionConverters.asJava(scan.inputPartitions());
        for (final InputPartition p : partitions) {
            final SpoorPartition partition = (SpoorPartition)p;
            assertEquals(steady.toString(), partition.journal());
            assertTrue(partition.blocks() <= 8, partition.toString());
            for (int i = 0; i < partition.blocks(); i++) {
                assertEquals(deviceId, partition.deviceId(i), "a block of another device was planned");
            }
            planned += partition.blocks();
        }
        assertEquals(blocksToRead, planned, "blocks planned");
        assertEquals((blocksToRead + 7) / 8, partitions.size(), "partitions");
        assertEquals(blocksToRead, scan.metrics().apply(SpoorMetrics.BLOCKS_DECODED).value(), "blocks decoded");
        assertEquals(expected.size(), scan.metrics().apply(SpoorMetrics.EVENTS_RETURNED).value(), "events returned");

        final String explained = hour.queryExecution().executedPlan().toString();
        assertTrue(explained.contains("PushedFilters: [EqualTo(device," + device + ")"), explained);
        assertTrue(explained.contains("GreaterThanOrEqual(time,") && explained.contains("LessThan(time,"), explained);
        assertTrue(!explained.contains("Filter "), "Spark must not filter again what Spoor applied: " + explained);
    }

    @Test
    void aJournalWithADamagedCycleFileIsRefusedNamingIt() throws Exception {
        final Path damaged = dir.resolve("damaged");
        new DamagedJournal(damaged, 3, 2_000);
        final Path cut;
        try (Stream<Path> listed = Files.list(damaged.resolve("queue"))) {
            cut = listed.filter(p -> p.toString().endsWith(".cq4")).sorted().skip(1).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(cut.toFile(), "rw")) {
            file.setLength(Files.size(cut) / 40); // inside the excerpts the journal knows of
        }
        for (final String limit : new String[] {"65536", "0"}) {
            final Exception refused = assertThrows(Exception.class, () -> spark.read().format("spoor")
                .option("driverReadEvents", limit).load(damaged.toString()).collectAsList());
            final StringBuilder messages = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertTrue(messages.toString().contains("damaged cycle files") && messages.toString().contains(
                cut.getFileName().toString()) && messages.toString().contains("spoor repair"), messages.toString());
        }
    }

    @Test
    void aFewBlocksAreReadOnTheDriverAsTasksWouldReadThem() {
        final Path steady = dir.resolve("driver").resolve("s");
        CollectorMain.write(steady, "dr", 3, 3_000, 1_000, BLOCK_EVENTS);
        final long fromNs = CollectorMain.EPOCH_NS + 600_000_000_000L;
        final long toNs = fromNs + 300_000_000_000L;
        final List<String> expected = ScanRows.scan(steady, Scan.builder().deviceKeys("dr-1").from(fromNs).to(toNs)
            .build());
        assertTrue(expected.size() == 300, "five minutes of one device: " + expected.size());
        for (final String limit : new String[] {"65536", "0"}) {
            final Dataset<Row> picked = spark.read().format("spoor").option("driverReadEvents", limit)
                .load(steady.toString()).where(col("device").equalTo("dr-1").and(col("ts_nanos").geq(fromNs))
                    .and(col("ts_nanos").lt(toNs)));
            assertEquals(expected, ScanRows.of(picked.collectAsList()), "driverReadEvents=" + limit);
            final String plan = picked.queryExecution().executedPlan().toString();
            assertEquals("0".equals(limit), plan.contains("BatchScan"), plan);
            assertEquals(!"0".equals(limit), plan.contains("LocalTableScan"), plan);
        }
        final Dataset<Row> everything = spark.read().format("spoor").option("driverReadEvents", "8999")
            .load(steady.toString());
        assertTrue(everything.queryExecution().executedPlan().toString().contains("BatchScan"),
            "9,000 planned events are more than 8,999: tasks read them");
        assertEquals(9_000, everything.collectAsList().size());
    }

    private static BatchScanExec scanNode(final SparkPlan plan) {
        for (final SparkPlan leaf : CollectionConverters.asJava(plan.collectLeaves())) {
            if (leaf instanceof BatchScanExec) {
                return (BatchScanExec)leaf;
            }
        }
        throw new AssertionError("no BatchScanExec in " + plan);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.ChildJvm;
import dev.spoor.query.scan.Scan;
import dev.spoor.testkit.ChildProcesses;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executors in JVMs of their own: three collector processes write three journals, then a {@code local-cluster}
 * Spark (a master, two workers and their executor JVMs, started by Spark inside and beside this JVM) reads
 * {@code collectors/*}; every row equals the query module's scan of the same journals. The executors get the
 * Chronicle flags through {@code spark.executor.extraJavaOptions}, and this JVM's classpath (Spark's test mode
 * hands it to them: {@code spark.testing}), as a real job gets the connector jar through {@code spark.jars}.
 */
class MultiProcessReadTest {
    private static final int COLLECTORS = 3;
    private static final int DEVICES = 3;
    private static final int EVENTS = 4_000;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void executorsInOtherJvmsReadEveryRowThreeCollectorsWrote() throws Exception {
        final long startNs = System.nanoTime();
        final Path collectors = dir.resolve("collectors");
        Files.createDirectories(collectors);
        final List<Process> writers = new ArrayList<>();
        for (int c = 0; c < COLLECTORS; c++) {
            writers.add(children.start(ChildJvm.builder(CollectorMain.class, false, collectors.resolve("c" + c)
                .toString(), "host" + c, Integer.toString(DEVICES), Integer.toString(EVENTS), "250", "128")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)));
        }
        for (final Process writer : writers) {
            assertEquals(0, children.waitFor(writer, Duration.ofMinutes(2)), "collector exit code");
        }
        final long writtenNs = System.nanoTime();
        final List<String> expected = new ArrayList<>();
        for (int c = 0; c < COLLECTORS; c++) {
            expected.addAll(ScanRows.scan(collectors.resolve("c" + c), Scan.builder().build()));
        }
        expected.sort(null);
        assertEquals(COLLECTORS * DEVICES * EVENTS, expected.size());

        // Workers build the executor command from a Spark home: an empty build tree's markers are enough here, as
        // in test mode the executors' classpath is this JVM's.
        final Path sparkHome = dir.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("launcher").resolve("target").resolve("scala-2.13"));
        Files.createDirectories(sparkHome.resolve("assembly").resolve("target").resolve("scala-2.13").resolve("jars"));
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", sparkHome.toString());
        final SparkSession spark = SparkSessions.builder("local-cluster[2,1,1024]")
            .config("spark.executor.memory", "512m")
            .config("spark.executor.extraJavaOptions", System.getProperty("spoor.jvm.flags"))
            .getOrCreate();
        final long startedNs = System.nanoTime();
        try {
            // Every read in the executors, whatever its size (small reads are otherwise read on the driver).
            final Dataset<Row> events = spark.read().format("spoor").option("blocksPerPartition", "20")
                .option("driverReadEvents", "0").load(collectors + "/*");
            final List<Row> rows = events.collectAsList();
            assertEquals(expected, ScanRows.of(rows));
            assertTrue(events.rdd().getNumPartitions() >= COLLECTORS * 2, "partitions: "
                + events.rdd().getNumPartitions());
            assertEquals(2, spark.sparkContext().getExecutorIds().size(), "executor JVMs");
            final long readNs = System.nanoTime();
            System.err.printf("MultiProcessReadTest: collectors %d ms, Spark start %d ms, read and compare %d ms%n",
                (writtenNs - startNs) / 1_000_000, (startedNs - writtenNs) / 1_000_000,
                (readNs - startedNs) / 1_000_000);
        } finally {
            spark.stop();
            System.clearProperty("spark.testing");
            System.clearProperty("spark.test.home");
        }
    }
}

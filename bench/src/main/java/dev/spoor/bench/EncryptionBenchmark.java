/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.query.scan.Scan;
import dev.spoor.query.scan.Scanner;
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
 * What per-device encryption (AES-256-GCM, the price of erasure) costs: ingest of 2 Mi synthetic mouse
 * events from 1,000 devices into a fresh journal, close included, and a full scan of such a journal, with
 * encryption off and on. Scores are events/s.
 * <pre>
 *   bench/jmh EncryptionBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EncryptionBenchmark {
    static final int EVENTS = 1 << 21;

    /** The events, a scanned journal, and a folder for fresh journals. */
    @State(Scope.Benchmark)
    public static class Data {
        @Param({"false", "true"})
        boolean encrypted;

        SyntheticMouse mouse;
        Path root;
        Journal scanned;
        Scanner scanner;
        int next;

        /** Generates the events and writes the journal to scan. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            mouse = new SyntheticMouse(EVENTS, 1_000, 5);
            root = Files.createTempDirectory("spoor-encryption-bench");
            final Path dir = root.resolve("scanned");
            write(this, dir);
            scanned = Journal.openReadOnly(dir);
            scanner = new Scanner(scanned);
        }

        /** Deletes everything. */
        @TearDown(Level.Trial)
        public void tearDown() {
            scanner.close();
            scanned.close();
            Cleanup.delete(root);
        }
    }

    static void write(final Data data, final Path dir) {
        final JournalConfig config = new JournalConfig().maxOpenBlocks(1_000)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(data.encrypted));
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final SyntheticMouse m = data.mouse;
            for (int i = 0; i < EVENTS; i++) {
                writer.move(m.device[i], m.timestampNs[i], m.x[i], m.y[i], 0);
            }
        }
    }

    /** Appends the events through a writer, encrypted or not per the parameter; events/s. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void ingest(final Data data) {
        final Path dir = data.root.resolve("ingest-" + data.next++);
        write(data, dir);
        Cleanup.delete(dir);
    }

    /** Scans every event back, decrypting when the journal encrypts; events/s. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long fullScan(final Data data) {
        return data.scanner.scan(Scan.builder().build(), e -> { }).eventsReturned();
    }
}

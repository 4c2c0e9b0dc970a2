/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ChildProcesses;
import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a real writer process with SIGKILL at random moments and checks, after recovery, that every event
 * whose append returned before the kill is in the journal exactly once, that nothing else is (per device
 * the journal holds a prefix of what was sent), and that the journal verifies clean.
 * Runs: {@code -Dspoor.crash.runs=N} (20 by default, scaled in the crash-soak profile). Leaves the reliability row
 * "ingest (appends)".
 */
class CrashRecoveryTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int RUNS = KillHarness.kills("spoor.crash.runs", 20);
    private static final long BASE_SEED = Long.getLong("spoor.test.seed", 0xC4A5_4L);
    private static final int DEVICES = 24;

    @TempDir
    Path root;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // the crash-soak profile runs six times the kills
    void shouldKeepEveryAcknowledgedEventExactlyOnceAcrossKills() throws Exception {
        final Random delays = new Random(BASE_SEED);
        long recovered = 0;
        long acknowledged = 0;
        long found = 0;
        for (int run = 0; run < RUNS; run++) {
            final long seed = BASE_SEED + run;
            final Path dir = root.resolve("run-" + run);
            final long acked = runAndKill(dir, seed, 200 + delays.nextInt(1500));
            final long[] counts = checkRecovered(dir, seed, acked);
            recovered += counts[0];
            acknowledged += acked;
            found += counts[1];
            KillHarness.delete(dir);
        }
        System.out.println("CrashRecoveryTest: " + RUNS + " kills, " + recovered + " events checked (base seed "
            + BASE_SEED + ")");
        ReliabilityLog.record("SIGKILL", KillHarness.operation("ingest (appends)"), RUNS, acknowledged, found,
            KillHarness.reproduce("./mvnw -B -o verify -pl core -am -Dtest=CrashRecoveryTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dspoor.test.seed=" + BASE_SEED));
        assertEquals(acknowledged, found, "base seed " + BASE_SEED);
    }

    /** Starts the writer, kills it with SIGKILL after {@code delayMs} of appending; returns events acked. */
    private long runAndKill(final Path dir, final long seed, final long delayMs) throws Exception {
        final Process child = children.start(ChildJvm.quick(CrashWriterMain.class, false, dir.toString(),
            Long.toString(seed), Integer.toString(DEVICES)).redirectErrorStream(true));
        final AtomicLong acked = new AtomicLong();
        final StringBuilder output = new StringBuilder();
        final Thread pump = new Thread(() -> pumpOutput(child, acked, output));
        pump.start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acked.get() == 0 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(delayMs);
        // Through the handle: Process.destroyForcibly() would close our end of the pipe and lose the "acked" lines
        // the pump has not read yet (see KillHarness).
        child.toHandle().destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        pump.join();
        if (acked.get() == 0) {
            fail("seed=" + seed + ": writer acknowledged nothing before the kill; its output:\n" + output);
        }
        return acked.get();
    }

    private static void pumpOutput(final Process child, final AtomicLong acked, final StringBuilder output) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acked.set(Long.parseLong(line.substring(6)));
                } else if (output.length() < 20_000) {
                    output.append(line).append('\n');
                }
            }
        } catch (final IOException ignored) {
            // the child was killed: its pipe closes
        }
    }

    /** @return {events recovered, acknowledged events among them}. */
    private static long[] checkRecovered(final Path dir, final long seed, final long acked) {
        final Map<Long, List<long[]>> actual;
        try (Journal journal = Journal.open(dir, CrashWriterMain.config())) {
            assertTrue(journal.recovery().eventsRecovered() > 0, "seed=" + seed + ": a killed writer always leaves"
                + " staged events, yet recovery found none: " + journal.recovery());
            actual = JournalEvents.readAll(journal);
            assertEquals("", duplicateSealIds(journal), "seed=" + seed + ": blocks written twice");
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), "seed=" + seed + ": " + report);
        }
        final long total = actual.values().stream().mapToLong(List::size).sum();
        final Map<Long, List<long[]>> expected = expectedStream(seed, total + acked + 10_000);
        final Map<Long, Integer> ackedPerDevice = ackedPerDevice(seed, acked);
        for (final Map.Entry<Long, List<long[]>> device : actual.entrySet()) {
            final List<long[]> want = expected.get(device.getKey());
            final List<long[]> got = device.getValue();
            assertTrue(want != null && got.size() <= want.size(), "seed=" + seed + ": unknown device or too many "
                + "events for " + device.getKey());
            for (int i = 0; i < got.size(); i++) {
                assertTrue(Arrays.equals(want.get(i), got.get(i)), "seed=" + seed + " device=" + device.getKey()
                    + " event " + i + ": expected " + Arrays.toString(want.get(i)) + " found "
                    + Arrays.toString(got.get(i)) + " (a loss, duplicate or reorder)");
            }
        }
        long found = 0;
        for (final Map.Entry<Long, Integer> device : ackedPerDevice.entrySet()) {
            final int present = actual.getOrDefault(device.getKey(), List.of()).size();
            assertTrue(present >= device.getValue(), "seed=" + seed + " device=" + device.getKey() + ": "
                + device.getValue() + " events acknowledged but only " + present + " recovered");
            found += Math.min(present, device.getValue());
        }
        assertTrue(total >= acked, "seed=" + seed + ": " + acked + " acknowledged, " + total + " recovered");
        return new long[] {total, found};
    }

    /** Seal ids that more than one excerpt carries: the signature of a block sealed twice. */
    private static String duplicateSealIds(final Journal journal) {
        final Map<Long, List<String>> bySealId = new HashMap<>();
        try (QueueStore.Cursor cursor = journal.queue().cursor().after(-1)) {
            while (cursor.next()) {
                final long sealId = LittleEndian.getLong(cursor.bytes(), 0);
                bySealId.computeIfAbsent(sealId, k -> new ArrayList<>()).add(Long.toHexString(cursor.index()));
            }
        }
        final StringBuilder duplicates = new StringBuilder();
        bySealId.forEach((sealId, indexes) -> {
            if (indexes.size() > 1) {
                duplicates.append(Long.toHexString(sealId)).append(" at ").append(indexes).append("; ");
            }
        });
        return duplicates.toString();
    }

    private static Map<Long, List<long[]>> expectedStream(final long seed, final long events) {
        final JournalEvents.Stream stream = new JournalEvents.Stream(seed, DEVICES);
        final Map<Long, List<long[]>> byDevice = new HashMap<>();
        for (long i = 0; i < events; i++) {
            final long[] e = stream.next();
            byDevice.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e);
        }
        return byDevice;
    }

    private static Map<Long, Integer> ackedPerDevice(final long seed, final long acked) {
        final JournalEvents.Stream stream = new JournalEvents.Stream(seed, DEVICES);
        final Map<Long, Integer> counts = new HashMap<>();
        for (long i = 0; i < acked; i++) {
            counts.merge(stream.next()[0], 1, Integer::sum);
        }
        assertEquals(acked, counts.values().stream().mapToLong(Integer::longValue).sum());
        return counts;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ReliabilityLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A journal on a real 8 MiB tmpfs, with a filler file of a random size taking the rest, so that space runs out at a
 * different moment of each run: a staging slot growing, a block being sealed, a roll to a new cycle file, the index
 * written on close. Every refusal must be a {@link DiskFullException} (never a crash), and after the filler is
 * deleted the same writer (half the runs, at random) or a reopened journal carries on; the journal then holds every
 * acknowledged event exactly once and verifies clean.
 */
@Timeout(600)
class DiskFullTest {
    private static final int RUNS = Integer.getInteger("spoor.diskfull.runs", 20);
    private static SmallFileSystem fs;
    /** Where space ran out, by what was being written, over the runs. */
    private static final Map<String, Integer> WHERE = new TreeMap<>();

    @BeforeAll
    static void mount() throws Exception {
        fs = SmallFileSystem.mount(8);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    @Test
    void shouldRefuseAppendsOnFullDiskAndKeepEveryAcknowledgedEvent() throws Exception {
        final long seed = Long.getLong("spoor.seed", System.nanoTime());
        System.out.println("DiskFullTest seed=" + seed + " (replay with -Dspoor.seed=" + seed + ")");
        final long started = System.nanoTime();
        long acknowledged = 0;
        long found = 0;
        int refusals = 0;
        for (int run = 0; run < RUNS; run++) {
            final Result result = run(seed + run);
            acknowledged += result.acknowledged;
            found += result.found;
            refusals += result.refusals;
        }
        System.out.printf("DiskFullTest: %d runs, %d events acknowledged, %d found, %d refusals, %.1f s; space ran"
            + " out writing %s%n", RUNS, acknowledged, found, refusals, (System.nanoTime() - started) / 1e9, WHERE);
        ReliabilityLog.record("disk full", "append", RUNS, acknowledged, found,
            "./mvnw -B -o verify -pl core -am -Dtest=DiskFullTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dspoor.seed=" + seed);
        assertEquals(acknowledged, found, "seed=" + seed);
        assertTrue(WHERE.keySet().stream().noneMatch(what -> what.startsWith("other: ")), "every refusal says it is"
            + " the disk, naming what it was writing where: " + WHERE + "; seed=" + seed);
    }

    @Test
    void shouldReadStatsAndVerifyOnFullDisk() throws Exception {
        fs.clear();
        final Path dir = fs.root().resolve("journal");
        final ManualClock clock = new ManualClock(1_767_600_000_000L);
        final JournalConfig config = new JournalConfig().blockEvents(1024).clock(clock);
        final Random random = new Random(42);
        final long events = 200_000;
        try (Journal journal = Journal.open(dir, config); JournalWriter writer = journal.newWriter()) {
            final long[] ids = {journal.devices().register("a"), journal.devices().register("b")};
            for (long n = 0; n < events; n++) {
                offer(writer, ids, n, random);
                if (n == events / 2) {
                    clock.advance(3_600_000); // two cycle files
                }
            }
        }
        fs.fill("filler", 16L << 20);
        assertEquals(0, fs.freeBytes(), "the file system is full");
        assertEquals(events, AcknowledgedEvents.check(dir, events, "read-only on a full disk"));
        try (Journal journal = Journal.openReadOnly(dir); JournalTailer tailer = journal.newTailer()) {
            assertEquals(events, journal.stats().events());
            long blocks = 0;
            int polled;
            while ((polled = tailer.poll((p, d, b, o, l) -> true, 64)) > 0) {
                blocks += polled;
            }
            assertEquals(journal.stats().blocks(), blocks);
        }
        try (Journal journal = Journal.open(dir, config)) {
            // Opening to write on a full disk works too (nothing to recover); the index is not rewritten.
            assertEquals(events, journal.stats().events());
        } catch (final DiskFullException refused) {
            assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
        }
    }

    /**
     * A sealing thread refused by the full disk retries every 10 ms; an append made right after space is freed
     * must not be answered with the refusal from before (a race once seen in this test's runs).
     */
    @Test
    void shouldAcceptTheFirstAppendAfterSpaceIsFreed() throws Exception {
        for (int run = 0; run < 5; run++) {
            fs.clear();
            final Path filler = fs.fill("filler", 6L << 20);
            final Path dir = fs.root().resolve("journal");
            final JournalConfig config = new JournalConfig().blockEvents(256).maxOpenBlocks(4)
                .clock(new ManualClock(1_767_600_000_000L)).backgroundSealing(true);
            final Random random = new Random(run);
            final Journal journal = Journal.open(dir, config);
            try {
                final JournalWriter writer = journal.newWriter();
                final long[] ids = {journal.devices().register("a")};
                long next = 0;
                try {
                    while (next < 5_000_000) {
                        offer(writer, ids, next, random);
                        next++;
                    }
                    fail("the disk never filled");
                } catch (final DiskFullException expected) {
                    // the sealing thread now waits for space
                }
                Files.delete(filler);
                offer(writer, ids, next++, random); // no retry: the very next append is taken
                writer.close();
                journal.close();
                assertEquals(next, AcknowledgedEvents.check(dir, next, "run " + run));
            } finally {
                closeQuietly(journal);
            }
        }
    }

    private static final class Result {
        long acknowledged;
        long found;
        int refusals;
    }

    private Result run(final long seed) throws Exception {
        final Random random = new Random(seed);
        fs.clear();
        // At least 2 MiB, so that deleting it leaves room to go on; at most 7 MiB of the 8.
        final long fillerBytes = (2 << 20) + random.nextInt(5 << 20);
        final Path filler = fs.fill("filler", fillerBytes);
        final Path dir = fs.root().resolve("journal");
        final ManualClock clock = new ManualClock(1_767_600_000_000L + random.nextInt(3_600_000));
        final int[] blockEventChoices = {256, 1024, 4096};
        final JournalConfig config = new JournalConfig().blockEvents(blockEventChoices[random.nextInt(3)])
            .maxOpenBlocks(64).clock(clock).backgroundSealing(random.nextBoolean());
        final String where = "seed=" + seed + " filler=" + fillerBytes + " " + config;
        Journal journal = Journal.open(dir, config);
        try {
            return run(journal, filler, config, random, where);
        } finally {
            closeQuietly(journal);
        }
    }

    private Result run(final Journal opened, final Path filler, final JournalConfig config, final Random random,
        final String where) throws Exception {
        final Path dir = opened.directory();
        final ManualClock clock = (ManualClock)config.clock();
        final boolean isSameWriter = random.nextBoolean();
        final int devices = 1 + random.nextInt(16);
        final int rollEvery = 20_000 + random.nextInt(400_000);
        final Result result = new Result();
        Journal journal = opened;
        JournalWriter writer = journal.newWriter();
        final long[] ids = new long[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = journal.devices().register("device-" + d);
        }
        long next = 0; // events 0..next-1 are acknowledged; event `next` is the one being offered
        DiskFullException full = null;
        while (full == null && next < 5_000_000) {
            try {
                offer(writer, ids, next, random);
                next++;
                if (next % rollEvery == 0) {
                    clock.advance(3_600_000);
                }
            } catch (final DiskFullException e) {
                full = e;
            }
        }
        assertTrue(full != null, "the disk never filled: " + where);
        result.refusals++;
        count(full);
        assertTrue(full.getMessage().contains(dir.toString()) && full.getMessage().contains("needs "),
            "the refusal names the directory and the space needed: " + full.getMessage());
        if (isSameWriter) {
            Files.delete(filler);
            next = retryUntilAccepted(writer, ids, next, random, where);
        } else {
            closeQuietly(journal);
            try (Journal stillFull = Journal.open(dir, config)) {
                // the recovery fitted in what was left: fine as well
                stillFull.checkOpen();
            } catch (final JournalException refused) {
                result.refusals++;
                count(refused);
            }
            Files.delete(filler);
            journal = Journal.open(dir, config);
            writer = journal.newWriter();
        }
        try {
            return finish(journal, writer, ids, next, random, result, where);
        } finally {
            closeQuietly(journal);
        }
    }

    private Result finish(final Journal journal, final JournalWriter writer, final long[] ids, final long offered,
        final Random random, final Result result, final String where) {
        final Path dir = journal.directory();
        long next = offered;
        final long more = 1_000 + random.nextInt(20_000);
        for (long i = 0; i < more; i++) {
            offer(writer, ids, next++, random);
        }
        writer.close();
        journal.close();
        result.acknowledged = next;
        result.found = AcknowledgedEvents.check(dir, next, where);
        return result;
    }

    /** Counts what was being written when space ran out: the words between "device for" and " in ". */
    private static void count(final JournalException refusal) {
        final String message = String.valueOf(refusal.getMessage());
        final int from = message.indexOf("device for ");
        final int to = from < 0 ? -1 : message.indexOf(" in ", from);
        final String what = to < 0 ? "other: " + message : message.substring(from + 11, to)
            .replaceAll("[0-9]+", "N");
        WHERE.merge(what, 1, Integer::sum);
    }

    private static long retryUntilAccepted(final JournalWriter writer, final long[] ids, final long next,
        final Random random, final String where) throws InterruptedException {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                offer(writer, ids, next, random);
                return next + 1;
            } catch (final DiskFullException e) {
                if (System.nanoTime() > deadline) {
                    fail("still refused 10 s after space was freed: " + e.getMessage() + " " + where);
                }
                Thread.sleep(5);
            }
        }
    }

    /** Event n: device n % devices, timestamp BASE + n us (unique), a random position (compresses badly). */
    private static void offer(final JournalWriter writer, final long[] ids, final long n, final Random random) {
        final int x = random.nextInt(4000);
        final int y = random.nextInt(3000);
        writer.move(ids[(int)(n % ids.length)], AcknowledgedEvents.timestampNs(n), x, y, 0);
    }

    private static void closeQuietly(final Journal journal) {
        try {
            journal.close(); // closing twice is allowed
        } catch (final JournalException expected) {
            // disk full on close: what was staged stays in the staging file for the next open
        }
    }
}

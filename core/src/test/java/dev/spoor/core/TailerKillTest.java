/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockLayout;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A follower ({@link TailerMain}) in one JVM tails a journal that a collector ({@link LiveWriterMain}) in another
 * JVM fills, across roll cycles, while retention deletes old cycles. The follower is killed with SIGKILL at
 * random moments (while it starts, or up to 2 s after it reported ready) and restarted from the position in its
 * record; once, it stays down long enough for retention to delete the cycle of its position. At the end every
 * block the journal holds appears in the record exactly once, no block appears twice, and positions only
 * increase. Seed: {@code -Dspoor.tailer.seed=N} (random otherwise, printed).
 */
class TailerKillTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final long SEED = Long.getLong("spoor.tailer.seed", System.nanoTime());
    private static final int MIN_KILLS = 5;
    /** The writer stops when told to, or after this long. */
    private static final long WRITER_MAX_MS = 180_000;
    /** Long enough for the fast clock to pass two cycles and retention (every 2 s, keep an hour) to run. */
    private static final long OUTAGE_MS = 8_000;

    @TempDir
    Path root;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyBlockReachesARestartedFollowerExactlyOnce() throws Exception {
        System.out.println("TailerKillTest seed=" + SEED);
        final Random random = new Random(SEED);
        final Path dir = root.resolve("journal");
        final Path record = root.resolve("record.txt");
        final Path stop = root.resolve("stop");
        final Path writerStop = root.resolve("writer-stop");
        final Child writer = Child.start(children, LiveWriterMain.class, dir.toString(), Long.toString(SEED),
            Long.toString(WRITER_MAX_MS), writerStop.toString());
        writer.awaitLine("ready", 60);
        int kills = 0;
        int killsWithProgress = 0;
        boolean hadOutage = false;
        long skips = 0;
        try {
            while (killsWithProgress < MIN_KILLS || !hadOutage) {
                assertTrue(writer.process.isAlive(), "seed=" + SEED + ": writer ended early:\n" + writer.output());
                final long linesBefore = lines(record);
                final Child follower = Child.start(children, TailerMain.class, dir.toString(), record.toString(),
                    stop.toString());
                if (random.nextInt(4) == 0) {
                    Thread.sleep(200 + random.nextInt(1_000));   // maybe while it opens or cuts a torn line
                } else {
                    follower.awaitLine("ready", 60);
                    Thread.sleep(random.nextInt(2_000));
                }
                if (!follower.process.isAlive()) {
                    fail("seed=" + SEED + ": the follower died on its own:\n" + follower.output());
                }
                follower.process.destroyForcibly();
                assertTrue(follower.process.waitFor(30, TimeUnit.SECONDS), "seed=" + SEED + ": follower survived");
                follower.drain();
                skips += follower.skips.get();
                kills++;
                if (lines(record) > linesBefore) {
                    killsWithProgress++;
                }
                if (kills == 2 && !hadOutage) {
                    hadOutage = true;
                    Thread.sleep(OUTAGE_MS);
                }
            }
            Files.createFile(writerStop);
            assertTrue(writer.process.waitFor(60, TimeUnit.SECONDS), "seed=" + SEED + ": writer did not finish");
            writer.drain();
            assertEquals(0, writer.process.exitValue(), "seed=" + SEED + ": writer failed:\n" + writer.output());
            Files.createFile(stop);
            final Child last = Child.start(children, TailerMain.class, dir.toString(), record.toString(),
                stop.toString());
            assertTrue(last.process.waitFor(120, TimeUnit.SECONDS), "seed=" + SEED + ": the last follower did not"
                + " catch up");
            last.drain();
            assertEquals(0, last.process.exitValue(), "seed=" + SEED + ": " + last.output());
            skips += last.skips.get();
        } finally {
            writer.process.destroyForcibly();
        }
        final int checked = check(dir, record);
        System.out.println("TailerKillTest seed=" + SEED + ": " + kills + " SIGKILLs (" + killsWithProgress
            + " after recording blocks), " + checked + " blocks in the journal each recorded once, "
            + lines(record) + " recorded in all, " + skips + " resumes past cycles retention deleted; writer: "
            + writer.output().replace('\n', ' '));
        assertTrue(kills >= MIN_KILLS && killsWithProgress >= MIN_KILLS, "seed=" + SEED + ": " + kills
            + " kills, " + killsWithProgress + " of them after progress");
    }

    /** Compares the record with the journal; returns the number of blocks the journal holds. */
    private static int check(final Path dir, final Path record) throws IOException {
        final List<String[]> recorded = new ArrayList<>();
        for (final String line : Files.readAllLines(record, StandardCharsets.US_ASCII)) {
            recorded.add(line.split(" "));
        }
        final Set<String> identities = new HashSet<>();
        final Map<Long, String> byPosition = new HashMap<>();
        long previous = Long.MIN_VALUE;
        for (final String[] r : recorded) {
            final long position = Long.parseLong(r[0]);
            assertTrue(position > previous, "seed=" + SEED + ": positions must only increase: 0x"
                + Long.toHexString(previous) + " then 0x" + Long.toHexString(position) + " (a repeat or reorder)");
            previous = position;
            final String identity = r[1] + " " + r[2] + " " + r[3] + " " + r[4];
            assertTrue(identities.add(identity), "seed=" + SEED + ": block " + identity + " recorded twice");
            byPosition.put(position, identity);
        }
        final int[] held = {0};
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            reader.readAll((position, device, buffer, offset, length) -> {
                held[0]++;
                final String identity = device + " "
                    + buffer.getLong(offset + BlockLayout.MIN_TIMESTAMP_OFFSET, ByteOrder.LITTLE_ENDIAN) + " "
                    + buffer.getInt(offset + BlockLayout.COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN) + " "
                    + buffer.getInt(offset + BlockLayout.CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
                assertEquals(identity, byPosition.get(position), "seed=" + SEED + ": the journal's block at 0x"
                    + Long.toHexString(position) + " is missing from the record or differs");
                return true;
            });
            final long firstKept = journal.queue().firstIndex();
            final long recordedInKeptCycles = byPosition.keySet().stream().filter(p -> p >= firstKept).count();
            assertEquals(held[0], recordedInKeptCycles, "seed=" + SEED + ": the record holds blocks of kept cycles"
                + " the journal does not");
        }
        assertTrue(held[0] > 100, "seed=" + SEED + ": only " + held[0] + " blocks: the writer hardly wrote");
        return held[0];
    }

    private static long lines(final Path record) throws IOException {
        if (!Files.exists(record)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(record, StandardCharsets.US_ASCII)) {
            return lines.count();
        }
    }

    /** A child JVM whose output is pumped on a thread: lines are kept, and a few are watched. */
    private static final class Child {
        final Process process;
        final StringBuilder output = new StringBuilder();
        final AtomicLong skips = new AtomicLong();
        final Thread pump;

        private Child(final Process process) {
            this.process = process;
            this.pump = new Thread(this::pump, "child-output");
            pump.setDaemon(true);
            pump.start();
        }

        static Child start(final ChildProcesses children, final Class<?> main, final String... args)
            throws IOException {
            return new Child(children.start(ChildJvm.builder(main, false, args).redirectErrorStream(true)));
        }

        void awaitLine(final String prefix, final long seconds) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                if (output().lines().anyMatch(line -> line.startsWith(prefix))) {
                    return;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(10);
            }
            process.destroyForcibly();
            fail("seed=" + SEED + ": no '" + prefix + "' from the child within " + seconds + " s:\n" + output());
        }

        void drain() throws InterruptedException {
            pump.join(TimeUnit.SECONDS.toMillis(30));
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }

        private void pump() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("skips ")) {
                        skips.set(Long.parseLong(line.substring(6)));
                    }
                    if (line.startsWith("SLF4J")) {
                        continue;
                    }
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (final IOException ignored) {
                // the child was killed: its pipe closed
            }
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reader in a second JVM sees blocks as this JVM seals them, without reopening, and only whole ones. */
class CrossProcessReaderTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final int ROUNDS = 5;
    private static final int EVENTS_PER_ROUND = 10_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void readerInAnotherProcessSeesNewBlocksWithoutReopening() throws Exception {
        final long total = (long)ROUNDS * EVENTS_PER_ROUND;
        final List<Long> seen = new ArrayList<>();
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(1024));
             JournalWriter writer = journal.newWriter()) {
            appendRound(writer, 0);
            writer.flush();
            final Process reader = children.start(ChildJvm.builder(ReaderMain.class, false, dir.toString(),
                Long.toString(total)).redirectErrorStream(true));
            try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (int round = 1; round <= ROUNDS; round++) {
                    waitForCount(out, seen, (long)round * EVENTS_PER_ROUND);
                    if (round < ROUNDS) {
                        appendRound(writer, round);
                        writer.flush();
                    }
                }
                assertTrue(reader.waitFor(60, TimeUnit.SECONDS), "reader did not finish");
                assertEquals(0, reader.exitValue(), "reader failed; it saw " + seen);
            } finally {
                reader.destroyForcibly();
            }
        }
        assertEquals(total, seen.get(seen.size() - 1));
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "counts must only grow: " + seen);
        }
    }

    /**
     * A reader that opens a journal before its queue exists (a trainer started with a new collector, or after a
     * writer was killed creating the queue) sees the blocks a writer seals later: it used to read an empty stand-in
     * for good, with no error.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aReaderOpenedBeforeTheQueueExistsSeesTheBlocksSealedLater() throws Exception {
        final Path fresh = dir.resolve("fresh");
        Journal.open(fresh, new JournalConfig().blockEvents(1024)).close();
        try (Stream<Path> queue = Files.walk(fresh.resolve("queue"))) {
            for (final Path file : queue.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(file); // as a writer killed before it made its queue leaves the journal
            }
        }
        final long total = 2L * EVENTS_PER_ROUND;
        final List<Long> seen = new ArrayList<>();
        final Process reader = children.start(ChildJvm.builder(ReaderMain.class, false, fresh.toString(),
            Long.toString(total)).redirectErrorStream(true));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(),
            StandardCharsets.UTF_8))) {
            waitForCount(out, seen, 0, false); // open, on no queue yet
            try (Journal journal = Journal.open(fresh, new JournalConfig().blockEvents(1024));
                 JournalWriter writer = journal.newWriter()) {
                for (int round = 0; round < 2; round++) {
                    appendRound(writer, round);
                    writer.flush();
                    waitForCount(out, seen, (round + 1L) * EVENTS_PER_ROUND, false);
                }
            }
            assertTrue(reader.waitFor(60, TimeUnit.SECONDS), "reader did not finish");
            assertEquals(0, reader.exitValue(), "reader failed; it saw " + seen);
        } finally {
            reader.destroyForcibly();
        }
        assertEquals(total, seen.get(seen.size() - 1));
    }

    private static void appendRound(final JournalWriter writer, final int round) {
        for (int i = 0; i < EVENTS_PER_ROUND; i++) {
            writer.move(i % 13, 1_000_000_000L * round + i, i, round, 0);
        }
    }

    private static void waitForCount(final BufferedReader out, final List<Long> seen, final long count)
        throws Exception {
        waitForCount(out, seen, count, true);
    }

    /** @param isWholeRounds true when the reader reads only between flushes, so sees whole rounds only. */
    private static void waitForCount(final BufferedReader out, final List<Long> seen, final long count,
        final boolean isWholeRounds) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("SLF4J")) {
                continue;
            }
            if (!line.startsWith("seen ")) {
                throw new AssertionError("reader said: " + line);
            }
            final long events = Long.parseLong(line.split(" ")[2]);
            seen.add(events);
            if (isWholeRounds && events % EVENTS_PER_ROUND != 0) {
                throw new AssertionError("reader saw " + events + " events: a partial flush?");
            }
            if (events >= count) {
                return;
            }
        }
        throw new AssertionError("reader exited before seeing " + count + " events; saw " + seen);
    }
}

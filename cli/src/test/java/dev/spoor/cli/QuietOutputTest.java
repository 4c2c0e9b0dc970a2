/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.core.ChildJvm;
import dev.spoor.core.CrashWriterMain;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI as a user runs it, a real process without JUnit on its classpath, on journals left by writers killed
 * with SIGKILL: its standard error holds Spoor's own messages and nothing of Chronicle's (log lines, stack
 * traces), which go to the library log outside the journal; a real problem is still one clear line.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class QuietOutputTest {
    private static final Duration COMMAND_LIMIT = Duration.ofMinutes(2);

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    private final List<Run> runs = new ArrayList<>();

    @Test
    void readCommandsAreQuietOnJournalsOfKilledWriters() throws Exception {
        // Killed as soon as its writer is open (Chronicle's metadata file not written yet: its read-only open warns),
        // and killed mid-write with blocks sealed and staged.
        final Path early = killedWriter("early", 0);
        final Path mid = killedWriter("mid", 2_000);
        for (final Path journal : List.of(early, mid)) {
            final Set<String> before = listing(journal);
            for (final String command : List.of("stats", "scan", "verify")) {
                final Run run = spoor(command, "--journal", journal.toString());
                assertEquals(0, run.code, run.toString());
                assertQuiet(run);
            }
            assertEquals(before, listing(journal), "a read-only command left a file in " + journal);
        }
        final Run stats = spoor("stats", "--journal", mid.toString());
        assertTrue(stats.out.contains("events appended but not sealed yet"), "the killed writer's staged events are"
            + " named: " + stats);
        final Run verify = spoor("verify", "--journal", mid.toString());
        assertTrue(verify.out.contains("also staged: ") && verify.out.contains("events appended but not sealed yet"),
            "verify names them too: " + verify);
        final String log = Files.readString(dir.resolve("spoor.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("spoor stats --journal " + early), "each run heads its lines in the log:\n" + log);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
            "spoor.log"))), "command lines name devices: the log is its owner's only");
    }

    @Test
    void realProblemsAreOneLineInSpoorsWords() throws Exception {
        final Run missing = spoor("stats", "--journal", dir.resolve("no-such-journal").toString());
        assertEquals(1, missing.code, missing.toString());
        assertOneLine(missing, "spoor stats: --journal: " + dir.resolve("no-such-journal") + " is not a directory");

        final Path journal = killedWriter("damaged", 2_000);
        flipAByteInABlock(journal);
        final Run verify = spoor("verify", "--journal", journal.toString());
        assertEquals(1, verify.code, verify.toString());
        assertTrue(verify.out.contains("problem:"), verify.toString());
        assertQuiet(verify);
        final Run scan = spoor("scan", "--journal", journal.toString());
        assertEquals(1, scan.code, scan.toString());
        assertOneLine(scan, "spoor scan: ");
    }

    @Test
    void demoScanAndIngestAreQuiet() throws Exception {
        final Path demo = dir.resolve("demo");
        final Run run = spoor("demo", "--dir", demo.toString(), "--devices", "3", "--minutes", "2");
        assertEquals(0, run.code, run.toString());
        assertQuiet(run);
        final Path csv = dir.resolve("events.csv");
        final Run scan = spoor("scan", "--journal", demo.toString(), "--out", csv.toString());
        assertEquals(0, scan.code, scan.toString());
        assertQuiet(scan);
        final Run ingest = spoor("ingest", "--journal", dir.resolve("again").toString(), "--format", "csv",
            csv.toString());
        assertEquals(0, ingest.code, ingest.toString());
        assertTrue(ingest.out.contains("ingested"), ingest.toString());
        assertQuiet(ingest);
    }

    @Test
    void aFileProblemSaysWhyOnce() {
        final Path demo = dir.resolve("small");
        assertEquals(0, Cli.run("demo", "--dir", demo.toString(), "--devices", "2", "--minutes", "1").exitCode);
        final Path out = dir.resolve("no-such-folder").resolve("x.csv");
        final Cli scan = Cli.run("scan", "--journal", demo.toString(), "--out", out.toString());
        assertEquals(1, scan.exitCode, scan.toString());
        assertEquals("spoor scan: cannot write " + out + ": no such file or directory", scan.err.strip());
    }

    /** A journal whose writer ({@link CrashWriterMain}) was SIGKILLed {@code afterMs} after it was ready. */
    private Path killedWriter(final String name, final long afterMs) throws Exception {
        final Path journal = dir.resolve(name);
        final Path out = dir.resolve(name + ".writer.log");
        final Process writer = children.start(ChildJvm.builder(CrashWriterMain.class, false, journal.toString(), "7",
            "8").redirectErrorStream(true).redirectOutput(out.toFile()));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(out).contains(afterMs == 0 ? "ready" : "acked") && writer.isAlive()
            && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(writer.isAlive(), "the writer stopped by itself: " + Files.readString(out));
        Thread.sleep(afterMs);
        children.kill(writer);
        return journal;
    }

    private static void flipAByteInABlock(final Path journal) throws Exception {
        final Path cycle;
        try (Stream<Path> files = Files.walk(journal)) {
            cycle = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cycle);
        // The fifth block's magic ("SPRB", little-endian): a byte of its payload flipped breaks its checksum.
        int found = 0;
        for (int i = 0; i + 48 < bytes.length; i++) {
            if (bytes[i] == 'S' && bytes[i + 1] == 'P' && bytes[i + 2] == 'R' && bytes[i + 3] == 'B' && ++found == 5) {
                bytes[i + 40] ^= 0x20;
                Files.write(cycle, bytes);
                return;
            }
        }
        throw new AssertionError("fewer than 5 blocks in " + cycle);
    }

    private static void assertQuiet(final Run run) {
        for (final String noise : List.of("net.openhft", "\tat ", "WARN", "INFO", "ERROR", "Exception", "SLF4J")) {
            assertFalse(run.err.contains(noise), "standard error holds \"" + noise.strip() + "\": " + run);
        }
    }

    private static void assertOneLine(final Run run, final String start) {
        assertQuiet(run);
        final List<String> lines = run.err.lines().collect(Collectors.toList());
        assertEquals(1, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith(start), run.toString());
    }

    private static Set<String> listing(final Path journal) throws Exception {
        try (Stream<Path> files = Files.walk(journal)) {
            return files.map(p -> journal.relativize(p).toString()).collect(Collectors.toSet());
        }
    }

    /** Runs the CLI's main in a child JVM without JUnit, as the jar runs it, the library log in the temp dir. */
    private Run spoor(final String... args) throws Exception {
        final int n = runs.size();
        final Path out = dir.resolve("run-" + n + ".out");
        final Path err = dir.resolve("run-" + n + ".err");
        final ProcessBuilder builder = ChildJvm.builder(SpoorCli.class, true,
            List.of("-Xmx256m", "-D" + LibraryLog.FILE_PROPERTY + "=" + dir.resolve("spoor.log")), args)
            .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("SPOOR_LOG");
        final Process process = children.start(builder);
        final int code = children.waitFor(process, COMMAND_LIMIT);
        final Run run = new Run(String.join(" ", args), code, Files.readString(out), Files.readString(err));
        runs.add(run);
        return run;
    }

    private record Run(String command, int code, String out, String err) {
        @Override
        public String toString() {
            return "spoor " + command + ": exit " + code + "\n--- err ---\n" + err + "--- out (head) ---\n"
                + out.substring(0, Math.min(out.length(), 2_000));
        }
    }
}

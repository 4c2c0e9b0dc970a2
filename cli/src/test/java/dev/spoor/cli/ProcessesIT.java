/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar and the ./spoor launcher as real processes (run after package): the launcher runs the
 * demo, {@code java -jar} runs with no flags at all (the manifest carries Chronicle's), and under strace
 * the process connects to nothing but local sockets.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ProcessesIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path JAR = ROOT.resolve("cli/target/spoor.jar");

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheDemo() throws Exception {
        final Result demo = run(List.of(ROOT.resolve("spoor").toString(), "demo", "--dir", dir.resolve("d").toString(),
            "--devices", "6", "--minutes", "5"));
        assertEquals(0, demo.code, demo.output);
        assertTrue(demo.output.contains("ingested") && demo.output.contains("heatmap"), demo.output);
        assertTrue(!demo.output.contains("building the command line"), "the jar was fresh: " + demo.output);
        assertTrue(Files.exists(dir.resolve("d-heatmap-ws-5.png")), demo.output);
        assertQuiet(demo);
    }

    @Test
    void theJarRunsWithoutJvmFlags() throws Exception {
        final Path journal = dir.resolve("j");
        final Result demo = run(List.of(java(), "-jar", JAR.toString(), "demo", "--dir", journal.toString(),
            "--devices", "3", "--minutes", "2"));
        assertEquals(0, demo.code, demo.output);
        final Result stats = run(List.of(java(), "-jar", JAR.toString(), "stats", "--journal", journal.toString(),
            "--json"));
        assertEquals(0, stats.code, stats.output);
        assertTrue(stats.output.contains("\"devices\":3"), stats.output);
        assertQuiet(demo);
        assertQuiet(stats);
        assertEquals(2, run(List.of(java(), "-jar", JAR.toString(), "scan", "--nonsense")).code);
    }

    @Test
    void connectsToNothingButLocalSockets() throws Exception {
        final boolean hasStrace = Files.isExecutable(Path.of("/usr/bin/strace"));
        assumeTrue(hasStrace, "strace is not installed (Debian package strace): the network check did not run");
        final Path trace = dir.resolve("connect.trace");
        final Result demo = run(List.of("/usr/bin/strace", "-f", "-e", "trace=connect", "-o", trace.toString(), java(),
            "-jar", JAR.toString(), "demo", "--dir", dir.resolve("n").toString(), "--devices", "3", "--minutes", "2"));
        assumeTrue(!demo.output.contains("ptrace") || demo.code == 0, "strace cannot trace here: " + demo.output);
        assertEquals(0, demo.code, demo.output);
        final List<String> connects = Files.readAllLines(trace).stream().filter(l -> l.contains("connect("))
            .collect(Collectors.toList());
        final List<String> remote = connects.stream().filter(l -> !l.contains("AF_UNIX") && !l.contains("AF_LOCAL"))
            .collect(Collectors.toList());
        assertEquals(List.of(), remote, "connect calls to non-local sockets");
        assertTrue(Files.size(trace) > 0, "strace wrote nothing");
    }

    /** Nothing of the libraries' logging on the terminal (QuietOutputTest has the details). */
    private static void assertQuiet(final Result result) {
        for (final String noise : List.of("net.openhft", "\tat ", "WARN", "SLF4J")) {
            assertTrue(!result.output.contains(noise), "\"" + noise.strip() + "\" printed: " + result.output);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int code, String output) {
    }

    private Result run(final List<String> command) throws IOException, InterruptedException {
        final Path output = Files.createTempFile(dir, "run", ".out");
        final ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
            .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("SPOOR_LOG", dir.resolve("spoor.log").toString());   // not the user's log
        builder.environment().put("SPOOR_NO_BUILD", "1");   // a stale jar fails the test; it never installs into ~/.m2
        final Process process = children.start(builder);
        final int code = children.waitFor(process, Duration.ofSeconds(180));
        return new Result(code, Files.readString(output, StandardCharsets.UTF_8));
    }
}

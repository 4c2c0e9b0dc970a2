/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chronicle's analytics must never run for a store of sensitive telemetry. Checked in a real process without
 * JUnit: the opt-out is set by Spoor itself, the analytics code is not even on the classpath, no analytics
 * thread runs, and nothing is written to the user's home.
 */
class NoPhoneHomeTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void journalProcessNeverStartsChronicleAnalytics() throws Exception {
        final Path home = Files.createDirectories(tmp.resolve("home"));
        final ProcessBuilder builder = ChildJvm.builder(NoPhoneHomeMain.class, true, tmp.resolve("journal").toString());
        builder.command().add(1, "-Duser.home=" + home);
        final Process child = children.start(builder.redirectErrorStream(true));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("junit=false"), "the child must run without JUnit:\n" + output);
        assertTrue(output.contains("analytics.disable=true"), "Spoor sets the opt-out itself:\n" + output);
        assertTrue(output.contains("analytics-class=absent"), "chronicle-analytics must be excluded:\n" + output);
        assertFalse(output.toLowerCase().contains("analytics~http"), "an analytics thread ran:\n" + output);
        try (Stream<Path> files = Files.list(home)) {
            final List<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertFalse(names.stream().anyMatch(n -> n.startsWith(".chronicle")), "files in home: " + names);
        }
    }
}

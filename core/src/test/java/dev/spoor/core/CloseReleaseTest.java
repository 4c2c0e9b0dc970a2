/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A closed journal holds no file of its directory the moment close returns, in a real process: by default because
 * Spoor has Chronicle release each file in the thread that lets go of it (no background releaser, so no close
 * waits for one), and where the user turned Chronicle's background releaser on, because the close waits for it.
 */
class CloseReleaseTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void byDefaultFilesAreReleasedByTheClosingThreadWithoutABackgroundReleaser() throws Exception {
        final String output = run(List.of());
        assertTrue(output.contains("background=false"), output);
        assertTrue(output.contains("releaser-thread=false"), "Chronicle's releaser thread ran:\n" + output);
        assertTrue(output.contains("held-after-writing=[]") && output.contains("held-after-reading=[]"),
            "files held after close:\n" + output);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withTheBackgroundReleaserTurnedOnTheCloseWaitsForIt() throws Exception {
        final String output = run(List.of("-Dbackground.releaser=true"));
        assertTrue(output.contains("background=true"), output);
        assertTrue(output.contains("releaser-thread=true"), output);
        assertTrue(output.contains("held-after-writing=[]") && output.contains("held-after-reading=[]"),
            "files held after close:\n" + output);
    }

    private String run(final List<String> options) throws Exception {
        final ProcessBuilder builder = ChildJvm.builder(CloseReleaseMain.class, true, tmp.resolve("j").toString());
        builder.command().addAll(1, options);
        final Process child = children.start(builder.redirectErrorStream(true));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("blocks=5"), "the journal was written and read:\n" + output);
        return output;
    }
}

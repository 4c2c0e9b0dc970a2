/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.JvmFlags;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM started without Chronicle's flags gets Spoor's error naming them, not Chronicle's AssertionError. */
class JvmFlagsTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @Test
    void testJvmHasEveryFlag() {
        assertTrue(JvmFlags.required().size() >= 10, "flags read from the build: " + JvmFlags.required());
        assertEquals(List.of(), JvmFlags.missing(), "surefire's argLine carries spoor.jvm.flags");
    }

    @Test
    void openWithoutFlagsNamesThemAndWhereTheyGo(@TempDir final Path dir) throws Exception {
        final ProcessBuilder builder = ChildJvm.builder(OpenWithoutFlagsMain.class, true, List.of("-Xmx128m"),
            dir.resolve("j").toString());
        builder.command().removeIf(arg -> arg.startsWith("--add-"));
        builder.redirectErrorStream(true);
        final Process child = children.start(builder);
        final String output;
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not finish in 60 s");
            output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            child.destroyForcibly();
        }
        for (final String verb : new String[] {"open threw ", "openReadOnly threw "}) {
            final String line = lineStartingWith(output, verb);
            assertTrue(line.startsWith(verb + JournalException.class.getName()), output);
            assertTrue(line.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), line);
            assertTrue(line.contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"), line);
            assertTrue(line.contains("JDK_JAVA_OPTIONS") && line.contains("argLine"), line);
        }
        assertFalse(output.contains("AssertionError"), output);
        assertFalse(dir.resolve("j").toFile().exists(), "nothing created before the check");
    }

    private static String lineStartingWith(final String output, final String prefix) throws IOException {
        final List<String> lines = new ArrayList<>(output.lines().toList());
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line starting '" + prefix + "' in:\n" + output));
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasure across processes, on a default (unencrypted) journal and an encrypted one: a JVM that opened the
 * journal before the erasure reads none of the device's events once erase() has returned here; an erasure
 * survives a SIGKILL of the process that made it, right after erase() returned.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ErasureProcessesTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final long WAIT_S = 60;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "encrypted={0}")
    @ValueSource(booleans = {false, true})
    void aProcessThatOpenedTheJournalBeforeTheErasureSeesItAtItsNextRead(final boolean isEncrypted) throws Exception {
        final long alice;
        final long bob;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256)
            .privacyPolicy(PrivacyPolicy.defaults().encryption(isEncrypted)))) {
            ErasureEvents.write(journal, "alice", "bob");
            alice = journal.devices().lookup("alice");
            bob = journal.devices().lookup("bob");
            final Process child = children.start(ChildJvm.builder(ErasureChildMain.class, false, "read", dir.toString())
                .redirectErrorStream(true));
            try {
                final BlockingQueue<String> lines = lines(child);
                final String opened = next(lines, "opened");
                assertEquals("opened " + 2 * ErasureEvents.PER_DEVICE, opened, "the child read alice before");
                journal.governance().erase("alice");
                try (OutputStream in = child.getOutputStream()) {
                    in.write("go\n".getBytes(StandardCharsets.UTF_8));
                }
                final List<String> results = new ArrayList<>();
                for (String line = next(lines, ""); !line.equals("done"); line = next(lines, "")) {
                    results.add(line);
                }
                assertEquals(List.of("reader " + Long.toHexString(bob) + " " + ErasureEvents.PER_DEVICE,
                    "tailer " + Long.toHexString(bob) + " " + ErasureEvents.PER_DEVICE), results,
                    "nothing of alice " + Long.toHexString(alice));
                assertTrue(child.waitFor(WAIT_S, TimeUnit.SECONDS));
                assertEquals(0, child.exitValue());
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void anErasureSurvivesAKillRightAfterEraseReturned() throws Exception {
        final long alice;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256))) {
            ErasureEvents.write(journal, "alice", "bob");
            alice = journal.devices().lookup("alice");
        }
        final Process child = children.start(ChildJvm.builder(ErasureChildMain.class, false, "erase", dir.toString(),
            "alice").redirectErrorStream(true));
        try {
            next(lines(child), "erase returned");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(WAIT_S, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "SIGKILLed");
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            assertTrue(journal.erasures().isWholeDevice(alice));
            final ErasureEvents.Collector all = new ErasureEvents.Collector();
            reader.readAll(all);
            assertEquals(ErasureEvents.PER_DEVICE, all.lines.size());
            assertTrue(all.lines.stream().noneMatch(l -> l.startsWith(Long.toHexString(alice) + " ")));
        }
    }

    /** The child's output lines, read on a daemon thread so every wait below is bounded. */
    private static BlockingQueue<String> lines(final Process child) {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (final java.io.IOException ignored) {
                // the child was killed
            }
        }, "child-output");
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    /** The next line starting with prefix (others are child noise and are skipped), within WAIT_S. */
    private static String next(final BlockingQueue<String> lines, final String prefix) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            final String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "no line starting with '" + prefix + "' within " + WAIT_S + " s");
            if (line.startsWith(prefix) && (prefix.length() > 0 || isResult(line))) {
                return line;
            }
        }
    }

    private static boolean isResult(final String line) {
        return line.startsWith("reader ") || line.startsWith("tailer ") || line.equals("done");
    }
}

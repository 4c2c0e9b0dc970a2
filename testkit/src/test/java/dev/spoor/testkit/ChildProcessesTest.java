/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A child that starts a grandchild and sleeps: after close both are gone, whether the test passed, threw or timed
 * out, even blocked reading the child's output. The grandchild is the one that matters:
 * {@code Process.destroyForcibly()} alone leaves it running.
 */
@Timeout(120)
class ChildProcessesTest {
    /** A shell that starts a sleeping grandchild in the background, then becomes a sleep itself. */
    private static final List<String> FAMILY = List.of("/bin/sh", "-c", "sleep 600 & exec sleep 600");
    /** The pids the bodies run through the launcher left, child then grandchild. */
    private static final List<Long> LEFT = new CopyOnWriteArrayList<>();
    private static volatile boolean isInLauncher;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @BeforeAll
    static void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh here");
    }

    @Test
    void closeKillsTheChildAndItsGrandchild() throws Exception {
        final ChildProcesses own = new ChildProcesses();
        final List<ProcessHandle> family = startFamily(own);
        own.close();
        assertGone(family);
    }

    @Test
    void closeRunsWhenTheBodyThrows() throws Exception {
        final List<ProcessHandle> family = new ArrayList<>();
        final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (ChildProcesses own = new ChildProcesses()) {
                family.addAll(startFamily(own));
                throw new IllegalStateException("the body failed");
            }
        });
        assertEquals("the body failed", thrown.getMessage());
        assertGone(family);
    }

    @Test
    void theExtensionKillsAfterAFailedTestAndAtATimeout() throws Exception {
        LEFT.clear();
        final LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(FailingBodies.class)).build();
        final Launcher launcher = LauncherFactory.create();
        final SummaryGeneratingListener listener = new SummaryGeneratingListener();
        isInLauncher = true;
        try {
            launcher.execute(request, listener);
        } finally {
            isInLauncher = false;
        }
        final TestExecutionSummary summary = listener.getSummary();
        assertEquals(2, summary.getTestsFailedCount(), "both bodies fail");
        assertEquals(4, LEFT.size(), "a child and a grandchild from each body: " + LEFT);
        final List<ProcessHandle> family = new ArrayList<>();
        for (final long pid : LEFT) {
            ProcessHandle.of(pid).ifPresent(family::add);
        }
        assertGone(family);
    }

    @Test
    void waitForIsBoundedAndKillIsImmediate() throws Exception {
        final Process child = children.start(new ProcessBuilder(FAMILY));
        final IllegalStateException late = assertThrows(IllegalStateException.class,
            () -> children.waitFor(child, Duration.ofMillis(200)));
        assertTrue(late.getMessage().contains("still running after"), late.getMessage());
        final List<ProcessHandle> family = familyOf(child);
        children.kill(child);
        assertGone(family);
        assertEquals(0, children.waitFor(children.start(new ProcessBuilder("/bin/sh", "-c", "exit 0")),
            Duration.ofSeconds(30)));
    }

    /**
     * Run through the launcher above: each body leaves a family behind and fails. Surefire leaves nested classes
     * out, but not when {@code -Dtest=ChildProcesses*} names them; then they are skipped.
     */
    static class FailingBodies {
        @RegisterExtension
        final ChildProcesses children = new ChildProcesses();

        @BeforeEach
        void onlyThroughTheLauncher() {
            assumeTrue(isInLauncher, "run by ChildProcessesTest through the launcher");
        }

        @Test
        void throwsWithAFamilyRunning() throws Exception {
            startFamily(children).forEach(h -> LEFT.add(h.pid()));
            throw new IllegalStateException("the body failed");
        }

        @Test
        @Timeout(2)
        void timesOutReadingAChildsOutput() throws Exception {
            final Process child = children.start(new ProcessBuilder(FAMILY));
            familyOf(child).forEach(h -> LEFT.add(h.pid()));
            // Deaf to the timeout's interrupt: only the kit's watchdog, killing the child, ends it.
            child.getInputStream().readAllBytes();
        }
    }

    private static List<ProcessHandle> startFamily(final ChildProcesses children) throws Exception {
        return familyOf(children.start(new ProcessBuilder(FAMILY)));
    }

    /** The child and, once it has started it (bounded wait), its grandchild. */
    private static List<ProcessHandle> familyOf(final Process child) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<ProcessHandle> grandchildren = child.descendants().toList();
        while (grandchildren.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            grandchildren = child.descendants().toList();
        }
        assertEquals(1, grandchildren.size(), "the shell started its grandchild");
        final List<ProcessHandle> family = new ArrayList<>();
        family.add(child.toHandle());
        family.addAll(grandchildren);
        return family;
    }

    private static void assertGone(final List<ProcessHandle> family) {
        for (final ProcessHandle handle : family) {
            assertFalse(handle.isAlive(), "pid " + handle.pid() + " outlived close()");
        }
    }
}

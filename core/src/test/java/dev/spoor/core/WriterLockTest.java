/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.LockFiles;
import dev.spoor.core.ledger.IngestLedger;
import dev.spoor.core.ledger.LedgerSession;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One writer per journal, across processes, whatever else this process tries on the journal meanwhile. POSIX drops
 * every lock a process holds on a file when it closes any descriptor of that file, so a second channel opened on
 * {@code journal.lock} in the writer's own JVM (a second open, a delete, a repair, all refused) must not be closed
 * while the writer holds it: another process could then open the journal for writing too.
 */
class WriterLockTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void refusedAttemptsInTheWritersProcessKeepOtherProcessesOut() throws Exception {
        try (Journal writer = Journal.open(dir, new JournalConfig())) {
            assertTrue(writer.directory().equals(dir));
            assertThrows(JournalException.class, () -> Journal.open(dir, new JournalConfig()), "second open");
            assertThrows(JournalException.class, () -> Journal.delete(dir), "delete");
            assertThrows(JournalException.class, () -> Journal.repair(dir, true), "repair");
            final String child = childOpen();
            assertTrue(child.startsWith("refused: ") && child.contains("already open for writing"), child);
        }
        assertTrue(childOpen().startsWith("opened"), "once the writer closed, another process opens it");
    }

    @Test
    void aRefusedSecondIngestInTheProcessKeepsTheFirstsLock() throws Exception {
        final Path lockFile = dir.resolve(IngestLedger.LOCK_FILE_NAME);
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter first = journal.newWriter();
             JournalWriter second = journal.newWriter()) {
            final LedgerSession session = journal.ingestLedger().begin(first);
            final JournalException refused = assertThrows(JournalException.class,
                () -> journal.ingestLedger().begin(second));
            assertTrue(refused.getMessage().contains("another ingest"), refused.getMessage());
            assertEquals("held", childTryLock(lockFile), "another process still finds the first ingest's lock");
            session.close();
            assertEquals("free", childTryLock(lockFile));
        }
    }

    @Test
    void aLockFileIsHeldOncePerProcessAndASecondTryOpensNothing() throws Exception {
        final Path lockFile = dir.resolve("some.lock");
        final LockFiles.Held held = LockFiles.tryHold(lockFile);
        try {
            assertNotNull(held);
            assertNull(LockFiles.tryHold(lockFile), "held here already");
            assertNull(LockFiles.tryHold(dir.resolve(".").resolve("some.lock")), "by another spelling of its path");
            assertTrue(LockFiles.isHeldHere(lockFile));
            assertEquals("held", childTryLock(lockFile));
        } finally {
            held.close();
        }
        assertFalse(LockFiles.isHeldHere(lockFile));
        assertEquals("free", childTryLock(lockFile));
    }

    private String childTryLock(final Path lockFile) throws Exception {
        return firstLine(children.start(ChildJvm.builder(TryLockMain.class, false, lockFile.toString())
            .redirectErrorStream(true)), "held", "free");
    }

    private String childOpen() throws Exception {
        return firstLine(children.start(ChildJvm.builder(OpenForWritingMain.class, false, dir.toString())
            .redirectErrorStream(true)), "opened", "refused");
    }

    /** The child's first line starting with one of the prefixes (all its output when none does). */
    private static String firstLine(final Process child, final String... prefixes) throws Exception {
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, child.exitValue(), output);
        return output.lines().filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith)).findFirst()
            .orElse(output);
    }
}

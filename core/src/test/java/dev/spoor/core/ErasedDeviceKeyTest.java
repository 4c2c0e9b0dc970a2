/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Erasure;
import dev.spoor.core.governance.ErasureFile;
import dev.spoor.core.governance.ErasureReport;
import dev.spoor.core.governance.Governance;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Erasing a device whole takes its key (a person's name, often) out of {@code devices.dict}: no journal file names
 * it afterwards, in this process or any other, and no later writer records it again. Erasing a time range keeps it.
 */
class ErasedDeviceKeyTest {
    private static final String ALICE = "alice@example.org/laptop";
    private static final String BOB = "bob@example.org/desktop";

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @TempDir
    Path dir;

    @Test
    void erasingADeviceWholeTakesItsKeyOutOfTheDictionary() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, BOB);
            final ErasureReport range = journal.governance().erase(ALICE, 0, 5_000_000L);
            assertEquals(0, range.keyRecordsRemoved(), "a time range keeps the key");
            assertTrue(dictionaryNames(ALICE));

            final ErasureReport whole = journal.governance().erase(ALICE);
            assertEquals(1, whole.keyRecordsRemoved());
            assertNull(whole.dictionaryProblem());
            assertFalse(dictionaryNames(ALICE), "the file no longer holds the key's bytes");
            assertTrue(dictionaryNames(BOB));
            assertNull(journal.devices().keyOf(journal.devices().lookup(ALICE)), "nor this process's registry");
            assertEquals(BOB, journal.devices().keyOf(journal.devices().lookup(BOB)));
            final List<AuditEntry> audit = journal.governance().auditLog();
            assertTrue(audit.get(audit.size() - 1).details().contains("1 key record(s) taken out of devices.dict"),
                audit.get(audit.size() - 1).details());
        }
        try (Journal reopened = Journal.open(dir, new JournalConfig())) {
            assertEquals(Map.of(reopened.devices().lookup(BOB), BOB), reopened.devices().all());
            assertTrue(reopened.verify().isClean(), "the rewritten file reads whole");
        }
    }

    @Test
    void aLaterWriterDoesNotRecordAnErasedDevicesKeyAgain() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, BOB);
            journal.governance().erase(ALICE);
        }
        // A collector that still sends the device's events: they are erased too (the erasure has no end), and the
        // key is not written down again.
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, "carol");
        }
        assertFalse(dictionaryNames(ALICE));
        assertTrue(dictionaryNames("carol"));
    }

    /**
     * A key waits in the writer's memory until the writer stages its next event. An erasure recorded meanwhile by
     * another process (which the registry's view of erasures, up to 100 ms old, may not show yet) must keep it out of
     * the file: the erasures are read afresh as the keys are written, under the dictionary's lock.
     */
    @Test
    void aKeyWaitingToBeWrittenIsLeftOutWhenItsDeviceWasErasedMeanwhile() throws IOException {
        final Set<Long> erasedNow = new HashSet<>();
        final DeviceRegistry registry = DeviceRegistry.open(dir, false, null, () -> true, () -> false,
            id -> false, () -> erasedNow::contains, key -> true);
        final long alice = registry.register(ALICE);
        registry.register(BOB);
        erasedNow.add(alice); // recorded by another process after the register, before the write
        registry.writePending();
        registry.close();
        assertFalse(dictionaryNames(ALICE), "the erased device's key left out");
        assertTrue(dictionaryNames(BOB), "the other key written");
    }

    /** An erasure in the writer's own process drops a key still waiting to be written. */
    @Test
    void anErasureInTheWritersProcessDropsAKeyWaitingToBeWritten() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            journal.devices().register(ALICE);
            journal.devices().register(BOB);
            assertEquals(0, journal.governance().erase(ALICE).keyRecordsRemoved(), "the file never held it");
        }
        assertFalse(dictionaryNames(ALICE));
        assertTrue(dictionaryNames(BOB), "the other key waiting is written at close");
    }

    @Test
    void compactionTakesOutKeysThatEarlierErasuresLeft() throws IOException {
        final long alice;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, BOB);
            alice = journal.devices().lookup(ALICE);
        }
        // What an erasure made before erasing took keys out leaves: the record, and the key still in the file.
        ErasureFile.append(dir, new Erasure(alice, Erasure.WHOLE_FROM_NS, Erasure.WHOLE_TO_NS, 1L));
        assertTrue(dictionaryNames(ALICE));

        final CompactionReport report = Governance.compact(dir);
        assertEquals(1, report.keyRecordsRemoved());
        assertTrue(Governance.describe(report).contains("1 key record(s) of devices erased whole taken out"),
            Governance.describe(report));
        assertFalse(dictionaryNames(ALICE));
        assertTrue(dictionaryNames(BOB));
        assertEquals(0, Governance.compact(dir).keyRecordsRemoved(), "a second run finds nothing more");
    }

    @Test
    void aDictionaryThatCannotBeRewrittenLeavesTheErasureInForceAndAudited() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, BOB);
            // Where the rewrite writes its new file, a folder: the rewrite fails as on a read-only directory.
            Files.createDirectory(dir.resolve(DeviceRegistry.FILE_NAME + ".new"));
            final ErasureReport report = journal.governance().erase(ALICE);
            assertEquals(0, report.keyRecordsRemoved());
            assertTrue(report.dictionaryProblem().contains("cannot rewrite"), report.dictionaryProblem());
            final List<AuditEntry> audit = journal.governance().auditLog();
            assertEquals("erase", audit.get(audit.size() - 1).action(), "audited though the dictionary failed");
            assertTrue(journal.erasures().isWholeDevice(journal.devices().lookup(ALICE)), "and in force");
        }
        Files.deleteIfExists(dir.resolve(DeviceRegistry.FILE_NAME + ".new"));
        assertTrue(dictionaryNames(ALICE));
        assertEquals(1, Governance.compact(dir).keyRecordsRemoved(), "compact takes the key out later");
        assertFalse(dictionaryNames(ALICE));
    }

    @Test
    void bytesAfterDamageAreKeptAsTheyAreAndNamed() throws IOException {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, ALICE, BOB, "carol");
        }
        final Path dictionary = dir.resolve(DeviceRegistry.FILE_NAME);
        final byte[] before = Files.readAllBytes(dictionary);
        final int carolAt = indexOf(before, "carol".getBytes(StandardCharsets.UTF_8));
        before[carolAt] ^= 0x20; // carol's record now fails its checksum
        Files.write(dictionary, before);
        final int tailFrom = carolAt - Integer.BYTES - Long.BYTES;

        final DeviceRegistry.Forgotten forgotten;
        try (Journal journal = Journal.openReadOnly(dir)) {
            forgotten = journal.devices().forget(id -> id == journal.devices().lookup(ALICE));
        }
        assertEquals(1, forgotten.records());
        assertTrue(forgotten.unread().startsWith("bytes " + (tailFrom - aliceRecordBytes()) + " to "),
            forgotten.unread());
        final byte[] after = Files.readAllBytes(dictionary);
        assertFalse(dictionaryNames(ALICE));
        assertArrayEquals(Arrays.copyOfRange(before, tailFrom, before.length),
            Arrays.copyOfRange(after, after.length - (before.length - tailFrom), after.length),
            "the damaged record is kept byte for byte");
    }

    @Test
    void aRewriteInAnotherProcessLosesNoKeyTheWriterAppends() throws Exception {
        final int pairs = 400;
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            write(journal, "first");
        }
        final Set<Long> dropped = new HashSet<>();
        try (Journal lookup = Journal.openReadOnly(dir)) {
            for (int i = 0; i < pairs; i++) {
                dropped.add(lookup.devices().lookup("drop-" + i));
            }
        }
        final Process writer = children.start(ChildJvm.builder(RegisteringWriterMain.class, false, dir.toString(),
            Integer.toString(pairs)).redirectErrorStream(true));
        int rewrites = 0;
        while (writer.isAlive()) {
            rewrites += DeviceRegistry.forget(dir, dropped::contains).records() > 0 ? 1 : 0;
        }
        final String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue(), output);
        DeviceRegistry.forget(dir, dropped::contains);
        assertTrue(rewrites > 10, "the rewrites raced the writer: " + rewrites);

        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final Map<Long, String> all = journal.devices().all();
            for (int i = 0; i < pairs; i++) {
                assertEquals("keep-" + i, all.get(journal.devices().lookup("keep-" + i)), "lost after " + rewrites
                    + " rewrites");
            }
            assertEquals(pairs + 1, all.size(), "only first and keep-*: " + all.size());
        }
    }

    private static void write(final Journal journal, final String... keys) {
        try (JournalWriter writer = journal.newWriter()) {
            for (final String key : keys) {
                final long id = journal.devices().register(key);
                for (int i = 0; i < 10; i++) {
                    writer.move(id, 1_000_000L * i, i, i, 0);
                }
            }
        }
    }

    private boolean dictionaryNames(final String key) throws IOException {
        return indexOf(Files.readAllBytes(dir.resolve(DeviceRegistry.FILE_NAME)),
            key.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    private static int aliceRecordBytes() {
        return Integer.BYTES + Long.BYTES + ALICE.getBytes(StandardCharsets.UTF_8).length + Integer.BYTES;
    }

    private static int indexOf(final byte[] haystack, final byte[] needle) {
        return JournalFiles.indexOf(haystack, needle);
    }
}

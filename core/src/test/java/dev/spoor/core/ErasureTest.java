/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.CompactionReport;
import dev.spoor.core.governance.Governance;
import dev.spoor.core.internal.JournalInternals;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;
import dev.spoor.core.privacy.PrivacyPolicy;
import dev.spoor.core.recovery.VerifyReport;
import dev.spoor.testkit.ChildProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-device encryption and erasure: blocks are unreadable on disk without the device's key, and after
 * erase(device) no reader, verify or fresh process returns any of that device's events, while every other
 * device's are unchanged.
 */
class ErasureTest {
    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    private static final PrivacyPolicy ENCRYPTED = PrivacyPolicy.defaults().encryption(true);

    @TempDir
    Path dir;

    @Test
    void anErasedDeviceIsGoneForEveryReaderAndOthersStay() throws Exception {
        final EventBatch aliceBatch = new EventBatch(256);
        final long alice;
        final long bob;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256).privacyPolicy(ENCRYPTED))) {
            alice = journal.devices().register("alice");
            bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 2_000; i++) {
                    writer.move(alice, 1_000_000L * i, i % 1920, i % 1080, 0);
                    writer.move(bob, 1_000_000L * i, 1919 - i % 1920, i % 1080, 0);
                    if (i < 256) {
                        aliceBatch.addMove(1_000_000L * i, i % 1920, i % 1080, 0);
                    }
                }
            }
            assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("keys.spoor"))));
            assertEquals(4_000, journal.verify().events());
            assertTrue(journal.verify().isClean());

            // The plaintext of alice's first block is nowhere on disk.
            final BlockEncoder encoder = new BlockEncoder(256);
            final int length = encoder.encode(alice, aliceBatch);
            final byte[] body = Arrays.copyOfRange(encoder.blockBuffer(), 56, length);
            for (final Path file : JournalFiles.cycleFiles(dir)) {
                assertEquals(-1, JournalFiles.indexOf(Files.readAllBytes(file), body), "plaintext in " + file);
            }

            assertEquals(1, journal.governance().erase("alice").keysDestroyed());
            assertEquals(0, events(journal, alice), "this process, right away");
            assertEquals(2_000, events(journal, bob));
            final VerifyReport report = journal.verify();
            assertTrue(report.isClean(), report.toString());
            assertEquals(2_000, report.events());
            assertTrue(report.erasedBlocks() >= 7, report.toString());
            final List<AuditEntry> audit = journal.governance().auditLog();
            assertEquals("erase", audit.get(audit.size() - 1).action());
        }
        final Process child = children.start(ChildJvm.builder(DeviceEventsMain.class, false, dir.toString())
            .redirectErrorStream(true));
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains(Long.toHexString(bob) + " 2000") && !output.contains(Long.toHexString(alice) + " "),
            output);
        assertTrue(output.contains("verify clean=true events=2000"), output);
    }

    @Test
    void aWriterDropsTheEventsOfErasedDevicesAndRangesInsteadOfStoringThem() {
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256))) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 100; i++) {
                    writer.move(alice, 1_000_000L * i, i, i, 0);
                    writer.move(bob, 1_000_000L * i, i, i, 0);
                }
            }
            journal.governance().erase("alice");
            journal.governance().erase("bob", 1_000_000L * 200, 1_000_000L * 300);
            final long aliceBlocks = blocksOf(journal, alice);
            final long bobBlocks = blocksOf(journal, bob);
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 100; i < 400; i++) {
                    writer.move(alice, 1_000_000L * i, i, i, 0);
                    writer.move(bob, 1_000_000L * i, i, i, 0);
                }
                writer.flush();
                assertEquals(300 + 100, writer.droppedErased(), "alice's 300 and bob's 100 inside [200, 300) ms");
            }
            assertEquals(aliceBlocks, blocksOf(journal, alice), "no block of alice's was stored again");
            assertTrue(blocksOf(journal, bob) > bobBlocks, "bob's events outside the range were");
            assertEquals(300, events(journal, bob), "bob: 0-199 and 300-399 ms");
        }
    }

    /** Excerpts of the queue holding a block of the device, erased or not. */
    private static long blocksOf(final Journal journal, final long device) {
        long blocks = 0;
        try (QueueStore.Cursor cursor = JournalInternals.of(journal).queue().cursor().after(-1)) {
            while (cursor.next()) {
                final byte[] excerpt = Arrays.copyOf(cursor.bytes(), cursor.length());
                blocks += excerpt.length > 8 + 56 && SealedExcerpt.deviceId(excerpt) == device ? 1 : 0;
            }
        }
        return blocks;
    }

    @Test
    void compactionRemovesAnErasedDevicesBytesFromClosedCycles() throws Exception {
        final ManualClock clock = new ManualClock(1_767_225_600_000L);
        byte[] aliceCiphertext = null;
        try (Journal journal = Journal.open(dir, new JournalConfig().blockEvents(256).clock(clock)
            .privacyPolicy(ENCRYPTED))) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 1_000; i++) {
                    writer.move(alice, 1_000_000L * i, i, i, 0);
                    writer.move(bob, 1_000_000L * i, i, i, 0);
                }
                writer.flush();
                clock.advance(2 * 3_600_000L);
                writer.move(bob, 2_000_000_000L, 1, 1, 0);
            }
            try (QueueStore.Cursor cursor = journal.queue().cursor().after(-1)) {
                while (aliceCiphertext == null && cursor.next()) {
                    final byte[] excerpt = Arrays.copyOf(cursor.bytes(), cursor.length());
                    if (LittleEndian.getLong(excerpt, 8 + 8) == alice) {
                        aliceCiphertext = Arrays.copyOfRange(excerpt, excerpt.length - 64, excerpt.length);
                    }
                }
            }
            journal.governance().erase("alice");
        }
        final byte[] ciphertext = aliceCiphertext;
        assertTrue(ciphertext != null, "an excerpt of alice's");
        assertTrue(JournalFiles.cycleFiles(dir).stream().anyMatch(f -> contains(f, ciphertext)),
            "before compaction the erased device's ciphertext is still on disk");
        final CompactionReport report = Governance.compact(dir);
        assertEquals(1, report.cyclesRewritten(), report.toString());
        assertTrue(report.blocksRemoved() >= 4 && report.bytesRemoved() > 100, report.toString());
        assertTrue(JournalFiles.cycleFiles(dir).stream().noneMatch(f -> contains(f, ciphertext)),
            "after compaction it is gone");
        try (Journal journal = Journal.openReadOnly(dir)) {
            final VerifyReport verify = journal.verify();
            assertTrue(verify.isClean(), verify.toString());
            assertEquals(1_001, verify.events());
            assertEquals(0, verify.erasedBlocks());
            assertEquals(1_001, events(journal, journal.devices().lookup("bob")));
            final List<AuditEntry> audit = journal.governance().auditLog();
            assertEquals("compact", audit.get(audit.size() - 1).action());
        }
    }

    private static boolean contains(final Path file, final byte[] bytes) {
        try {
            return JournalFiles.indexOf(Files.readAllBytes(file), bytes) >= 0;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void erasingAnUnknownDeviceOrAnEmptyRangeIsRefusedAndWritesNothing() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                writer.move(bob, 1_000, 1, 1, 0);
            }
            final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> journal.governance().erase("alice"));
            assertTrue(unknown.getMessage().contains("'alice'") && unknown.getMessage().contains("never registered"),
                unknown.getMessage());
            final IllegalArgumentException reversed = assertThrows(IllegalArgumentException.class,
                () -> journal.governance().erase("bob", 2_000, 1_000));
            assertTrue(reversed.getMessage().contains("fromNs=2000, toNs=1000"), reversed.getMessage());
            assertThrows(IllegalArgumentException.class, () -> journal.governance().erase("bob", 1_000, 1_000));
            assertTrue(Files.notExists(dir.resolve("erasures.spoor")), "nothing recorded");
            assertTrue(journal.erasures().isEmpty());
            assertTrue(journal.governance().auditLog().stream().noneMatch(a -> a.action().equals("erase")));
        }
    }

    private static long events(final Journal journal, final long device) {
        final long[] n = new long[1];
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(256);
        try (JournalReader reader = journal.newReader()) {
            reader.readBlocks(new long[] {device}, Long.MIN_VALUE, Long.MAX_VALUE, (q, d, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                n[0] += batch.size();
                return true;
            });
        }
        return n[0];
    }
}

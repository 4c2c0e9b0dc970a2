/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockHeaderFlyweight;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.core.internal.PolicyFile;
import dev.spoor.core.privacy.KeyClass;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy policy applied at ingest, stored and versioned in the journal. */
class PrivacyPolicyTest {
    private static final int SHIFT = 16;

    @TempDir
    Path dir;

    @Test
    void aNewJournalStoresKeyClassesAndNeverSecureInput() {
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(1, journal.policyVersion().version());
            assertEquals(KeystrokeMode.CLASS, journal.policy().keystrokes());
            try (JournalWriter writer = journal.newWriter()) {
                writer.keyDown(1, 1_000, 72, 0);
                writer.keyUp(1, 1_100, 72, 0);
                writer.keyDown(1, 1_200, 49, PrivacyPolicy.SECURE_INPUT);
                writer.keyDown(1, 1_300, SHIFT, 1);
                assertEquals(1, writer.droppedSecureInput());
            }
            assertEquals(List.of("4:" + KeyClass.LETTER.code(), "5:" + KeyClass.LETTER.code(),
                "4:" + KeyClass.MODIFIER.code()), keyEvents(journal));
        }
    }

    @Test
    void dropKeepsNoKeystrokesAndCodeKeepsThemExactly() {
        final Path drop = dir.resolve("drop");
        try (Journal journal = Journal.open(drop, new JournalConfig()
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.DROP)))) {
            try (JournalWriter writer = journal.newWriter()) {
                writer.keyDown(1, 1_000, 72, 0);
                writer.move(1, 1_050, 5, 5, 0);
                writer.keyUp(1, 1_100, 72, 0);
                assertEquals(2, writer.droppedKeystrokes());
            }
            assertEquals(List.of(), keyEvents(journal));
            assertEquals(1, journal.verify().events());
        }
        final Path code = dir.resolve("code");
        try (Journal journal = Journal.open(code, new JournalConfig()
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE)))) {
            try (JournalWriter writer = journal.newWriter()) {
                writer.keyDown(1, 1_000, 72, 0);
            }
            assertEquals(List.of("4:72"), keyEvents(journal));
        }
    }

    @Test
    void onlyConsentedDevicesAreRecordedAndTheRestCounted() {
        try (Journal journal = Journal.open(dir, new JournalConfig()
            .privacyPolicy(PrivacyPolicy.defaults().consentedDevices(Set.of("alice"))))) {
            final long alice = journal.devices().register("alice");
            final long bob = journal.devices().register("bob");
            try (JournalWriter writer = journal.newWriter()) {
                for (int i = 0; i < 10; i++) {
                    writer.move(alice, i, i, i, 0);
                    writer.move(bob, i, i, i, 0);
                }
                assertEquals(10, writer.droppedWithoutConsent());
            }
            final List<Long> devices = new ArrayList<>();
            try (JournalReader reader = journal.newReader()) {
                reader.readAll((q, device, buffer, offset, length) -> devices.add(device));
            }
            assertEquals(List.of(alice), devices);
            assertEquals(10, journal.verify().events());
            assertEquals(Map.of(alice, "alice"), journal.devices().all(), "bob's key is not recorded either");
        }
        try (Journal reopened = Journal.openReadOnly(dir)) {
            assertEquals(Map.of(reopened.devices().lookup("alice"), "alice"), reopened.devices().all(),
                "no journal file names a device without consent");
        }
    }

    @Test
    void aPolicyChangeIsANewVersionAndAppliesFromThenOn() {
        try (Journal journal = Journal.open(dir, new JournalConfig()); JournalWriter writer = journal.newWriter()) {
            writer.keyDown(1, 1_000, 72, 0);
        }
        try (Journal journal = Journal.open(dir, new JournalConfig()
            .privacyPolicy(PrivacyPolicy.defaults().keystrokes(KeystrokeMode.CODE)))) {
            assertEquals(2, journal.policyVersion().version());
            try (JournalWriter writer = journal.newWriter()) {
                writer.keyDown(1, 2_000, 72, 0);
            }
        }
        try (Journal journal = Journal.open(dir, new JournalConfig())) {
            assertEquals(2, journal.policyVersion().version(), "no policy given: the journal's stays");
            assertEquals(List.of(KeystrokeMode.CLASS, KeystrokeMode.CODE), journal.policyHistory().stream()
                .map(v -> v.policy().keystrokes()).toList());
            assertEquals(List.of("4:" + KeyClass.LETTER.code(), "4:72"), keyEvents(journal));
            final List<Integer> versions = new ArrayList<>();
            final BlockHeaderFlyweight header = new BlockHeaderFlyweight();
            try (JournalReader reader = journal.newReader()) {
                reader.readAll((q, device, buffer, offset, length) -> versions.add(
                    header.wrap(buffer, offset, length).policyVersion()));
            }
            assertEquals(List.of(1, 2), versions, "each block records the policy it was written under");
        }
        try (Journal journal = Journal.openReadOnly(dir)) {
            assertEquals(KeystrokeMode.CODE, journal.policy().keystrokes());
        }
    }

    @Test
    void aDamagedPolicyRecordIsRefusedAndATornTailIgnored() throws Exception {
        PolicyFile.append(dir, PrivacyPolicy.defaults(), 1);
        PolicyFile.append(dir, PrivacyPolicy.defaults().keystrokes(KeystrokeMode.DROP), 2);
        final Path file = dir.resolve(PolicyFile.FILE_NAME);
        final byte[] good = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(good, good.length - 3));
        assertEquals(1, PolicyFile.read(dir).size(), "a record torn at the end is left out");
        final byte[] damaged = good.clone();
        damaged[12] ^= 0x01;
        Files.write(file, damaged);
        final JournalException e = assertThrows(JournalException.class, () -> PolicyFile.read(dir));
        assertTrue(e.getMessage().contains("crc32c"), e.getMessage());
    }

    @Test
    void aNewJournalIsOwnerOnlyAndStrictModeRefusesOneOthersCanRead() throws Exception {
        final Path journalDir = dir.resolve("j");
        Journal.open(journalDir, new JournalConfig()).close();
        assertEquals("rwx------", PosixFilePermissions.toString(
            Files.getPosixFilePermissions(journalDir)));
        Files.setPosixFilePermissions(journalDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        final JournalException e = assertThrows(JournalException.class,
            () -> Journal.open(journalDir, new JournalConfig().strictPermissions(true)));
        assertTrue(e.getMessage().contains("readable by other users"), e.getMessage());
        Journal.open(journalDir, new JournalConfig()).close();
    }

    private static List<String> keyEvents(final Journal journal) {
        final List<String> keys = new ArrayList<>();
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch batch = new EventBatch(BlockLayout.MAX_EVENTS);
        try (JournalReader reader = journal.newReader()) {
            reader.readAll((q, device, buffer, offset, length) -> {
                decoder.decode(buffer, offset, length, batch);
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.typeCode(i) >= 4) {
                        keys.add(batch.typeCode(i) + ":" + batch.key(i));
                    }
                }
                return true;
            });
        }
        return keys;
    }
}

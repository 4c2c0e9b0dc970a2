/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PolicyVersion;
import dev.spoor.core.privacy.PrivacyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code policy.spoor}: a file written by an earlier build reads as it did; a consent list of ids round-trips. */
class PolicyFileTest {
    @TempDir
    Path dir;

    /**
     * {@code golden/policy-consent-keys.spoor}: written on 2026-12-01 by the build before consent lists of ids
     * ({@code spoor ingest --pseudonym-key ... --consent} with keys d1 and d2): keys, flags pseudonymous.
     */
    @Test
    void aConsentListOfKeysWrittenBeforeIdsReadsAsItDid() throws IOException {
        try (InputStream golden = PolicyFileTest.class.getResourceAsStream("/golden/policy-consent-keys.spoor")) {
            Files.write(dir.resolve(PolicyFile.FILE_NAME), golden.readAllBytes());
        }
        final List<PolicyVersion> versions = PolicyFile.read(dir);
        assertEquals(1, versions.size());
        final PrivacyPolicy policy = versions.get(0).policy();
        assertEquals(Set.of("d1", "d2"), policy.consentedDevices());
        assertEquals(KeystrokeMode.CLASS, policy.keystrokes());
        assertTrue(policy.isPseudonymous() && !policy.isEncrypted(), policy.describe());
        assertNull(policy.consentedDeviceIds());
        assertEquals(2, policy.consentListSize());
    }

    @Test
    void aConsentListOfIdsRoundTripsAndAnEmptyOneStaysAList() {
        final PrivacyPolicy ids = PrivacyPolicy.defaults().keystrokes(KeystrokeMode.DROP).encryption(true)
            .pseudonymous(true).consentedDevices(Set.of("a", "b", "c")).consentAsIds(key -> key.charAt(0) * -7L);
        final PrivacyPolicy none = PrivacyPolicy.defaults().pseudonymous(true).consentedDeviceIds(new long[0]);
        PolicyFile.append(dir, ids, 1_000);
        PolicyFile.append(dir, none, 2_000);
        PolicyFile.append(dir, PrivacyPolicy.defaults(), 3_000);
        final List<PolicyVersion> read = PolicyFile.read(dir);
        assertEquals(ids, read.get(0).policy());
        assertArrayEquals(new long[] {'c' * -7L, 'b' * -7L, 'a' * -7L}, read.get(0).policy().consentedDeviceIds());
        assertTrue(read.get(0).policy().consents('b' * -7L, key -> 0) && !read.get(0).policy().consents(5, key -> 0));
        assertEquals(none, read.get(1).policy());
        assertTrue(read.get(1).policy().hasConsentList(), "an empty list consents no device");
        assertTrue(!read.get(2).policy().hasConsentList());
    }

    @Test
    void anIdCountBeyondTheRecordIsDamage() throws IOException {
        final byte[] payload = ByteBuffer.allocate(8 + 1 + 4 + 8 + 1).order(ByteOrder.LITTLE_ENDIAN).putLong(1)
            .put((byte)1).putInt(-2 - 5).putLong(42).put((byte)2).array();
        RecordLog.append(dir.resolve(PolicyFile.FILE_NAME), new byte[] {'S', 'P', 'P', 'L'}, payload, true);
        final JournalException damaged = assertThrows(JournalException.class, () -> PolicyFile.read(dir));
        assertTrue(damaged.getMessage().contains("lists 5 consenting device ids in 9 bytes"), damaged.getMessage());
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.privacy.KeystrokeMode;
import dev.spoor.core.privacy.PolicyVersion;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code policy.spoor}: every privacy policy the journal has had, oldest first; the last is in force.
 * Version n is the n-th record. A {@link RecordLog} with magic "SPPL"; payload, little-endian:
 * <pre>
 * payload: i64 epoch ms when set | u8 keystroke mode (0 drop, 1 class, 2 code) |
 *          i32 consent count (-1: every device) | per device: u16 UTF-8 length, key bytes |
 *          u8 flags (bit 0 blocks encrypted, bit 1 device ids are keyed pseudonyms)
 *
 * a pseudonymous journal's consent list (since 2026-12-01; it must not name the devices its pseudonyms stand for):
 *          i32 -2 - n (n ids: -2 is none) | per device: i64 device id, instead of its key
 * </pre>
 * A count below -1 marks ids, so a build from before them refuses such a record as damaged rather than read ids as
 * keys; every record an older build wrote reads as before (golden records in {@code PolicyFileTest}).
 */
public final class PolicyFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "policy.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'P', 'L'};
    private static final int ID_BYTES = 8;

    private PolicyFile() {
    }

    /**
     * @param dir the journal directory.
     * @return every stored policy, oldest first; empty when the file does not exist.
     */
    public static List<PolicyVersion> read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<PolicyVersion> entries = new ArrayList<>();
        for (final byte[] payload : RecordLog.read(file, MAGIC)) {
            try {
                entries.add(decode(file, entries.size() + 1, ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN)));
            } catch (final BufferUnderflowException | IllegalArgumentException e) {
                throw new JournalException(file + " is damaged: policy version " + (entries.size() + 1) + " of "
                    + payload.length + " bytes ends before its fields do", e);
            }
        }
        return entries;
    }

    /**
     * Appends a policy as the next version.
     *
     * @param dir    the journal directory.
     * @param policy the policy.
     * @param nowMs  when.
     * @return its version.
     */
    public static int append(final Path dir, final PrivacyPolicy policy, final long nowMs) {
        final int version = read(dir).size() + 1;
        RecordLog.append(dir.resolve(FILE_NAME), MAGIC, RecordLog.MAX_PAYLOAD_BYTES, encode(policy, nowMs));
        return version;
    }

    private static byte[] encode(final PrivacyPolicy policy, final long nowMs) {
        final Set<String> consent = policy.consentedDevices();
        final long[] ids = policy.consentedDeviceIds();
        int size = 8 + 1 + 4 + 1;
        final List<byte[]> keys = new ArrayList<>();
        if (consent != null) {
            for (final String key : consent) {
                final byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
                keys.add(utf8);
                size += 2 + utf8.length;
            }
        }
        size += ids == null ? 0 : ID_BYTES * ids.length;
        final ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(nowMs).put((byte)policy.keystrokes().ordinal()).putInt(ids != null ? -2 - ids.length
            : consent == null ? -1 : keys.size());
        for (final byte[] key : keys) {
            out.putShort((short)key.length).put(key);
        }
        for (int i = 0; ids != null && i < ids.length; i++) {
            out.putLong(ids[i]);
        }
        out.put((byte)((policy.isEncrypted() ? 1 : 0) | (policy.isPseudonymous() ? 2 : 0)));
        return out.array();
    }

    private static PolicyVersion decode(final Path file, final int version, final ByteBuffer in) {
        final long setAt = in.getLong();
        final int mode = in.get();
        if (mode < 0 || mode >= KeystrokeMode.values().length) {
            throw new JournalException(file + ": policy version " + version + " has keystroke mode " + mode
                + ", not one of 0..2");
        }
        final int count = in.getInt();
        Set<String> consent = null;
        long[] ids = null;
        if (count < -1) {
            final long idCount = -2L - count;
            if (idCount > in.remaining() / ID_BYTES) {
                throw new JournalException(file + " is damaged: policy version " + version + " lists " + idCount
                    + " consenting device ids in " + in.remaining() + " bytes");
            }
            ids = new long[(int)idCount];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = in.getLong();
            }
        } else if (count > in.remaining() / 2) {
            throw new JournalException(file + " is damaged: policy version " + version + " lists " + count
                + " consenting devices in " + in.remaining() + " bytes");
        } else if (count >= 0) {
            consent = new HashSet<>();
            for (int i = 0; i < count; i++) {
                final int length = Short.toUnsignedInt(in.getShort());
                if (length > in.remaining()) {
                    throw new JournalException(file + " is damaged: policy version " + version + " has a device key"
                        + " of " + length + " bytes where " + in.remaining() + " remain");
                }
                final byte[] key = new byte[length];
                in.get(key);
                consent.add(new String(key, StandardCharsets.UTF_8));
            }
        }
        final int flags = in.remaining() > 0 ? in.get() : 0;
        PrivacyPolicy policy = PrivacyPolicy.defaults().keystrokes(KeystrokeMode.values()[mode])
            .consentedDevices(consent).encryption((flags & 1) != 0).pseudonymous((flags & 2) != 0);
        if (ids != null) {
            policy = policy.consentedDeviceIds(ids);
        }
        return new PolicyVersion(version, setAt, policy);
    }
}

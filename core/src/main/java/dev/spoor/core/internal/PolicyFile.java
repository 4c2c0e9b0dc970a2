/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;
import dev.spoor.core.KeystrokeMode;
import dev.spoor.core.PolicyVersion;
import dev.spoor.core.PrivacyPolicy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * {@code policy.spoor}: every privacy policy the journal has had, oldest first; the last is in force.
 * Version n is the n-th record. Little-endian:
 * <pre>
 * file:    "SPPL" | u16 format version (1) | record...
 * record:  u32 payload length | payload | u32 crc32c of payload
 * payload: i64 epoch ms when set | u8 keystroke mode (0 drop, 1 class, 2 code) |
 *          i32 consent count (-1: every device) | per device: u16 UTF-8 length, key bytes
 * </pre>
 * A record torn at the end (a crash while appending) is ignored; damage before an intact record is refused.
 */
public final class PolicyFile {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "policy.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'P', 'L'};
    private static final short FORMAT_VERSION = 1;
    private static final int HEADER = 6;

    private PolicyFile() {
    }

    /**
     * @param dir the journal directory.
     * @return every stored policy, oldest first; empty when the file does not exist.
     */
    public static List<PolicyVersion> read(final Path dir) {
        final Path file = dir.resolve(FILE_NAME);
        final List<PolicyVersion> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        final ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (final IOException e) {
            throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (in.remaining() < HEADER || in.get() != MAGIC[0] || in.get() != MAGIC[1] || in.get() != MAGIC[2]
            || in.get() != MAGIC[3]) {
            throw new JournalException(file + " is not a Spoor policy file (magic SPPL missing)");
        }
        final short format = in.getShort();
        if (format != FORMAT_VERSION) {
            throw new JournalException(file + ": policy format version " + format + " is not supported (this"
                + " build reads " + FORMAT_VERSION + ")");
        }
        while (in.remaining() >= 4) {
            final int start = in.position();
            final int length = in.getInt();
            if (length < 13 || length > in.remaining() - 4) {
                return tornTail(file, entries, start, in.limit());
            }
            final byte[] payload = new byte[length];
            in.get(payload);
            final CRC32C crc = new CRC32C();
            crc.update(payload);
            if (in.getInt() != (int)crc.getValue()) {
                if (in.remaining() == 0) {
                    return entries;
                }
                throw new JournalException(file + ": policy record at offset " + start + " fails its crc32c check");
            }
            entries.add(decode(file, entries.size() + 1, ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN)));
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
        final Path file = dir.resolve(FILE_NAME);
        final int version = read(dir).size() + 1;
        final byte[] payload = encode(policy, nowMs);
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        final boolean isNew = !Files.exists(file);
        final ByteBuffer out = ByteBuffer.allocate((isNew ? HEADER : 0) + 8 + payload.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        if (isNew) {
            out.put(MAGIC).putShort(FORMAT_VERSION);
        }
        out.putInt(payload.length).put(payload).putInt((int)crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.force(false);
        } catch (final IOException e) {
            throw new JournalException("cannot append the policy to " + file + ": " + e.getMessage(), e);
        }
        return version;
    }

    private static List<PolicyVersion> tornTail(final Path file, final List<PolicyVersion> entries, final int start,
        final int end) {
        if (entries.isEmpty() && start == HEADER && end > HEADER + 4) {
            throw new JournalException(file + ": the first policy record is damaged");
        }
        return entries;
    }

    private static byte[] encode(final PrivacyPolicy policy, final long nowMs) {
        final Set<String> consent = policy.consentedDevices();
        int size = 8 + 1 + 4;
        final List<byte[]> keys = new ArrayList<>();
        if (consent != null) {
            for (final String key : consent) {
                final byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
                keys.add(utf8);
                size += 2 + utf8.length;
            }
        }
        final ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(nowMs).put((byte)policy.keystrokes().ordinal()).putInt(consent == null ? -1 : keys.size());
        for (final byte[] key : keys) {
            out.putShort((short)key.length).put(key);
        }
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
        if (count >= 0) {
            consent = new HashSet<>();
            for (int i = 0; i < count; i++) {
                final byte[] key = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(key);
                consent.add(new String(key, StandardCharsets.UTF_8));
            }
        }
        return new PolicyVersion(version, setAt, PrivacyPolicy.defaults().keystrokes(KeystrokeMode.values()[mode])
            .consentedDevices(consent));
    }
}

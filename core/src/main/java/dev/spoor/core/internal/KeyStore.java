/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.JournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code keys.spoor}: one AES-256 data key per device (a {@link RecordLog}, magic "SPKY", file mode 0600).
 * Payload, little-endian: i64 device id | i32 key id | 32 key bytes; or i64 device id | i32 -1 for a device
 * whose keys were erased. Erasing rewrites the file without the device's keys (written to a new file,
 * synced, renamed over the old one), so its blocks can no longer be decrypted by anyone: the cost depends
 * on the number of devices, not on the journal's size. Thread safe; reloads when another process changed
 * the file.
 */
public final class KeyStore {
    /** File name in the journal directory. */
    public static final String FILE_NAME = "keys.spoor";
    private static final byte[] MAGIC = {'S', 'P', 'K', 'Y'};
    private static final int KEY_BYTES = 32;
    private static final int ERASED_BYTES = 12;
    private static final int RECORD_BYTES = ERASED_BYTES + KEY_BYTES;

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    /** A device's data key. */
    public record DataKey(long deviceId, int id, SecretKeySpec key) {
    }

    /** By key id (unique across devices). */
    private final Map<Integer, DataKey> keys = new HashMap<>();
    private final Map<Long, Integer> currentKeyId = new HashMap<>();
    /** Devices whose keys an erasure destroyed (their -1 records): a missing key of any other device is damage. */
    private final Set<Long> erasedDevices = new HashSet<>();
    private int nextKeyId;
    private long stamp = Long.MIN_VALUE;
    /** Whether this store has cut a torn tail a killed process left, before its first append. */
    private boolean isTailCut;

    /**
     * @param dir the journal directory.
     */
    public KeyStore(final Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    /**
     * Reads every record of a journal's key file, for verify.
     *
     * @param dir the journal directory.
     * @throws JournalException when the file is damaged beyond a torn tail or holds a record of the wrong shape.
     */
    public static void check(final Path dir) {
        new KeyStore(dir).records();
    }

    /**
     * @param deviceId a device.
     * @return the key to encrypt its next block with, creating (and syncing) one on first use.
     */
    public synchronized DataKey sealingKey(final long deviceId) {
        reloadIfChanged();
        Integer keyId = currentKeyId.get(deviceId);
        if (keyId == null) {
            keyId = nextKeyId++;
            final byte[] key = new byte[KEY_BYTES];
            random.nextBytes(key);
            if (!isTailCut) {
                // Once per store: a key is appended per new device, and a cut reads the whole file.
                RecordLog.cutTornTail(file, MAGIC, RECORD_BYTES);
                isTailCut = true;
            }
            RecordLog.append(file, MAGIC, record(deviceId, keyId, key), true);
            ownerOnly();
            stamp = stampOf();
            remember(deviceId, keyId, key);
        }
        return keys.get(keyId);
    }

    /**
     * @param deviceId a device.
     * @param keyId    the key id a block names.
     * @return the key, or null when the device's keys were erased.
     * @throws JournalException when the file holds no such key of the device and the device was never erased: the
     *                          file is missing, cut or damaged (or the block's key id is), and reading the block as
     *                          erased would hide it.
     */
    public synchronized SecretKeySpec key(final long deviceId, final int keyId) {
        DataKey entry = keys.get(keyId);
        if (entry == null) {
            stamp = Long.MIN_VALUE;
            reloadIfChanged();
            entry = keys.get(keyId);
        }
        if (entry != null && entry.deviceId() == deviceId) {
            return entry.key();
        }
        if (erasedDevices.contains(deviceId)) {
            return null;
        }
        throw new JournalException(file + " holds no key " + keyId + " of device " + DeviceRegistry.hex(deviceId)
            + ", which was never erased: the key file is " + (Files.exists(file) ? "damaged or replaced" : "missing")
            + ", or the block's key id is damaged; the block cannot be decrypted");
    }

    /**
     * Destroys every key of a device.
     *
     * @param deviceId the device.
     * @return keys destroyed.
     */
    public synchronized int erase(final long deviceId) {
        stamp = Long.MIN_VALUE;
        reloadIfChanged();
        final List<byte[]> kept = new ArrayList<>();
        int destroyed = 0;
        for (final byte[] payload : records()) {
            final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            if (in.getLong() == deviceId) {
                destroyed += in.getInt() >= 0 ? 1 : 0;
            } else {
                kept.add(payload);
            }
        }
        kept.add(ByteBuffer.allocate(ERASED_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(deviceId).putInt(-1).array());
        final Path next = file.resolveSibling(FILE_NAME + ".new");
        try {
            Files.deleteIfExists(next);
            for (final byte[] payload : kept) {
                RecordLog.append(next, MAGIC, payload, true); // a new file: nothing torn to cut
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException | JournalException e) {
            try {
                Files.deleteIfExists(next);
            } catch (final IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (FileSpace.isNoSpace(e)) {
                throw FileSpace.diskFull(file.getParent(), next, "the key file's rewrite (erasing device "
                    + DeviceRegistry.hex(deviceId) + "; nothing was changed)", Files.exists(file) ? file.toFile()
                    .length() : 0, e);
            }
            throw new JournalException("cannot rewrite " + file + " to erase device " + DeviceRegistry.hex(deviceId)
                + ": " + e.getMessage(), e);
        }
        ownerOnly();
        stamp = Long.MIN_VALUE;
        reloadIfChanged();
        return destroyed;
    }

    private void reloadIfChanged() {
        final long now = stampOf();
        if (now == stamp) {
            return;
        }
        keys.clear();
        currentKeyId.clear();
        erasedDevices.clear();
        nextKeyId = 0;
        for (final byte[] payload : records()) {
            final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
            final long deviceId = in.getLong();
            final int keyId = in.getInt();
            if (keyId < 0) {
                currentKeyId.remove(deviceId);
                erasedDevices.add(deviceId);
                continue;
            }
            final byte[] key = new byte[KEY_BYTES];
            in.get(key);
            remember(deviceId, keyId, key);
        }
        stamp = now;
    }

    /** Every record, each checked to be a key or an erasure record. */
    private List<byte[]> records() {
        final List<byte[]> payloads = RecordLog.read(file, MAGIC, RECORD_BYTES);
        for (int i = 0; i < payloads.size(); i++) {
            final byte[] payload = payloads.get(i);
            final boolean isErasure = payload.length == ERASED_BYTES;
            final int keyId = payload.length >= ERASED_BYTES
                ? ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(8) : 0;
            if (isErasure != (keyId < 0) || (!isErasure && payload.length != RECORD_BYTES)) {
                throw new JournalException(file + " is damaged: record " + i + " holds " + payload.length
                    + " bytes with key id " + keyId + "; a key record holds " + RECORD_BYTES + " with a key id of 0"
                    + " or more, an erased device's " + ERASED_BYTES + " with -1");
            }
        }
        return payloads;
    }

    private void remember(final long deviceId, final int keyId, final byte[] key) {
        keys.put(keyId, new DataKey(deviceId, keyId, new SecretKeySpec(key, "AES")));
        currentKeyId.put(deviceId, keyId);
        nextKeyId = Math.max(nextKeyId, keyId + 1);
    }

    private static byte[] record(final long deviceId, final int keyId, final byte[] key) {
        return ByteBuffer.allocate(12 + KEY_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(deviceId).putInt(keyId)
            .put(key).array();
    }

    private long stampOf() {
        try {
            return Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() * 31 + Files.size(file)
                + Files.getAttribute(file, "unix:ino").hashCode() : 0;
        } catch (final IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private void ownerOnly() {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file,
                    PosixFilePermissions.fromString("rw-------"));
            }
        } catch (final IOException e) {
            throw new JournalException("cannot make " + file + " readable by its owner only: " + e.getMessage(), e);
        }
    }
}

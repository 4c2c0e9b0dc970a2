/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.JournalException;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a block's body with its device's key (AES-256-GCM), leaving the header readable so the index
 * still works without keys; the encrypted block's layout is drawn in {@link SealedExcerpt}, whose offsets
 * this class uses. One per thread (a Cipher is not thread safe).
 */
public final class BlockCipher {
    /** Bytes an encrypted payload adds to the block. */
    public static final int OVERHEAD = SealedExcerpt.ENCRYPTION_OVERHEAD;
    private static final int HEADER = BlockLayout.HEADER_LENGTH;
    private static final int NONCE = SealedExcerpt.NONCE_LENGTH;
    private static final int NONCE_OFFSET = SealedExcerpt.NONCE_OFFSET;
    private static final int CIPHERTEXT_OFFSET = SealedExcerpt.CIPHERTEXT_OFFSET;
    private static final int TAG_BITS = SealedExcerpt.TAG_LENGTH * Byte.SIZE;

    private final KeyStore keys;
    private final SecureRandom random = new SecureRandom();
    private final byte[] nonce = new byte[NONCE];
    private final Cipher cipher;
    private byte[] out = new byte[64 * 1024];

    /**
     * @param keys the journal's key store.
     */
    public BlockCipher(final KeyStore keys) {
        this.keys = keys;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (final GeneralSecurityException e) {
            throw new JournalException("this JVM has no AES/GCM: " + e.getMessage(), e);
        }
    }

    /**
     * @param deviceId the block's device.
     * @param block    the plaintext block.
     * @param length   its length.
     * @return the encrypted payload's length, in {@link #output()}.
     */
    public int encrypt(final long deviceId, final byte[] block, final int length) {
        final KeyStore.DataKey key = keys.sealingKey(deviceId);
        ensure(length + OVERHEAD);
        System.arraycopy(block, 0, out, 0, HEADER);
        LittleEndian.putInt(out, SealedExcerpt.KEY_ID_OFFSET, key.id());
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, NONCE_OFFSET, NONCE);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(block, 0, HEADER);
            return CIPHERTEXT_OFFSET + cipher.doFinal(block, HEADER, length - HEADER, out, CIPHERTEXT_OFFSET);
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot encrypt a block of device " + DeviceRegistry.hex(deviceId) + ": " + e,
                e);
        }
    }

    /**
     * @param deviceId the device the header names.
     * @param payload  the encrypted payload.
     * @param offset   where it starts.
     * @param length   its length.
     * @return the plaintext block's length, in {@link #output()}; -1 when the device's key was erased.
     * @throws JournalException when the payload does not authenticate (damage), naming why.
     */
    public int decrypt(final long deviceId, final byte[] payload, final int offset, final int length) {
        if (length < HEADER + OVERHEAD) {
            throw new JournalException("encrypted block of " + length + " bytes is shorter than its header and tag");
        }
        final int keyId = SealedExcerpt.keyId(payload, offset);
        final SecretKeySpec key = keys.key(deviceId, keyId);
        if (key == null) {
            return -1;
        }
        ensure(length);
        System.arraycopy(payload, offset, out, 0, HEADER);
        try {
            final GCMParameterSpec nonceSpec = new GCMParameterSpec(TAG_BITS, payload, offset + NONCE_OFFSET, NONCE);
            cipher.init(Cipher.DECRYPT_MODE, key, nonceSpec);
            cipher.updateAAD(payload, offset, HEADER);
            return HEADER + cipher.doFinal(payload, offset + CIPHERTEXT_OFFSET, length - CIPHERTEXT_OFFSET, out,
                HEADER);
        } catch (final AEADBadTagException e) {
            throw new JournalException("encrypted block fails authentication (damaged or altered): " + e.getMessage(),
                e);
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot decrypt a block of device " + DeviceRegistry.hex(deviceId) + ": " + e,
                e);
        }
    }

    /**
     * @return the last result.
     */
    public byte[] output() {
        return out;
    }

    private void ensure(final int size) {
        if (out.length < size) {
            out = new byte[Math.max(size, out.length * 2)];
        }
    }
}

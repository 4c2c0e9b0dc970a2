/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.ingest.EventBuffer;

import java.util.Arrays;

/**
 * The device keys a reader has put in one {@link EventBuffer}, found by their characters: a row's device key is
 * looked up where the parser left it, so a key costs a String only the first time a buffer sees it. An
 * open-addressing table (linear probing, power-of-two size, at most half full) of the keys and their indexes in
 * the buffer; {@link #clear()} when the buffer's device table is cleared. Not thread safe.
 */
final class DeviceKeys {
    private static final int MIN_SLOTS = 64;
    private static final String FIELD = "device";

    private String[] keys = new String[MIN_SLOTS];
    private int[] hashes = new int[MIN_SLOTS];
    private int[] indexes = new int[MIN_SLOTS];
    private int count;
    private String lastKey;
    private int lastIndex;

    /** Forgets every key: the buffer's device table starts again. */
    void clear() {
        if (count > 0) {
            Arrays.fill(keys, null);
            count = 0;
        }
        lastKey = null;
    }

    /**
     * @param chars  characters holding the key.
     * @param offset where it starts.
     * @param length its length, at least 1.
     * @param into   the buffer the index is for.
     * @return the key's index in the buffer's device table, added to it when new.
     * @throws BadRow when a new key cannot be a device key ({@link DeviceRegistry#keyProblem}: a control
     *                character, an unpaired surrogate, too long).
     */
    int indexOf(final char[] chars, final int offset, final int length, final EventBuffer into) {
        if (lastKey != null && matches(lastKey, chars, offset, length)) {
            return lastIndex; // rows of one device mostly come in runs
        }
        final int hash = hash(chars, offset, length);
        final int mask = keys.length - 1;
        int slot = mix(hash) & mask;
        for (String key = keys[slot]; key != null; key = keys[slot]) {
            if (hashes[slot] == hash && matches(key, chars, offset, length)) {
                return remember(key, indexes[slot]);
            }
            slot = (slot + 1) & mask;
        }
        final String key = new String(chars, offset, length);
        final String problem = DeviceRegistry.keyProblem(key);
        if (problem != null) {
            throw BadRow.malformed(FIELD, DeviceRegistry.printable(key), problem);
        }
        final int index = into.device(key);
        keys[slot] = key;
        hashes[slot] = hash;
        indexes[slot] = index;
        if (++count * 2 > keys.length) {
            grow();
        }
        return remember(key, index);
    }

    private int remember(final String key, final int index) {
        lastKey = key;
        lastIndex = index;
        return index;
    }

    private void grow() {
        final String[] oldKeys = keys;
        final int[] oldHashes = hashes;
        final int[] oldIndexes = indexes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        indexes = new int[keys.length];
        final int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = mix(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                indexes[slot] = oldIndexes[i];
            }
        }
    }

    private static boolean matches(final String key, final char[] chars, final int offset, final int length) {
        if (key.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(final char[] chars, final int offset, final int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        return hash;
    }

    /** Spreads the high bits down, as keys that differ only in their last characters are common (ws-1, ws-2). */
    private static int mix(final int hash) {
        final int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}

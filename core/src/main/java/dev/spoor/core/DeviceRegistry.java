/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.FileSpace;
import dev.spoor.core.internal.RecordLog;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Maps device keys (host names, user ids) to the 64-bit ids blocks carry, and keeps the mapping in the
 * journal ({@code devices.dict}) so tools can show and accept keys. Two verbs turn a key into an id:
 * {@link #register(String)} for writers (it records the key) and {@link #lookup(String)} for readers (it
 * records nothing). Both give the id the journal uses: a 64-bit hash of the key, the same in every journal,
 * or, when the journal keeps keyed pseudonyms ({@link JournalConfig#pseudonymKeyFile(Path)}), an
 * HMAC-SHA256 of the key under the journal's key file. Two keys that hash alike are refused with both
 * named, never merged.
 * <pre>
 * record: [u32 length of id + key][i64 id][key, UTF-8][u32 crc32c of id + key]
 * </pre>
 * Records are appended; a record torn by a kill at the end of the file (a prefix of a record) is cut off on
 * open. Anything else (a length out of range, a whole record failing its checksum) is damage: a writer's open
 * refuses it, naming the file and offset; a read-only open keeps the keys before it (later devices show as ids)
 * and {@link #damage()} names it for verify. Thread safe; resolve a key once and append by id.
 */
public final class DeviceRegistry {
    /** File name inside the journal directory. */
    public static final String FILE_NAME = "devices.dict";
    /** Longest device key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 4096;

    private final Path file;
    private final Long2ObjectHashMap<String> keysById = new Long2ObjectHashMap<>();
    private final boolean isReadOnly;
    private final SecretKeySpec pseudonymKey;
    private final boolean isDictionary;
    private final BooleanSupplier isJournalPseudonymous;
    private String damage;

    private DeviceRegistry(final Path file, final boolean isReadOnly, final byte[] pseudonymKey,
        final boolean isDictionary, final BooleanSupplier isJournalPseudonymous) {
        this.file = file;
        this.isReadOnly = isReadOnly;
        this.pseudonymKey = pseudonymKey == null ? null : new SecretKeySpec(pseudonymKey,
            "HmacSHA256");
        this.isDictionary = isDictionary;
        this.isJournalPseudonymous = isJournalPseudonymous;
    }

    /**
     * @param dir                   the journal directory.
     * @param isReadOnly            true when the journal is open read only: nothing is registered.
     * @param pseudonymKey          the pseudonym key, or null.
     * @param isDictionary          true to record keys in {@code devices.dict}.
     * @param isJournalPseudonymous whether the journal's policy in force says its ids are keyed pseudonyms.
     * @return the registry, loaded.
     */
    static DeviceRegistry open(final Path dir, final boolean isReadOnly, final byte[] pseudonymKey,
        final boolean isDictionary, final BooleanSupplier isJournalPseudonymous) {
        final DeviceRegistry registry = new DeviceRegistry(dir.resolve(FILE_NAME), isReadOnly, pseudonymKey,
            isDictionary, isJournalPseudonymous);
        registry.load();
        return registry;
    }

    /**
     * The id of a device key, registering the key on first use: what a writer appends with.
     *
     * @param key the device key, 1 to {@link #MAX_KEY_BYTES} UTF-8 bytes of text ({@link #keyProblem}).
     * @return its id in this journal.
     * @throws IllegalArgumentException when the key is empty, too long, or not text.
     * @throws JournalException when the journal is open read only, or another key already has the same id.
     */
    public long register(final String key) {
        final String problem = keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException("device key '" + printable(key) + "' " + problem);
        }
        if (isReadOnly) {
            throw new JournalException("cannot register device key '" + key + "': journal " + file.getParent()
                + " is open read only (lookup finds a device without registering it)");
        }
        final long id = lookup(key);
        registerId(id, key);
        return id;
    }

    /**
     * The id a device key has in this journal, without registering it: what a reader scans for. The key
     * need not be known to the journal (a device may have no events yet, or the journal keeps no dictionary).
     *
     * @param key the device key, 1 to {@link #MAX_KEY_BYTES} UTF-8 bytes.
     * @return its id in this journal.
     * @throws IllegalArgumentException when the key is empty or too long.
     * @throws JournalException when the journal keeps keyed pseudonyms and was opened without its key file,
     *                          or keeps plain ids and was opened with a key file.
     */
    public long lookup(final String key) {
        final byte[] utf8 = checkKey(key);
        checkIdScheme();
        return pseudonymKey == null ? hash(utf8) : keyedHash(utf8);
    }

    /**
     * @return true when this journal was opened with a pseudonym key file, so keys resolve to keyed ids.
     */
    public boolean isPseudonymous() {
        return pseudonymKey != null;
    }

    /**
     * @param id a device id.
     * @return its key, or null when the id was appended without a key (or the journal keeps no dictionary).
     */
    public synchronized String keyOf(final long id) {
        return keysById.get(id);
    }

    /**
     * @return every registered device, by id.
     */
    public synchronized Map<Long, String> all() {
        final Map<Long, String> copy = new TreeMap<>();
        keysById.forEach(copy::put);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * @return what is wrong with {@code devices.dict} when a read-only open found it damaged (file, offset and
     *         problem; the keys after the damage are unknown), or null when it read whole.
     */
    public String damage() {
        return damage;
    }

    /** A key's plain id: 64-bit FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser to spread it. */
    private static long hash(final byte[] utf8) {
        long h = 0xcbf29ce484222325L;
        for (final byte b : utf8) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** A key's pseudonymous id: the first 8 bytes, little-endian, of HMAC-SHA256(pseudonym key, key). */
    private long keyedHash(final byte[] utf8) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return ByteBuffer.wrap(mac.doFinal(utf8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot compute the pseudonym of a device key: " + e.getMessage(), e);
        }
    }

    /** Refuses to resolve keys under the wrong id scheme, which would name devices the journal does not hold. */
    private void checkIdScheme() {
        final boolean isKeyed = isJournalPseudonymous.getAsBoolean();
        if (isKeyed && pseudonymKey == null) {
            throw new JournalException("journal " + file.getParent() + " keeps device ids as keyed pseudonyms:"
                + " open it with its pseudonym key file to look devices up by key");
        }
        if (!isKeyed && pseudonymKey != null) {
            throw new JournalException("journal " + file.getParent() + " keeps plain device ids but was opened"
                + " with a pseudonym key file: open it without the key file to look devices up by key");
        }
    }

    private synchronized void registerId(final long id, final String key) {
        final String existing = keysById.get(id);
        if (existing != null) {
            if (!existing.equals(key)) {
                throw new JournalException("device keys '" + existing + "' and '" + key + "' have the same id "
                    + Long.toHexString(id) + "; rename one of them");
            }
            return;
        }
        if (isDictionary) {
            append(id, key.getBytes(StandardCharsets.UTF_8));
        }
        keysById.put(id, key);
    }

    /**
     * What a new device key must be: text that UTF-8 stores exactly and every export (CSV, JSONL, a terminal) can
     * carry, so no control character (U+0000-U+001F, U+007F-U+009F) but tab, line feed and carriage return (which
     * CSV quotes and JSON escapes), and no unpaired surrogate (which UTF-8 would store as '?', merging two keys); 1
     * to {@link #MAX_KEY_BYTES} UTF-8 bytes. Keys registered before
     * this rule still resolve ({@link #lookup} does not apply it).
     *
     * @param key a device key.
     * @return why it cannot be registered (to follow "device key 'k'"), or null when it can.
     */
    public static String keyProblem(final String key) {
        if (key == null || key.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < key.length(); i++) {
            final char c = key.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format("holds the control character U+%04X at character %d", (int)c, i + 1);
            }
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("holds the unpaired surrogate U+%04X at character %d, which UTF-8 cannot store",
                    (int)c, i + 1);
            }
        }
        final int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        return bytes > MAX_KEY_BYTES ? "is " + bytes + " UTF-8 bytes, over " + MAX_KEY_BYTES : null;
    }

    /**
     * @param key a device key.
     * @return the key for a message: control characters and unpaired surrogates as a backslash, u and four hex
     *         digits (as JSON escapes them).
     */
    public static String printable(final String key) {
        final StringBuilder text = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            final char c = key.charAt(i);
            final boolean isPair = Character.isHighSurrogate(c) && i + 1 < key.length()
                && Character.isLowSurrogate(key.charAt(i + 1));
            if (isPair) {
                text.append(c).append(key.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                text.append(String.format("\\u%04X", (int)c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static byte[] checkKey(final String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("device key must not be empty");
        }
        final byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("device key of " + utf8.length + " UTF-8 bytes exceeds "
                + MAX_KEY_BYTES + ": '" + key.substring(0, 40) + "...'");
        }
        return utf8;
    }

    private void append(final long id, final byte[] utf8) {
        final ByteBuffer record = ByteBuffer.allocate(4 + 8 + utf8.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(8 + utf8.length).putLong(id).put(utf8);
        final CRC32C crc = new CRC32C();
        crc.update(record.array(), 4, 8 + utf8.length);
        record.putInt((int)crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            final long before = channel.size();
            try {
                while (record.hasRemaining()) {
                    channel.write(record);
                }
            } catch (final IOException e) {
                // A full disk may take part of the record: cut it off, so the next record does not follow a torn one.
                channel.truncate(before);
                throw e;
            }
            // No fsync: like the queue and the staging file, the record survives the process being killed
            // (it is in the page cache); an fsync per new device cost 0.2 ms each, a quarter of ingesting
            // the 252 Balabit sessions.
        } catch (final IOException e) {
            if (FileSpace.isNoSpace(e)) {
                throw FileSpace.diskFull(file.getParent(), file, "device '" + new String(utf8,
                    StandardCharsets.UTF_8) + "'", record.capacity(), e);
            }
            throw new JournalException("cannot append device '" + new String(utf8, StandardCharsets.UTF_8)
                + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        final ByteBuffer bytes;
        try {
            bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (final IOException e) {
            throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int goodEnd = 0;
        while (bytes.remaining() > 0) {
            final int start = bytes.position();
            if (!readRecord(bytes)) {
                checkTornTail(bytes, start);
                break;
            }
            goodEnd = bytes.position();
        }
        if (goodEnd < bytes.limit() && !isReadOnly && damage == null) {
            truncate(goodEnd);
        }
    }

    private boolean readRecord(final ByteBuffer bytes) {
        if (bytes.remaining() < 4) {
            return false;
        }
        final int length = bytes.getInt();
        if (length < 9 || length > 8 + MAX_KEY_BYTES || bytes.remaining() < length + 4) {
            return false;
        }
        final int start = bytes.position();
        final CRC32C crc = new CRC32C();
        crc.update(bytes.array(), start, length);
        final long id = bytes.getLong();
        final byte[] key = new byte[length - 8];
        bytes.get(key);
        if (bytes.getInt() != (int)crc.getValue()) {
            return false;
        }
        keysById.put(id, new String(key, StandardCharsets.UTF_8));
        return true;
    }

    /**
     * A bad record is acceptable only as what a killed append leaves: a prefix of one record, at the end. Anything
     * else is refused for a writer (appending after it would bury it) and remembered for verify when read only.
     */
    private void checkTornTail(final ByteBuffer bytes, final int start) {
        bytes.position(start);
        final int remaining = bytes.remaining();
        if (remaining < 4) {
            return;
        }
        final int claimed = bytes.getInt(start);
        final boolean isLengthValid = claimed >= 9 && claimed <= 8 + MAX_KEY_BYTES;
        // Torn: a prefix of one record, which no whole record follows (else its length was damaged).
        final int resumes = RecordLog.wholeRecordFrom(bytes, start, 9, 8 + MAX_KEY_BYTES);
        if (isLengthValid && remaining < claimed + 8 && resumes < 0) {
            return;
        }
        final String problem = file + " is damaged at byte " + start + ": " + (isLengthValid
            ? remaining < claimed + 8 ? "record length " + claimed + " runs past the end of the file, yet a whole"
            + " record lies at byte " + resumes : "a record of " + claimed + " bytes fails its checksum"
            : "record length " + claimed
            + " is outside 9.." + (8 + MAX_KEY_BYTES)) + ", with " + remaining + " bytes from there to the end;"
            + " not a torn tail";
        if (!isReadOnly) {
            throw new JournalException(problem + ", refusing to open it for writing");
        }
        damage = problem;
    }

    private void truncate(final int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        } catch (final IOException e) {
            throw new JournalException("cannot cut the torn tail of " + file + " at " + length + ": "
                + e.getMessage(), e);
        }
    }
}

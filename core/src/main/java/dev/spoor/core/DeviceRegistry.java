/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.FileSpace;
import dev.spoor.core.internal.RecordLog;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 * Records are appended: the keys registered since the last append together, before a writer stages its next event
 * and at close ({@link #writePending}). A record torn by a kill at the end of the file (a prefix of
 * a record) is cut off on open. Anything else (a length out of range, a whole record failing its checksum) is
 * damage: a writer's open refuses it, naming the file and offset; a read-only open keeps the keys before it (later
 * devices show as ids) and {@link #damage()} names it for verify. Thread safe; resolve a key once and append by id.
 * <p>Erasing a device whole takes its key out of the file ({@link #forget(Path, LongPredicate)}: the file is
 * written anew without the device's records, synced and renamed over the old one), and a key whose device is
 * erased whole is never recorded again, nor that of a device outside the journal's consent list. Appends and
 * rewrites hold {@value #LOCK_FILE_NAME} (an exclusive file lock), so a rewrite by one process loses no key another
 * process's writer appends meanwhile.
 */
public final class DeviceRegistry implements AutoCloseable {
    /** File name inside the journal directory. */
    public static final String FILE_NAME = "devices.dict";
    /** Longest device key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 4096;

    /**
     * Held (an exclusive file lock) by each append to {@code devices.dict} and by each rewrite, across processes: a
     * rewrite renames a new file over the old one, so the file itself cannot carry the lock.
     */
    public static final String LOCK_FILE_NAME = "devices.lock";
    /** This process's turn on the lock file: a second lock of it in one JVM would throw, a second close drop it. */
    private static final Object JVM_LOCK = new Object();
    /** A record's fields around the key ({@code PendingKeys} builds records in the same layout). */
    static final int LENGTH_BYTES = 4;
    static final int ID_BYTES = 8;
    static final int CRC_BYTES = 4;

    /**
     * What a rewrite of {@code devices.dict} took out.
     *
     * @param records the records removed (a device registered in two runs may have two).
     * @param unread  null when the file read whole; else its bytes from where they stopped reading as records (a
     *                torn tail or damage), kept as they are: the key may still be among them.
     */
    public record Forgotten(int records, String unread) {
    }

    /**
     * What {@link #salvage} kept of a damaged dictionary.
     *
     * @param recordsKept  whole records kept.
     * @param bytesDropped bytes that did not read as whole records, dropped (0: the file was sound, not rewritten).
     * @param recordsAfter whole records found after the first damage, kept too.
     */
    public record Salvage(int recordsKept, int bytesDropped, int recordsAfter) {
    }

    private final Path file;
    private final Long2ObjectHashMap<String> keysById = new Long2ObjectHashMap<>();
    /** Ids {@link #keyOf} found no key for since the file last changed: asked again, they cost no file check. */
    private final LongHashSet missed = new LongHashSet();
    /** The file's length and modification time when last read ({@link RecordLog#stamp}). */
    private long loadedStamp;
    private final boolean isReadOnly;
    private final SecretKeySpec pseudonymKey;
    private final BooleanSupplier isDictionary;
    private final BooleanSupplier isJournalPseudonymous;
    private final LongPredicate isErasedWhole;
    private final Predicate<String> isConsented;
    private String damage;
    /**
     * The writer's descriptor of {@value #LOCK_FILE_NAME}, opened at its first append and kept until {@link #close}
     * (one lock and release per new device, not an open and close as well). Guarded by {@link #JVM_LOCK}.
     */
    private FileChannel lockChannel;
    /** The records of keys registered since the last {@link #writePending}. */
    private final PendingKeys pending = new PendingKeys();
    /** Which device ids are erased whole, read afresh (not the registry's cached view): taken as keys are written. */
    private final Supplier<LongPredicate> erasedWholeNow;

    private DeviceRegistry(final Path file, final boolean isReadOnly, final byte[] pseudonymKey,
        final BooleanSupplier isDictionary, final BooleanSupplier isJournalPseudonymous,
        final LongPredicate isErasedWhole, final Supplier<LongPredicate> erasedWholeNow,
        final Predicate<String> isConsented) {
        this.file = file;
        this.isReadOnly = isReadOnly;
        this.pseudonymKey = pseudonymKey == null ? null : new SecretKeySpec(pseudonymKey,
            "HmacSHA256");
        this.isDictionary = isDictionary;
        this.isJournalPseudonymous = isJournalPseudonymous;
        this.isErasedWhole = isErasedWhole;
        this.erasedWholeNow = erasedWholeNow;
        this.isConsented = isConsented;
    }

    /**
     * @param dir                   the journal directory.
     * @param isReadOnly            true when the journal is open read only: nothing is registered.
     * @param pseudonymKey          the pseudonym key, or null.
     * @param isDictionary          whether to record keys in {@code devices.dict}, asked at each new key.
     * @param isJournalPseudonymous whether the journal's policy in force says its ids are keyed pseudonyms.
     * @param isErasedWhole         whether a device id is erased whole: its key is then not recorded (may be a view
     *                              some time old: asked at each new key).
     * @param erasedWholeNow        the same, read afresh: taken once per write of the records, under
     *                              {@value #LOCK_FILE_NAME}, so a key erased by another process meanwhile is not.
     * @param isConsented           whether the policy in force lets a device key's events be stored: the key of a
     *                              device outside the consent list is not recorded either.
     * @return the registry, loaded.
     */
    static DeviceRegistry open(final Path dir, final boolean isReadOnly, final byte[] pseudonymKey,
        final BooleanSupplier isDictionary, final BooleanSupplier isJournalPseudonymous,
        final LongPredicate isErasedWhole, final Supplier<LongPredicate> erasedWholeNow,
        final Predicate<String> isConsented) {
        final DeviceRegistry registry = new DeviceRegistry(dir.resolve(FILE_NAME), isReadOnly, pseudonymKey,
            isDictionary, isJournalPseudonymous, isErasedWhole, erasedWholeNow, isConsented);
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
     * The id a key gets under the key file this registry was opened with, before the policy records the id scheme
     * (a new journal's consent list, stored as ids).
     */
    long idOf(final String key) {
        final byte[] utf8 = checkKey(key);
        return pseudonymKey == null ? hash(utf8) : keyedHash(utf8);
    }

    /**
     * A device id as every message, the audit log and {@code spoor devices} write it, and as {@code erase
     * --device-id} takes it.
     *
     * @param id a device id.
     * @return 16 lower-case hex digits, leading zeros kept.
     */
    public static String hex(final long id) {
        return String.format("%016x", id);
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
        final String key = keysById.get(id);
        if (key != null || missed.contains(id)) {
            return key;
        }
        // A device registered by a writer after this registry loaded (a reader scanning blocks sealed since it
        // opened): read the file again if it changed, at most once per unknown id and change.
        reloadIfChanged();
        final String reloaded = keysById.get(id);
        if (reloaded == null) {
            missed.add(id);
        }
        return reloaded;
    }

    /**
     * @return every registered device, by id (the file read again when another process has changed it).
     */
    public synchronized Map<Long, String> all() {
        reloadIfChanged();
        final Map<Long, String> copy = new TreeMap<>();
        keysById.forEach(copy::put);
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Lets go of the writer's descriptor of {@value #LOCK_FILE_NAME}; the journal calls it when it closes, after
     * {@link #writePending}. The registry appends no more keys afterwards without opening it again. Never throws, so
     * the journal's close goes on to release its writer lock.
     */
    @Override
    public void close() {
        synchronized (JVM_LOCK) {
            if (lockChannel != null) {
                try {
                    lockChannel.close();
                } catch (final IOException ignored) {
                    // no lock is held between appends: nothing is lost by a failed close
                }
                lockChannel = null;
            }
        }
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

    /**
     * A secret of the journal's pseudonym key for another use, so that it is as far from the journal as the key:
     * HMAC-SHA256(pseudonym key, label).
     *
     * @param label what the secret is for.
     * @return 32 bytes, or null when this journal was opened without a pseudonym key.
     */
    byte[] derivedSecret(final String label) {
        if (pseudonymKey == null) {
            return null;
        }
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot derive a secret of the pseudonym key: " + e.getMessage(), e);
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
        if (isErasedWhole.test(id) || !isConsented.test(key)) {
            return; // its events are not stored: its key is not kept, here or on disk
        }
        if (isDictionary.getAsBoolean()) {
            pending.add(id, key);
        }
        keysById.put(id, key);
    }

    /** @return true when keys registered here wait to be written ({@link #writePending}): a volatile read. */
    boolean hasPendingKeys() {
        return !pending.isEmpty();
    }

    /**
     * Appends the records of the keys registered since the last write to {@code devices.dict}, all in one write
     * under {@value #LOCK_FILE_NAME}. A writer calls it before it stages an event while any key waits, so every device
     * whose events the journal may hold, staged or sealed, crash or not, is named in the file (a key registered and
     * never appended with is written at close at the latest: its id needs no record to be found, {@link #lookup}).
     * Under the lock the journal's erasures are read afresh and the keys of devices erased whole since they were
     * registered are left out: an erasure rewrites the file under the same lock after recording itself, so either
     * its rewrite takes a key written before out, or this write sees the erasure. One write instead of one per key:
     * registering the 252 devices of the Balabit set took a lock, an open, a write and a close each, 3-4 ms of an
     * 80 ms ingest.
     *
     * @throws DiskFullException when the file system has no room: nothing is written, and the records stay to be
     *                           written by the next call.
     * @throws JournalException  when the file cannot be written (the records stay too).
     */
    void writePending() {
        if (pending.isEmpty()) {
            return;
        }
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            synchronized (JVM_LOCK) {
                appendLocked(pending.describe());
            }
            pending.clear();
        }
    }

    /**
     * Takes devices' keys out of this journal's {@code devices.dict} and out of this registry: what erasing a
     * device whole does, so no journal file names it. Works on a registry open read only too.
     *
     * @param isForgotten which device ids to take out.
     * @return what was taken out of the file.
     * @throws JournalException when the file cannot be read, written, synced or renamed.
     */
    public Forgotten forget(final LongPredicate isForgotten) {
        pending.remove(isForgotten); // never written, so the rewrite need not take them out
        final Forgotten forgotten = forget(file.getParent(), isForgotten);
        synchronized (this) {
            keysById.keySet().removeIf(isForgotten::test);
        }
        return forgotten;
    }

    /**
     * Rewrites a journal's {@code devices.dict} without the records of some devices: a new file, synced, renamed
     * over the old one (a kill leaves either file whole), under {@value #LOCK_FILE_NAME}. Bytes that do not read
     * as whole records (a torn tail, damage) are kept as they are, and named in the result.
     *
     * @param dir         the journal directory.
     * @param isForgotten which device ids to take out.
     * @return what was taken out; nothing when the file does not exist or names none of them.
     * @throws JournalException when the file cannot be read, written, synced or renamed.
     */
    public static Forgotten forget(final Path dir, final LongPredicate isForgotten) {
        final Path dictionary = dir.resolve(FILE_NAME);
        try {
            return underLock(dir, () -> rewriteWithout(dictionary, isForgotten));
        } catch (final IOException e) {
            throw new JournalException("cannot rewrite " + dictionary + " without the keys of erased devices: "
                + e.getMessage(), e);
        }
    }

    /** A rewrite of the dictionary, run under {@link #underLock}. */
    @FunctionalInterface
    private interface Rewrite<T> {
        T run() throws IOException;
    }

    /** Runs a rewrite holding {@value #LOCK_FILE_NAME}, as every append does, and this JVM's lock. */
    private static <T> T underLock(final Path dir, final Rewrite<T> rewrite) throws IOException {
        synchronized (JVM_LOCK) {
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK_FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
                final FileLock lock = lockChannel.lock();
                try {
                    return rewrite.run();
                } finally {
                    lock.release();
                }
            }
        }
    }

    /** Replaces the dictionary with the bytes: a new file, synced, renamed over it, the directory synced. */
    private static void replace(final Path dictionary, final ByteBuffer kept) throws IOException {
        final Path next = dictionary.resolveSibling(FILE_NAME + ".new");
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (kept.hasRemaining()) {
                channel.write(kept);
            }
            channel.force(true);
        } catch (final IOException e) {
            Files.deleteIfExists(next);
            throw e;
        }
        Files.move(next, dictionary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        RecordLog.syncDirectory(dictionary.getParent());
    }

    /**
     * For {@code spoor repair}: rewrites a damaged {@code devices.dict} with its whole records only, found past the
     * damage too (the next position where a whole record with a valid checksum starts), so the journal can be written
     * again. The keys of the dropped bytes are lost: their devices show by id until a writer registers their key again.
     * A sound file (a torn tail aside, which every open cuts) is left as it is.
     *
     * @param dir      the journal directory.
     * @param isDryRun true to say what would be dropped and change nothing.
     * @return what was kept and dropped.
     * @throws JournalException when the file cannot be read, written, synced or renamed.
     */
    public static Salvage salvage(final Path dir, final boolean isDryRun) {
        final Path dictionary = dir.resolve(FILE_NAME);
        try {
            return underLock(dir, () -> salvageRecords(dictionary, isDryRun));
        } catch (final IOException e) {
            throw new JournalException("cannot salvage " + dictionary + ": " + e.getMessage(), e);
        }
    }

    private static Salvage salvageRecords(final Path dictionary, final boolean isDryRun) throws IOException {
        if (!Files.exists(dictionary)) {
            return new Salvage(0, 0, 0);
        }
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dictionary)).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer kept = ByteBuffer.allocate(bytes.capacity());
        int records = 0;
        int after = 0;
        int dropped = 0;
        int at = 0;
        while (at < bytes.limit()) {
            final int end = recordEnd(bytes, at);
            if (end >= 0) {
                kept.put(bytes.array(), at, end - at);
                records++;
                after += dropped > 0 ? 1 : 0;
                at = end;
            } else {
                dropped++;
                at++;
            }
        }
        final boolean isTornTailOnly = after == 0 && dropped > 0 && isTornTail(bytes, kept.position());
        if (dropped == 0 || isTornTailOnly || isDryRun) {
            return new Salvage(records, isTornTailOnly ? 0 : dropped, after);
        }
        replace(dictionary, kept.flip());
        return new Salvage(records, dropped, after);
    }

    /** A prefix of one record from {@code start} to the end: what a kill mid-append leaves, cut on every open. */
    private static boolean isTornTail(final ByteBuffer bytes, final int start) {
        if (bytes.limit() - start < LENGTH_BYTES) {
            return true;
        }
        final int length = bytes.getInt(start);
        return length >= ID_BYTES + 1 && length <= ID_BYTES + MAX_KEY_BYTES
            && bytes.limit() - start - LENGTH_BYTES < length + CRC_BYTES;
    }

    private static Forgotten rewriteWithout(final Path dictionary, final LongPredicate isForgotten)
        throws IOException {
        if (!Files.exists(dictionary)) {
            return new Forgotten(0, null);
        }
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dictionary)).order(ByteOrder.LITTLE_ENDIAN);
        final ByteBuffer kept = ByteBuffer.allocate(bytes.capacity());
        int removed = 0;
        while (bytes.hasRemaining()) {
            final int start = bytes.position();
            final int end = recordEnd(bytes, start);
            if (end < 0) {
                break;
            }
            if (isForgotten.test(bytes.getLong(start + LENGTH_BYTES))) {
                removed++;
            } else {
                kept.put(bytes.array(), start, end - start);
            }
            bytes.position(end);
        }
        // Where those bytes are once the file is rewritten, which is where a reader of the message finds them.
        final String unread = bytes.hasRemaining() ? "bytes " + kept.position() + " to " + (kept.position()
            + bytes.remaining()) + " of " + dictionary + " do not read as whole records (a torn tail or damage) and"
            + " were kept as they are" : null;
        if (removed == 0) {
            return new Forgotten(0, unread);
        }
        replace(dictionary, kept.put(bytes.array(), bytes.position(), bytes.remaining()).flip());
        return new Forgotten(removed, unread);
    }

    /**
     * @return where the whole, checksummed record at {@code start} ends, or -1 when none starts there.
     */
    private static int recordEnd(final ByteBuffer bytes, final int start) {
        if (bytes.limit() - start < LENGTH_BYTES) {
            return -1;
        }
        final int length = bytes.getInt(start);
        final int body = start + LENGTH_BYTES;
        if (length < ID_BYTES + 1 || length > ID_BYTES + MAX_KEY_BYTES || bytes.limit() - body < length + CRC_BYTES) {
            return -1;
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes.array(), body, length);
        return bytes.getInt(body + length) == (int)crc.getValue() ? body + length + CRC_BYTES : -1;
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

    /**
     * The append of the pending records, under {@link #JVM_LOCK} and the pending records' lock: takes
     * {@value #LOCK_FILE_NAME}, so a rewrite cannot drop the records, and leaves out those of devices erased whole.
     */
    private void appendLocked(final String what) {
        ByteBuffer records = null;
        try {
            if (lockChannel == null) {
                lockChannel = FileChannel.open(file.resolveSibling(LOCK_FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            }
            final FileLock lock = lockChannel.lock();
            try {
                records = pending.toWrite(erasedWholeNow());
                writeRecords(records);
            } finally {
                lock.release();
            }
        } catch (final IOException e) {
            if (FileSpace.isNoSpace(e)) {
                throw FileSpace.diskFull(file.getParent(), file, what, records == null ? 0 : records.limit(), e);
            }
            throw new JournalException("cannot append " + what + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A fresh look at the erasures; when they cannot be read, every key is written (readers name the damage). */
    private LongPredicate erasedWholeNow() {
        try {
            return erasedWholeNow.get();
        } catch (final JournalException unreadable) {
            return id -> false;
        }
    }

    /** Writes records at the end of the file, under the lock; a failed write is cut back off. */
    private void writeRecords(final ByteBuffer records) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            final long before = channel.size();
            try {
                while (records.hasRemaining()) {
                    channel.write(records);
                }
            } catch (final IOException e) {
                // A full disk may take part of the records: cut them off, so the next record does not follow a torn
                // one.
                channel.truncate(before);
                throw e;
            }
            // No fsync: like the queue and the staging file, the records survive the process being killed
            // (they are in the page cache); an fsync per new device cost 0.2 ms each, a quarter of ingesting
            // the 252 Balabit sessions.
        }
    }

    /**
     * Reads the file again when its stamp changed: a read-only registry takes it as it now is (erasures take keys
     * out); a writer's adds what it holds (its own keys stay, and it neither cuts a tail another process may be
     * appending nor refuses damage it did not find at open).
     */
    private void reloadIfChanged() {
        if (RecordLog.stamp(file.toFile()) == loadedStamp) {
            return;
        }
        missed.clear();
        if (isReadOnly) {
            keysById.clear();
            damage = null;
        }
        read(true);
    }

    private void load() {
        read(false);
    }

    private void read(final boolean isReload) {
        loadedStamp = RecordLog.stamp(file.toFile());
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
                if (!isReload || isReadOnly) {
                    checkTornTail(bytes, start); // read only: notes damage for verify, never throws
                }
                break;
            }
            goodEnd = bytes.position();
        }
        if (goodEnd < bytes.limit() && !isReadOnly && damage == null && !isReload) {
            truncate(goodEnd);
        }
    }

    private boolean readRecord(final ByteBuffer bytes) {
        final int start = bytes.position();
        final int end = recordEnd(bytes, start);
        if (end < 0) {
            return false;
        }
        final int body = start + LENGTH_BYTES + ID_BYTES;
        keysById.put(bytes.getLong(start + LENGTH_BYTES), new String(bytes.array(), body, end - CRC_BYTES - body,
            StandardCharsets.UTF_8));
        bytes.position(end);
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
            throw new JournalException(problem + ", refusing to open it for writing: `spoor repair` keeps its whole"
                + " records and drops the damaged bytes");
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

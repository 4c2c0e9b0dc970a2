/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 32-byte key of keyed device pseudonyms, in a file of its own outside the journal directory (mode 0600,
 * created when absent by a writer).
 */
public final class PseudonymKey {
    /**
     * The journal's check of its pseudonym key (a {@code RecordLog}, magic "SPPK"): per record the first 16 bytes of
     * HMAC-SHA256(key, "spoor pseudonym key check 1"), which tells one key from another without revealing it.
     * Written by the first writer that opens the journal with its key; every later open with a key compares, so a
     * key file typed wrong, or another journal's, is refused instead of giving devices ids no one can find or erase
     * again.
     */
    public static final String CHECK_FILE_NAME = "pseudonym-check.spoor";
    private static final byte[] CHECK_MAGIC = {'S', 'P', 'P', 'K'};
    private static final String CHECK_TEXT = "spoor pseudonym key check 1";
    private static final int CHECK_BYTES = 16;
    private static final int BYTES = 32;

    private PseudonymKey() {
    }

    private static void warnIfOthersCanRead(final Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            final Set<PosixFilePermission> modes =
                Files.getPosixFilePermissions(file);
            if (modes.contains(PosixFilePermission.GROUP_READ)
                || modes.contains(PosixFilePermission.OTHERS_READ)) {
                System.getLogger(PseudonymKey.class.getName()).log(System.Logger.Level.WARNING, "pseudonym key file "
                    + file + " is readable by other users ("
                    + PosixFilePermissions.toString(modes) + "); chmod 600 it");
            }
        }
    }

    /**
     * @param journalDir the journal directory (the key must not be inside it).
     * @param file       the key file, or null for no pseudonyms.
     * @param mayCreate  true to create the file when absent.
     * @return the key, or null when {@code file} is null.
     */
    public static byte[] load(final Path journalDir, final Path file, final boolean mayCreate) {
        if (file == null) {
            return null;
        }
        if (file.toAbsolutePath().normalize().startsWith(journalDir.toAbsolutePath().normalize())) {
            throw new JournalException("pseudonym key file " + file + " is inside the journal directory; keep it"
                + " elsewhere, or the journal alone reveals who is who");
        }
        try {
            if (!Files.exists(file)) {
                if (!mayCreate) {
                    throw new JournalException("pseudonym key file " + file + " does not exist");
                }
                final byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                Files.write(file, key);
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file,
                        PosixFilePermissions.fromString("rw-------"));
                }
                return key;
            }
            if (!Files.isRegularFile(file)) {
                throw new JournalException("pseudonym key file " + file + " is " + (Files.isDirectory(file)
                    ? "a directory" : "not a regular file") + ", not a key file");
            }
            warnIfOthersCanRead(file);
            // Sized before it is read: a wrong file (a disk image, say) is refused without reading it into memory.
            final long size = Files.size(file);
            final byte[] key = size == BYTES ? Files.readAllBytes(file) : new byte[0];
            if (key.length != BYTES) {
                throw new JournalException("pseudonym key file " + file + " holds " + Math.max(size, key.length)
                    + " bytes, not " + BYTES);
            }
            return key;
        } catch (final IOException e) {
            throw new JournalException("cannot read or create pseudonym key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a key other than the one the journal's ids were made with, when the journal has recorded its check.
     *
     * @param journalDir the journal directory.
     * @param file       the key file, for the message.
     * @param key        its key, or null (nothing to check).
     * @throws JournalException naming the key file when its check differs from the journal's.
     */
    public static void checkAgainstJournal(final Path journalDir, final Path file, final byte[] key) {
        if (key == null) {
            return;
        }
        final List<byte[]> checks = RecordLog.read(journalDir.resolve(CHECK_FILE_NAME), CHECK_MAGIC, CHECK_BYTES);
        if (!checks.isEmpty() && !MessageDigest.isEqual(checks.get(checks.size() - 1), check(key))) {
            throw new JournalException("pseudonym key file " + file + " is not the key journal " + journalDir
                + " was written with (its check, in " + CHECK_FILE_NAME + ", differs): under it every device would"
                + " get ids no one could find or erase; open the journal with the key file it was written with");
        }
    }

    /**
     * Records the key's check in a journal that has none: a new pseudonymous journal, or one written before checks.
     *
     * @param journalDir the journal directory.
     * @param key        the key.
     * @throws JournalException when the file cannot be written.
     */
    public static void recordCheck(final Path journalDir, final byte[] key) {
        final Path checkFile = journalDir.resolve(CHECK_FILE_NAME);
        if (RecordLog.read(checkFile, CHECK_MAGIC, CHECK_BYTES).isEmpty()) {
            RecordLog.append(checkFile, CHECK_MAGIC, CHECK_BYTES, check(key));
        }
    }

    /** The first 16 bytes of HMAC-SHA256(key, CHECK_TEXT). */
    private static byte[] check(final byte[] key) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(CHECK_TEXT.getBytes(StandardCharsets.US_ASCII)), CHECK_BYTES);
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot compute the check of a pseudonym key: " + e.getMessage(), e);
        }
    }
}

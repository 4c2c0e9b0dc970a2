/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import dev.spoor.core.JournalException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The 32-byte key of keyed device pseudonyms, in a file of its own outside the journal directory (mode 0600,
 * created when absent by a writer).
 */
public final class PseudonymKey {
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
}

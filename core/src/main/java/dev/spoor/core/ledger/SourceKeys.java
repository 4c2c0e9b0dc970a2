/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;
import dev.spoor.core.internal.RecordLog;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the ingest ledger names a source file: {@code hmac-sha256:} and 64 hex digits of HMAC-SHA256(secret, the
 * file's real path), never the path, which names people (a Balabit or pynput recording's device key is its folder
 * and file name; a consent list leaves out people whose files are still read). The secret is the journal's pseudonym
 * key's own for this use (HMAC-SHA256(key, {@value #PSEUDONYM_LABEL})) on a pseudonymous journal, so the ledger is as
 * opaque as its device ids; otherwise 32 random bytes kept beside the ledger in {@value #SECRET_FILE_NAME} (a
 * {@link RecordLog}, magic {@code SPLS}, one 32-byte record; the first record wins), so a reader of the journal's
 * folder can test a path it guesses, as it can test a guessed device key against the plain ids of such a journal, but
 * reads no name.
 *
 * <p>Ledgers written before 2026-12-01 name sources by their real path. A ledger holding any such key keeps naming
 * sources that way ({@link #isPlain}), so their progress is found and resumed as before.
 */
public final class SourceKeys {
    /** The file of a journal without pseudonyms that keeps the ledger's secret. */
    public static final String SECRET_FILE_NAME = "ingest-ledger.secret";
    /** What a hashed source key starts with. */
    static final String PREFIX = "hmac-sha256:";
    /** The label of the secret derived from a pseudonym key. */
    static final String PSEUDONYM_LABEL = "spoor ingest ledger source keys";
    private static final byte[] MAGIC = {'S', 'P', 'L', 'S'};
    private static final int SECRET_BYTES = 32;

    private SourceKeys() {
    }

    /**
     * @param secret the ledger's secret ({@link #secret}).
     * @param path   a source file's real path.
     * @return its source key.
     */
    static String hashed(final byte[] secret, final String path) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(path.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            throw new JournalException("cannot compute a source key: " + e.getMessage(), e);
        }
    }

    /**
     * @param sourceKey a source key the ledger holds.
     * @return true when it is a path, as ledgers before hashed keys wrote them.
     */
    public static boolean isPlain(final String sourceKey) {
        return !sourceKey.startsWith(PREFIX);
    }

    /**
     * The secret of a journal without pseudonyms, made on first use.
     *
     * @param dir            the journal directory.
     * @param hashedSources  sources the ledger already names by hashed keys: with any, a missing secret is refused,
     *                       not made again, since a new one would make every file look new and store it twice.
     * @return 32 bytes.
     * @throws JournalException when the file cannot be read or written, holds a record of another size, or is
     *                          missing while the ledger names sources with it.
     */
    static byte[] secret(final Path dir, final long hashedSources) {
        final Path file = dir.resolve(SECRET_FILE_NAME);
        List<byte[]> records = RecordLog.read(file, MAGIC, SECRET_BYTES);
        if (records.isEmpty() && hashedSources > 0) {
            throw new JournalException(file + missing(hashedSources));
        }
        if (records.isEmpty()) {
            final byte[] secret = new byte[SECRET_BYTES];
            new SecureRandom().nextBytes(secret);
            RecordLog.append(file, MAGIC, SECRET_BYTES, secret);
            records = RecordLog.read(file, MAGIC, SECRET_BYTES); // another process may have made one first
        }
        final byte[] secret = records.get(0);
        if (secret.length != SECRET_BYTES) {
            throw new JournalException(file + ": its secret is " + secret.length + " bytes, not " + SECRET_BYTES);
        }
        return secret;
    }

    /**
     * @param dir           the journal directory.
     * @param hashedSources sources the ledger names by hashed keys, at least 1.
     * @return why they cannot be named again, starting with the file's name, or null when its secret is there.
     */
    static String missingProblem(final Path dir, final long hashedSources) {
        return RecordLog.read(dir.resolve(SECRET_FILE_NAME), MAGIC, SECRET_BYTES).isEmpty()
            ? SECRET_FILE_NAME + missing(hashedSources) : null;
    }

    private static String missing(final long hashedSources) {
        return " is missing or empty, but the ingest ledger names " + hashedSources + " source(s) by keys made with"
            + " it: restore it from a backup of the journal; a new secret would make every file look new to ingest,"
            + " which would store its events a second time";
    }

    /**
     * Checks the secret file, for {@code verify}: absent, or one whole 32-byte record first.
     *
     * @param dir the journal directory.
     * @throws JournalException naming the file when it cannot be read or its first record is not a secret.
     */
    public static void check(final Path dir) {
        final Path file = dir.resolve(SECRET_FILE_NAME);
        final List<byte[]> records = RecordLog.read(file, MAGIC, SECRET_BYTES);
        if (!records.isEmpty() && records.get(0).length != SECRET_BYTES) {
            throw new JournalException(file + ": its secret is " + records.get(0).length + " bytes, not "
                + SECRET_BYTES);
        }
    }
}

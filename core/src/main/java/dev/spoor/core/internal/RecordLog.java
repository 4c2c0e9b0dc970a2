/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.core.JournalException;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * A small append-only file of checksummed records, shared by the policy, retention, erasure, compaction, audit,
 * key and ledger files. Little-endian:
 * <pre>
 * file:   magic (4 bytes) | u16 format version (1) | record...
 * record: u32 payload length | payload | u32 crc32c of payload
 * </pre>
 * Each append is one write of a whole record with O_APPEND, so appends from several processes do not
 * interleave. A process killed while appending can leave a prefix of its record at the end (a torn tail): reads
 * leave it out, and {@link #cutTornTail} (which every synced append of the small logs runs first, under the
 * file's lock) cuts it off. Anything else is damage and refused with a {@link JournalException} naming the file,
 * the offset and the problem: a header that is not the file's, a length outside 0..the file's largest payload,
 * a whole record failing its crc32c (a kill leaves a record short, never whole and wrong), wherever it lies.
 * Lengths are checked against that limit and the bytes present before anything is sized by them.
 * <p>The lock is a POSIX record lock, held once per process and dropped by any close of any descriptor of the file
 * in the process (see {@link LockFiles}): so this process's threads take turns on a file (a monitor per path)
 * before they open it, to read or to append, and a locked append reads the file through a descriptor it closes
 * only after the lock is released.
 */
public final class RecordLog {
    /** The largest payload any record log takes unless its owner names a smaller one: 16 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;
    private static final short FORMAT_VERSION = 1;
    private static final int HEADER = 6;
    /** One monitor per file, by absolute path: this process's threads take turns on a file. */
    private static final ConcurrentHashMap<Path, Object> TURNS = new ConcurrentHashMap<>();

    private RecordLog() {
    }

    /** The monitor this process's threads hold while any descriptor of {@code file} is open. */
    private static Object turnOf(final Path file) {
        return TURNS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new Object());
    }

    /**
     * @param file  the file.
     * @param magic its 4 magic bytes.
     * @return the payloads, oldest first; empty when the file does not exist.
     * @throws JournalException when the file cannot be read or is damaged beyond a torn tail.
     */
    public static List<byte[]> read(final Path file, final byte[] magic) {
        return read(file, magic, MAX_PAYLOAD_BYTES);
    }

    /**
     * @param file            the file.
     * @param magic           its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append: a longer length is damage.
     * @return the payloads, oldest first, without a torn tail; empty when the file does not exist.
     * @throws JournalException when the file cannot be read or is damaged beyond a torn tail.
     */
    public static List<byte[]> read(final Path file, final byte[] magic, final int maxPayloadBytes) {
        final List<byte[]> payloads = new ArrayList<>();
        if (!Files.exists(file)) {
            return payloads;
        }
        final ByteBuffer in = readBytes(file);
        scan(file, in, magic, maxPayloadBytes, payloads);
        return payloads;
    }

    /**
     * Bytes of a torn tail, without changing the file: what verify reports for a log whose last append did not
     * finish (and which the next append cuts).
     *
     * @param file            the file.
     * @param magic           its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append.
     * @return bytes after the last whole record, 0 when none or the file does not exist.
     * @throws JournalException when the file cannot be read or is damaged beyond a torn tail.
     */
    public static long tornTailBytes(final Path file, final byte[] magic, final int maxPayloadBytes) {
        if (!Files.exists(file)) {
            return 0;
        }
        final ByteBuffer in = readBytes(file);
        return in.capacity() - scan(file, in, magic, maxPayloadBytes, null);
    }

    /** The whole file, read while this process's other threads keep off it. */
    private static ByteBuffer readBytes(final Path file) {
        try {
            synchronized (turnOf(file)) {
                return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (final IOException e) {
            throw new JournalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks the header and walks the records, adding each payload to {@code out} (when not null).
     *
     * @return where the last whole record ends; what follows is a torn tail.
     */
    private static int scan(final Path file, final ByteBuffer in, final byte[] magic, final int maxPayloadBytes,
        final List<byte[]> out) {
        checkHeader(file, in, magic);
        in.position(HEADER);
        final CRC32C crc = new CRC32C();
        while (in.remaining() > 0) {
            final int start = in.position();
            if (in.remaining() < 4) {
                return start; // torn inside the length
            }
            final int length = in.getInt();
            if (length < 0 || length > maxPayloadBytes) {
                throw new JournalException(file + " is damaged at offset " + start + ": record length " + length
                    + " is outside 0.." + maxPayloadBytes + " (" + (in.capacity() - start) + " bytes from there to the"
                    + " end of the file)");
            }
            if (length > in.remaining() - 4) {
                // No record is empty: a run of zeros (length 0, crc32c 0) must not pass for whole records.
                final int whole = wholeRecordFrom(in, start, 1, maxPayloadBytes);
                if (whole >= 0) {
                    throw new JournalException(file + " is damaged at offset " + start + ": record length " + length
                        + " runs past the end of the file, yet a whole record lies at offset " + whole
                        + ": a damaged length, not a torn tail");
                }
                return start; // a prefix of a record its appender did not finish
            }
            crc.reset();
            crc.update(in.array(), in.position(), length);
            final int payloadAt = in.position();
            in.position(payloadAt + length);
            final int stored = in.getInt();
            if (stored != (int)crc.getValue()) {
                throw new JournalException(file + " is damaged at offset " + start + ": record of " + length
                    + " bytes fails its crc32c check [stored=0x" + Integer.toHexString(stored) + ", computed=0x"
                    + Integer.toHexString((int)crc.getValue()) + "]" + (in.remaining() == 0 ? " (the last record)"
                    : ", " + in.remaining() + " more bytes follow"));
            }
            if (out != null) {
                out.add(Arrays.copyOfRange(in.array(), payloadAt, payloadAt + length));
            }
        }
        return in.position();
    }

    /**
     * Tells a damaged length field from a torn tail. A record whose length runs past the end of the file is what a
     * killed append leaves (a prefix of one record), unless a whole record lies in those bytes: one starting there
     * with another length, or one starting later. Then the length was damaged, and taking the rest for a torn tail
     * would drop records silently. A whole record has {@code [len][payload][crc32c of payload]} framing, a length in
     * {@code [minLength, maxLength]} that fits, and a matching checksum; a torn record's bytes match one by chance
     * once in 2^32 per offset.
     *
     * @param in        the file's bytes, from offset 0 (the position is not changed).
     * @param start     where the record whose length runs past the end starts.
     * @param minLength the shortest payload a record holds, at least 1 (a run of zeros is no record).
     * @param maxLength the longest payload a record holds.
     * @return the offset of the first whole record found, or -1 when there is none.
     */
    public static int wholeRecordFrom(final ByteBuffer in, final int start, final int minLength,
        final int maxLength) {
        final int end = in.limit();
        final CRC32C crc = new CRC32C();
        // At start itself, any length: the checksum is extended one byte at a time.
        for (int length = 1; length <= maxLength && start + 8 + length <= end; length++) {
            crc.update(in.get(start + 3 + length));
            if (length >= minLength && in.getInt(start + 4 + length) == (int)crc.getValue()) {
                return start;
            }
        }
        for (int at = start + 1; at <= end - 8; at++) {
            final int length = in.getInt(at);
            if (length >= minLength && length <= maxLength && length <= end - at - 8) {
                crc.reset();
                crc.update(in.array(), in.arrayOffset() + at + 4, length);
                if (in.getInt(at + 4 + length) == (int)crc.getValue()) {
                    return at;
                }
            }
        }
        return -1;
    }

    /**
     * What {@link #salvage} found in a damaged log.
     *
     * @param payloads           the payloads of the whole records (framing, checksum and the owner's check
     *                           passed), in file order, the damaged bytes left out.
     * @param bytesDropped       bytes in no such record, the header included when it is damaged; 0 when the log
     *                           is sound (a torn tail at its end, which reads ignore, is no damage).
     * @param recordsAfterDamage whole records found past the first dropped byte (a resync one byte at a time).
     */
    public record Salvaged(List<byte[]> payloads, int bytesDropped, int recordsAfterDamage) {
    }

    /**
     * Reads a log as {@code spoor repair} does: every whole record, past damage too (the next offset where a
     * record with a plausible length, a matching crc32c and a payload {@code isPayload} accepts starts). Changes
     * nothing; {@link #rewrite} writes what it kept.
     *
     * @param file            the file.
     * @param magic           its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append.
     * @param isPayload       the owner's check of a payload (a record it can decode).
     * @return what is whole and what is not; no payloads when the file does not exist.
     * @throws JournalException when the file cannot be read.
     */
    public static Salvaged salvage(final Path file, final byte[] magic, final int maxPayloadBytes,
        final Predicate<byte[]> isPayload) {
        if (!Files.exists(file)) {
            return new Salvaged(List.of(), 0, 0);
        }
        final ByteBuffer in = readBytes(file);
        final int headerDropped = isHeader(in, magic) ? 0 : Math.min(HEADER, in.limit());
        final List<byte[]> payloads = new ArrayList<>();
        final CRC32C crc = new CRC32C();
        int dropped = 0;
        int firstDropped = -1;
        int after = 0;
        int at = HEADER;
        while (at < in.limit()) {
            final byte[] payload = wholeRecordAt(in, at, maxPayloadBytes, crc);
            if (payload != null && isPayload.test(payload)) {
                payloads.add(payload);
                after += firstDropped >= 0 ? 1 : 0;
                at += 8 + payload.length;
            } else {
                firstDropped = firstDropped < 0 ? at : firstDropped;
                dropped++;
                at++;
            }
        }
        final boolean isTornTail = after == 0 && firstDropped >= 0 && isTornAt(in, firstDropped, maxPayloadBytes);
        return new Salvaged(payloads, headerDropped + (isTornTail ? 0 : dropped), after);
    }

    /**
     * Replaces a log with a header and the given records, through a synced temporary file renamed over it (a kill
     * leaves the old file or the new one). For {@code spoor repair}, which holds the journal's writer lock.
     *
     * @param file     the file.
     * @param magic    its 4 magic bytes.
     * @param payloads the records' payloads, in order.
     * @throws JournalException when the file cannot be written, synced or renamed.
     */
    public static void rewrite(final Path file, final byte[] magic, final List<byte[]> payloads) {
        final Path temporary = file.resolveSibling(file.getFileName() + ".salvage-" + ProcessHandle.current().pid());
        final CRC32C crc = new CRC32C();
        try {
            synchronized (turnOf(file)) {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                    writeWhole(channel, header.put(magic).putShort(FORMAT_VERSION).flip(), false);
                    for (final byte[] payload : payloads) {
                        crc.reset();
                        crc.update(payload);
                        final ByteBuffer record = ByteBuffer.allocate(8 + payload.length)
                            .order(ByteOrder.LITTLE_ENDIAN);
                        writeWhole(channel, record.putInt(payload.length).put(payload).putInt((int)crc.getValue())
                            .flip(), false);
                    }
                    channel.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(file.getParent());
        } catch (final IOException e) {
            final long bytes = HEADER + payloads.stream().mapToLong(payload -> payload.length + 8L).sum();
            throw FileSpace.failure(file.toAbsolutePath().getParent(), temporary, "the rewrite of " + file
                .getFileName() + " (nothing was changed)", bytes, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (final IOException ignored) {
                // the rename took it, or the error above says why not
            }
        }
    }

    /** The payload of the whole record at {@code at}, or null when none starts there. */
    private static byte[] wholeRecordAt(final ByteBuffer in, final int at, final int maxPayloadBytes,
        final CRC32C crc) {
        if (in.limit() - at < 8) {
            return null;
        }
        final int length = in.getInt(at);
        if (length < 1 || length > maxPayloadBytes || length > in.limit() - at - 8) {
            return null;
        }
        crc.reset();
        crc.update(in.array(), at + 4, length);
        return in.getInt(at + 4 + length) == (int)crc.getValue() ? Arrays.copyOfRange(in.array(), at + 4,
            at + 4 + length) : null;
    }

    /** A prefix of one record from {@code at} to the end, as a killed append leaves it. */
    private static boolean isTornAt(final ByteBuffer in, final int at, final int maxPayloadBytes) {
        if (in.limit() - at < 4) {
            return true;
        }
        final int length = in.getInt(at);
        return length >= 1 && length <= maxPayloadBytes && length > in.limit() - at - 8;
    }

    private static boolean isHeader(final ByteBuffer in, final byte[] magic) {
        if (in.limit() < HEADER || in.getShort(magic.length) != FORMAT_VERSION) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (in.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** Magic and format version: written whole (temporary file and rename) before any record, so never torn. */
    private static void checkHeader(final Path file, final ByteBuffer in, final byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (in.capacity() <= i || in.get(i) != magic[i]) {
                throw new JournalException(file + " is damaged at offset " + i + ": not the file it should be (magic "
                    + new String(magic, StandardCharsets.US_ASCII) + " missing; the file holds " + in.capacity()
                    + " bytes)");
            }
        }
        if (in.capacity() < HEADER) {
            throw new JournalException(file + " is damaged at offset " + magic.length + ": the file ends inside its "
                + HEADER + "-byte header (" + in.capacity() + " bytes)");
        }
        final short format = in.getShort(magic.length);
        if (format != FORMAT_VERSION) {
            throw new JournalException(file + " is damaged at offset " + magic.length + ": format version " + format
                + " is not supported (this build reads " + FORMAT_VERSION + ")");
        }
    }

    /**
     * A cheap change check for a record log, shared by every process that watches one (retention, compaction,
     * erasures): two stat calls, nothing allocated, no exception when the file is absent. Logs only grow, so
     * each appended record changes the length. An absent file (the usual case of erasures, retention and
     * compaction logs) costs one stat call: its modification time reads 0 and its length is not asked (a writer
     * checks erasures every 1,024 appends, and the second call was 2% of its appends on the Balabit ingest).
     *
     * @param file the log.
     * @return its length and modification time as one value, 0 when absent (or modified at the epoch's first ms).
     */
    public static long stamp(final File file) {
        final long modified = file.lastModified();
        return modified == 0 ? 0 : file.length() * 1_000_003L + modified;
    }

    /**
     * Appends one record, creating the file with its header when absent, and syncs it (and, when it created the
     * file, the directory), so the record survives a crash once this returns. The append holds an exclusive lock
     * on the file, so appenders in several processes never interleave; under that lock it first cuts a torn tail
     * a killed appender left ({@link #cutTornTail}), so the record never lands after a torn one, and refuses to
     * append after damage.
     *
     * @param file            the file.
     * @param magic           its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append (its readers' limit).
     * @param payload         the record, at most {@code maxPayloadBytes}.
     * @throws JournalException when the file is damaged beyond a torn tail or cannot be written.
     */
    public static void append(final Path file, final byte[] magic, final int maxPayloadBytes, final byte[] payload) {
        checkLength(file, payload, maxPayloadBytes);
        write(file, magic, payload, true, maxPayloadBytes);
    }

    /**
     * Appends one record as {@link #append(Path, byte[], int, byte[])} does, without cutting a torn tail first
     * (the ledger cuts its own, once per session); unsynced, the record is in the page cache when this returns,
     * which a killed process cannot lose (a power cut can), and the next synced append or {@code fsync} of the
     * file makes it durable with the rest. A file this creates is synced either way.
     *
     * @param file     the file.
     * @param magic    its 4 magic bytes.
     * @param payload  the record.
     * @param isSynced true to fsync the file before returning.
     */
    public static void append(final Path file, final byte[] magic, final byte[] payload, final boolean isSynced) {
        checkLength(file, payload, MAX_PAYLOAD_BYTES);
        write(file, magic, payload, isSynced, 0);
    }

    private static void checkLength(final Path file, final byte[] payload, final int maxPayloadBytes) {
        if (payload.length > maxPayloadBytes) {
            throw new IllegalArgumentException("a record of " + payload.length + " bytes exceeds the "
                + maxPayloadBytes + " bytes " + file + " takes");
        }
    }

    /** One locked O_APPEND write of a whole record; first cuts a torn tail when {@code cutMaxPayload > 0}. */
    private static void write(final Path file, final byte[] magic, final byte[] payload, final boolean isSynced,
        final int cutMaxPayload) {
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        final ByteBuffer record = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(payload.length).put(payload).putInt((int)crc.getValue()).flip();
        try {
            synchronized (turnOf(file)) {
                final boolean isCreated = !Files.exists(file) && create(file, magic);
                // Both descriptors open before the lock is taken and closed after it is released: closing one
                // while locked would drop the lock (POSIX).
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                     FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
                    final FileLock lock = channel.lock();
                    try {
                        if (cutMaxPayload > 0 && !isCreated) {
                            // Damage throws here: a record appended after it would be refused with it.
                            cutLocked(file, reader, channel, magic, cutMaxPayload, true);
                        }
                        writeWhole(channel, record, isSynced);
                    } finally {
                        lock.release();
                    }
                }
                if (isCreated) {
                    syncDirectory(file.getParent());
                }
            }
        } catch (final IOException e) {
            throw FileSpace.failure(file.toAbsolutePath().getParent(), file, "a record", record.capacity(), e);
        }
    }

    /**
     * Writes the record at the end; when that fails (a full disk can take part of it), cuts the file back to where
     * it ended, so no torn record is left for a later append to land after (which reads would refuse as damage).
     */
    private static void writeWhole(final FileChannel channel, final ByteBuffer record, final boolean isSynced)
        throws IOException {
        final long before = channel.size();
        try {
            while (record.hasRemaining()) {
                channel.write(record);
            }
            if (isSynced) {
                channel.force(false);
            }
        } catch (final IOException e) {
            try {
                channel.truncate(before);
            } catch (final IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Cuts off a record torn at the end of the file, as a process killed in the middle of an append leaves one
     * (a write that spans pages can stop between them), so that the next append does not land after it and turn
     * a torn tail, which {@link #read} ignores, into damage, which it refuses. Holds the append lock. Damage
     * (see the class comment) is left as it is for reads and verify to report.
     *
     * @param file           the file.
     * @param magic          its 4 magic bytes.
     * @param maxPayloadBytes the longest payload the file's writers append.
     * @return bytes cut, 0 when the file ends with a whole record (or does not exist, or is damaged).
     * @throws JournalException when the file cannot be read or cut.
     */
    public static long cutTornTail(final Path file, final byte[] magic, final int maxPayloadBytes) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            synchronized (turnOf(file)) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    final FileLock lock = channel.lock();
                    try {
                        return cutLocked(file, channel, channel, magic, maxPayloadBytes, false);
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (final IOException e) {
            throw new JournalException("cannot cut the torn tail of " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cut, under the caller's lock on {@code channel}; 0 when nothing is torn, and when the file is damaged
     * unless {@code isDamageThrown}.
     */
    private static long cutLocked(final Path file, final FileChannel reader, final FileChannel channel,
        final byte[] magic, final int maxPayloadBytes, final boolean isDamageThrown) throws IOException {
        final ByteBuffer in = readWhole(reader);
        final int end;
        try {
            end = scan(file, in, magic, maxPayloadBytes, null);
        } catch (final JournalException damaged) {
            if (isDamageThrown) {
                throw damaged;
            }
            return 0;
        }
        if (end == in.capacity()) {
            return 0;
        }
        channel.truncate(end);
        channel.force(false);
        return in.capacity() - end;
    }

    /** The file's bytes, read through an open descriptor (no other is opened, so none is closed). */
    private static ByteBuffer readWhole(final FileChannel reader) throws IOException {
        final long size = reader.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("a record log of " + size + " bytes is too large to read");
        }
        final ByteBuffer in = ByteBuffer.allocate((int)size).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            if (reader.read(in, in.position()) < 0) {
                break;
            }
        }
        final ByteBuffer read = in.position() == in.capacity() ? in
            : ByteBuffer.wrap(Arrays.copyOf(in.array(), in.position()));
        return read.clear().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes the header to a temporary file of this thread's own, synced, and links it into place (a link fails
     * when the name exists, atomically, where a rename would replace a file another process created and appended to
     * meanwhile); false when another won the race.
     */
    private static boolean create(final Path file, final byte[] magic) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(magic).putShort(FORMAT_VERSION).flip();
        final Path temporary = file.resolveSibling(file.getFileName() + ".new-" + ProcessHandle.current().pid()
            + "-" + Thread.currentThread().getId());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                while (header.hasRemaining()) {
                    channel.write(header);
                }
                channel.force(true);
            }
            Files.createLink(file, temporary);
            return true;
        } catch (final FileAlreadyExistsException raced) {
            return false;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Makes a new directory entry (a created or renamed file) durable, where the platform allows opening a
     * directory, as Linux does.
     *
     * @param dir the directory.
     * @throws IOException when the sync fails.
     */
    public static void syncDirectory(final Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (final UnsupportedOperationException | AccessDeniedException notOnThisPlatform) {
            // Windows cannot open a directory; its rename is durable once the file is.
        }
    }
}

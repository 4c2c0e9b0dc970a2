/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventCodes;
import dev.spoor.codec.EventType;
import dev.spoor.codec.SubPixel;
import dev.spoor.core.JournalException;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

import static dev.spoor.core.internal.StagingLayout.A_OFFSET;
import static dev.spoor.core.internal.StagingLayout.B_OFFSET;
import static dev.spoor.core.internal.StagingLayout.COUNT_OFFSET;
import static dev.spoor.core.internal.StagingLayout.DEVICE_OFFSET;
import static dev.spoor.core.internal.StagingLayout.EVENT_BYTES;
import static dev.spoor.core.internal.StagingLayout.OPENED_AT_OFFSET;
import static dev.spoor.core.internal.StagingLayout.SEAL_ID_OFFSET;
import static dev.spoor.core.internal.StagingLayout.SLOT_HEADER_LENGTH;
import static dev.spoor.core.internal.StagingLayout.STATE_OFFSET;
import static dev.spoor.core.internal.StagingLayout.TS_OFFSET;
import static dev.spoor.core.internal.StagingLayout.TYPE_OFFSET;
import static dev.spoor.core.internal.StagingLayout.X_OFFSET;
import static dev.spoor.core.internal.StagingLayout.Y_OFFSET;

/**
 * A writer's memory-mapped staging file ({@link StagingLayout}). An event written here is in the page cache
 * the moment {@link #append} returns, so killing the process cannot lose it; the next open seals it.
 * Single writer; not thread safe.
 * <p>The file is sparse, and a store into a hole the file system cannot back is a SIGBUS, not an exception. So a
 * file this class creates backs each slot before it is written: its header and first events when it is first
 * opened, then {@value #BACKING_EVENTS} events at a time as its count reaches the backed end
 * ({@link #ensureBacked}), by writing zeros through a file channel, which fails with "No space left on device"
 * as a {@code DiskFullException} before anything is staged.
 */
public final class StagingArea implements AutoCloseable {
    /** Events backed per step (16 KiB): one step per 512 appends to a slot, on the cold path. */
    public static final int BACKING_EVENTS = 512;
    /** A staging file is created under its name plus this suffix, then renamed. */
    public static final String TEMPORARY_SUFFIX = ".new";
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final File file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int slots;
    private final int slotEvents;
    private final int writerId;
    private final int headerLength;
    private final long slotBytes;
    private final int slotBytesInt;
    private final boolean isReadOnly;
    /** For a file this instance created: its channel, zeros to back with, and events backed per slot (-1 none). */
    private RandomAccessFile backingFile;
    private ByteBuffer zeros;
    private int[] backedEvents;
    /**
     * For a file opened after its writer: slot states and counts are read with pread, not through the mapping. A
     * slot never used is a hole, and on tmpfs even a read fault on a hole must allocate a page: on a full disk, a
     * SIGBUS. Only slots in use (whose pages were written) are touched through the mapping.
     */
    private FileChannel slotReader;
    private ByteBuffer slotWord;

    private StagingArea(final File file, final MappedByteBuffer mapped, final int slots, final int slotEvents,
        final int writerId, final int version) {
        this.file = file;
        this.headerLength = StagingLayout.headerLength(version);
        this.mapped = mapped;
        this.isReadOnly = mapped.isReadOnly();
        this.buffer = new UnsafeBuffer(mapped);
        this.slots = slots;
        this.slotEvents = slotEvents;
        this.writerId = writerId;
        this.slotBytes = StagingLayout.slotBytes(slotEvents);
        this.slotBytesInt = (int)slotBytes;
    }

    /**
     * Creates a new, empty staging file (sparse: pages are allocated as events arrive).
     *
     * @param file       where.
     * @param writerId   the writer it belongs to, at most 32767.
     * @param slots      open blocks it can hold.
     * @param slotEvents events per block.
     * @param queueIndexAtStart the queue's last index now (-1: empty), before the writer appends: recovery looks
     *                   for this file's blocks only past it ({@link StagingLayout}).
     * @return the mapped area.
     */
    public static StagingArea create(final File file, final int writerId, final int slots, final int slotEvents,
        final long queueIndexAtStart) {
        final long length = StagingLayout.fileLength(slots, slotEvents);
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("staging for " + slots + " slots (maxOpenBlocks and spares) x "
                + "blockEvents=" + slotEvents + " needs " + length + " bytes, over the 2 GiB a writer's staging file"
                + " may map; lower maxOpenBlocks or blockEvents, or use more writers");
        }
        // Made under a temporary name and renamed once its header is written: a writer killed in between leaves
        // no staging file without a header, which recovery would have to refuse as damage.
        final File temporary = new File(file.getPath() + TEMPORARY_SUFFIX);
        try {
            Files.deleteIfExists(temporary.toPath());
        } catch (final IOException e) {
            throw new JournalException("cannot create staging file " + temporary + ": " + e.getMessage(), e);
        }
        final RandomAccessFile raf = createSparse(temporary, length);
        final MappedByteBuffer mapped;
        try {
            mapped = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
        } catch (final IOException e) {
            closeAndDelete(raf, temporary);
            throw new JournalException("cannot map staging file " + temporary + ": " + e.getMessage(), e);
        }
        final StagingArea area = new StagingArea(file, mapped, slots, slotEvents, writerId, StagingLayout.VERSION);
        area.backingFile = raf;
        area.zeros = FileSpace.zeros();
        area.backedEvents = new int[slots];
        Arrays.fill(area.backedEvents, -1);
        final UnsafeBuffer b = area.buffer;
        b.putInt(0, StagingLayout.MAGIC, ORDER);
        b.putShort(4, (short)StagingLayout.VERSION, ORDER);
        b.putInt(StagingLayout.SLOTS_OFFSET, slots, ORDER);
        b.putInt(StagingLayout.SLOT_EVENTS_OFFSET, slotEvents, ORDER);
        b.putInt(StagingLayout.WRITER_ID_OFFSET, writerId, ORDER);
        b.putInt(StagingLayout.CRC_OFFSET, area.headerChecksum(), ORDER);
        b.putLong(StagingLayout.QUEUE_INDEX_AT_START_OFFSET, queueIndexAtStart, ORDER);
        b.putInt(StagingLayout.CRC2_OFFSET, area.queueIndexChecksum(), ORDER);
        b.putLongVolatile(StagingLayout.NEXT_SEQUENCE_OFFSET, 0);
        try {
            Files.move(temporary.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE);
        } catch (final IOException e) {
            IoUtil.unmap(mapped);
            closeAndDelete(raf, temporary);
            throw new JournalException("cannot rename staging file " + temporary + " to " + file + ": "
                + e.getMessage(), e);
        }
        return area;
    }

    /** The file at its full length, sparse, with only its header's page backed; deleted again on failure. */
    private static RandomAccessFile createSparse(final File file, final long length) {
        RandomAccessFile raf = null;
        try {
            raf = new RandomAccessFile(file, "rw");
            raf.setLength(0);
            final ByteBuffer header = ByteBuffer.allocate((int)Math.min(length, FileSpace.PAGE));
            while (header.hasRemaining()) {
                raf.getChannel().write(header, header.position());
            }
            raf.setLength(length);
            return raf;
        } catch (final IOException e) {
            closeAndDelete(raf, file);
            throw FileSpace.failure(journalDirOf(file), file.toPath(), "a new staging file", FileSpace.PAGE, e);
        }
    }

    private static void closeAndDelete(final RandomAccessFile raf, final File file) {
        try {
            if (raf != null) {
                raf.close();
            }
            Files.deleteIfExists(file.toPath());
        } catch (final IOException ignored) {
            // the failure that brought us here is the one to report
        }
    }

    private static java.nio.file.Path journalDirOf(final File stagingFile) {
        final File stagingDir = stagingFile.getAbsoluteFile().getParentFile();
        return (stagingDir.getParentFile() != null ? stagingDir.getParentFile() : stagingDir).toPath();
    }

    /**
     * Makes sure event {@code index} of {@code slot} (and, for index 0, the slot's header) can be written: one
     * comparison, and when the slot's backed end is reached, zeros written through the file channel for the next
     * {@value #BACKING_EVENTS} events. Call before anything is counted for the event, so a refusal leaves the
     * writer as it was. Only for files this instance created.
     *
     * @param slot  the slot.
     * @param index the event's index in the slot (0 when opening it).
     * @throws dev.spoor.core.DiskFullException when the file system has no room; nothing was written.
     */
    public void ensureBacked(final int slot, final int index) {
        if (index >= backedEvents[slot]) {
            back(slot, index);
        }
    }

    private void back(final int slot, final int index) {
        final int from = backedEvents[slot];
        final int to = Math.min(slotEvents, Math.max(from, index) + BACKING_EVENTS);
        final long base = slotOffset(slot) + (long)SLOT_HEADER_LENGTH;
        final long start = from < 0 ? slotOffset(slot) : base + (long)from * EVENT_BYTES;
        final long end = base + (long)to * EVENT_BYTES;
        try {
            FileSpace.writeZeros(backingFile.getChannel(), start, end, zeros);
        } catch (final IOException e) {
            throw FileSpace.failure(journalDirOf(file), file.toPath(), "staged events (slot " + slot + ")",
                end - start, e);
        }
        backedEvents[slot] = to;
    }

    /**
     * Gives back the disk space of a FREE slot's event pages (whole pages only: the slot's header and its
     * neighbours' stay): what recovery does for every slot it is done with, so that sealing a full disk's staged
     * blocks finds the room the staging file held.
     *
     * @param slot a FREE slot.
     * @return bytes given back (0 where the platform cannot).
     */
    public long releaseSpace(final int slot) {
        final long base = slotOffset(slot) + (long)SLOT_HEADER_LENGTH;
        final long from = (base + FileSpace.PAGE - 1) / FileSpace.PAGE * FileSpace.PAGE;
        final long to = (slotOffset(slot) + slotBytes) / FileSpace.PAGE * FileSpace.PAGE;
        if (to <= from || !FileSpace.punchHole(file.toPath(), from, to - from)) {
            return 0;
        }
        if (backedEvents != null) {
            backedEvents[slot] = Math.min(backedEvents[slot], (int)((from - base) / EVENT_BYTES));
        }
        return to - from;
    }

    /**
     * Maps an existing staging file and checks its header.
     *
     * @param file the staging file.
     * @return the mapped area.
     * @throws JournalException when the file is not a valid staging file.
     */
    public static StagingArea open(final File file) {
        return open(file, FileChannel.MapMode.READ_WRITE);
    }

    /**
     * Maps an existing staging file read only, to look at a live or killed writer's header without changing
     * the file (its writer may be appending in another process); the slots can be read, not written.
     *
     * @param file the staging file.
     * @return the mapped area; {@link #close()} does not force it.
     * @throws JournalException when the file is not a valid staging file.
     */
    public static StagingArea openReadOnly(final File file) {
        return open(file, FileChannel.MapMode.READ_ONLY);
    }

    private static StagingArea open(final File file, final FileChannel.MapMode mode) {
        if (file.length() < StagingLayout.HEADER_LENGTH_V1) {
            throw new JournalException("staging file " + file + " is " + file.length() + " bytes, shorter than its "
                + StagingLayout.HEADER_LENGTH_V1 + "-byte header");
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file, mode, "staging");
        final UnsafeBuffer b = new UnsafeBuffer(mapped);
        final int magic = b.getInt(0, ORDER);
        final int slots = b.getInt(StagingLayout.SLOTS_OFFSET, ORDER);
        final int slotEvents = b.getInt(StagingLayout.SLOT_EVENTS_OFFSET, ORDER);
        final int version = b.getShort(4, ORDER);
        final boolean isKnownVersion = version == StagingLayout.VERSION_1 || version == StagingLayout.VERSION;
        final StagingArea area = new StagingArea(file, mapped, slots, slotEvents,
            b.getInt(StagingLayout.WRITER_ID_OFFSET, ORDER), isKnownVersion ? version : StagingLayout.VERSION_1);
        final int storedCrc = b.getInt(StagingLayout.CRC_OFFSET, ORDER);
        final long expectedLength = StagingLayout.fileLength(isKnownVersion ? version : StagingLayout.VERSION_1,
            Math.max(0, slots), Math.max(0, slotEvents));
        final boolean isV2Intact = version != StagingLayout.VERSION || file.length() >= StagingLayout.HEADER_LENGTH
            && b.getInt(StagingLayout.CRC2_OFFSET, ORDER) == area.queueIndexChecksum();
        if (magic == StagingLayout.MAGIC && isKnownVersion && storedCrc == area.headerChecksum()
            && expectedLength == file.length() && isV2Intact) {
            try {
                area.slotReader = FileChannel.open(file.toPath(), java.nio.file.StandardOpenOption.READ);
                area.slotWord = ByteBuffer.allocate(Long.BYTES).order(ORDER);
                return area;
            } catch (final IOException e) {
                IoUtil.unmap(mapped);
                throw new JournalException("cannot read staging file " + file + ": " + e.getMessage(), e);
            }
        }
        IoUtil.unmap(mapped);
        throw new JournalException("staging file " + file + " has a damaged header: [magic=0x"
            + Integer.toHexString(magic) + ", version=" + version + ", crc=0x" + Integer.toHexString(storedCrc)
            + (isV2Intact ? "" : ", version 2 checksum fails") + ", slots=" + slots
            + ", slotEvents=" + slotEvents + ", length=" + file.length() + "]");
    }

    /**
     * @return the file.
     */
    public File file() {
        return file;
    }

    /**
     * @return slots in the file.
     */
    public int slotCount() {
        return slots;
    }

    /**
     * @return events per slot.
     */
    public int slotEvents() {
        return slotEvents;
    }

    /**
     * @return the writer the file belongs to.
     */
    public int writerId() {
        return writerId;
    }

    /**
     * @return the queue's last index when the file was made: its blocks' excerpts all have greater indexes; -1 for
     *         an empty queue then, and for a version 1 file (which does not say: the whole queue).
     */
    public long queueIndexAtStart() {
        return headerLength == StagingLayout.HEADER_LENGTH_V1 ? -1
            : buffer.getLong(StagingLayout.QUEUE_INDEX_AT_START_OFFSET, ORDER);
    }

    /**
     * @param slot slot index.
     * @return FREE, OPEN or SEALING.
     */
    public int state(final int slot) {
        return slotReader != null ? (int)readSlotWord(slot) : buffer.getIntVolatile(slotOffset(slot) + STATE_OFFSET);
    }

    /** A slot's state (low half) and count (high half), read with pread (see {@link #slotReader}). */
    private long readSlotWord(final int slot) {
        slotWord.clear();
        try {
            while (slotWord.hasRemaining()) {
                if (slotReader.read(slotWord, slotOffset(slot) + (long)slotWord.position()) < 0) {
                    throw new JournalException("staging file " + file + " ends inside slot " + slot);
                }
            }
        } catch (final IOException e) {
            throw new JournalException("cannot read slot " + slot + " of staging file " + file + ": "
                + e.getMessage(), e);
        }
        return slotWord.getLong(0);
    }

    /**
     * @param slot slot index.
     * @return committed events.
     */
    public int count(final int slot) {
        return slotReader != null ? (int)(readSlotWord(slot) >>> 32)
            : buffer.getIntVolatile(slotOffset(slot) + COUNT_OFFSET);
    }

    /**
     * @param slot slot index.
     * @return the device of the slot's block.
     */
    public long deviceId(final int slot) {
        return buffer.getLong(slotOffset(slot) + DEVICE_OFFSET, ORDER);
    }

    /**
     * @param slot slot index.
     * @return the id the slot's block carries into the queue.
     */
    public long sealId(final int slot) {
        return buffer.getLong(slotOffset(slot) + SEAL_ID_OFFSET, ORDER);
    }

    /**
     * @param slot slot index.
     * @return when the block was opened (epoch ms).
     */
    public long openedAtMs(final int slot) {
        return buffer.getLong(slotOffset(slot) + OPENED_AT_OFFSET, ORDER);
    }

    /**
     * @return the ingest ledger session the writer appends for, 0 for none (and for files written before
     *         sessions existed).
     * @throws JournalException when the id is not 0 but fails its checksum (a damaged file).
     */
    public long ingestSessionId() {
        final long sessionId = buffer.getLongVolatile(StagingLayout.SESSION_ID_OFFSET);
        if (sessionId == 0) {
            return 0;
        }
        final int stored = buffer.getInt(StagingLayout.SESSION_CRC_OFFSET, ORDER);
        if (stored != sessionChecksum(sessionId)) {
            throw new JournalException("staging file " + file + ": ingest session id 0x" + Long.toHexString(sessionId)
                + " fails its crc32c check [stored=0x" + Integer.toHexString(stored) + ", expected=0x"
                + Integer.toHexString(sessionChecksum(sessionId)) + "]");
        }
        return sessionId;
    }

    /**
     * Marks the file as a ledger session's writer, before its first append: the checksum first, then the id
     * (ordered), so a kill in between leaves id 0, which means no session.
     *
     * @param sessionId not 0.
     */
    public void startIngestSession(final long sessionId) {
        buffer.putInt(StagingLayout.SESSION_CRC_OFFSET, sessionChecksum(sessionId), ORDER);
        buffer.putLongOrdered(StagingLayout.SESSION_ID_OFFSET, sessionId);
    }

    /**
     * @return append calls counted in the header: what {@link #append} and {@link #countDropped} last stored.
     */
    public long storedAppendedEvents() {
        return buffer.getLongVolatile(StagingLayout.APPENDED_OFFSET);
    }

    /**
     * The writer's append calls as its events stand in the file, for a writer that is no longer running: the
     * stored count, plus one when the writer was killed after committing an event (its slot's count) and before
     * counting it (see {@link StagingLayout}). Call before any slot is freed.
     *
     * @return append calls whose events (or drops) are in the file or already in the queue.
     */
    public long appendedEvents() {
        final long counted = buffer.getLongVolatile(StagingLayout.APPENDED_OFFSET);
        final long last = buffer.getLongVolatile(StagingLayout.LAST_STAGED_OFFSET);
        final int eventOffset = (int)last;
        if (eventOffset < headerLength || (int)(last >>> 32) != (int)(counted + 1)) {
            return counted;
        }
        final long inSlots = eventOffset - headerLength;
        final long slot = inSlots / slotBytes;
        final long inSlot = inSlots % slotBytes - SLOT_HEADER_LENGTH;
        if (slot >= slots || inSlot < 0 || inSlot % EVENT_BYTES != 0) {
            throw new JournalException("staging file " + file + ": last staged event offset " + eventOffset
                + " is not an event's place [slots=" + slots + ", slotEvents=" + slotEvents + "]");
        }
        final int index = (int)(inSlot / EVENT_BYTES);
        return state((int)slot) != StagingLayout.FREE && count((int)slot) > index ? counted + 1 : counted;
    }

    /**
     * Stores {@link #appendedEvents()} as the count and clears the last-staged mark, so the answer no longer
     * depends on the slots (recovery then frees them). A kill in between leaves the same answer.
     *
     * @return the settled count.
     */
    public long settleAppendedEvents() {
        final long appended = appendedEvents();
        buffer.putLongOrdered(StagingLayout.APPENDED_OFFSET, appended);
        buffer.putLongOrdered(StagingLayout.LAST_STAGED_OFFSET, 0);
        return appended;
    }

    /**
     * Starts a block for {@code deviceId} in a free slot, with a new seal id.
     *
     * @param slot     a FREE slot.
     * @param deviceId the device.
     * @param nowMs    the time, for block age.
     */
    public void open(final int slot, final long deviceId, final long nowMs) {
        final int base = slotOffset(slot);
        final long sequence = buffer.getLongVolatile(StagingLayout.NEXT_SEQUENCE_OFFSET);
        buffer.putLongOrdered(StagingLayout.NEXT_SEQUENCE_OFFSET, sequence + 1);
        buffer.putLong(base + DEVICE_OFFSET, deviceId, ORDER);
        buffer.putLong(base + SEAL_ID_OFFSET, SealIds.of(writerId, sequence), ORDER);
        buffer.putLong(base + OPENED_AT_OFFSET, nowMs, ORDER);
        buffer.putIntOrdered(base + COUNT_OFFSET, 0);
        buffer.putIntOrdered(base + STATE_OFFSET, StagingLayout.OPEN);
    }

    /**
     * Stages one event: where it goes (with its append number), its bytes, the count that commits it, then the
     * writer's append count, each store after the one before ({@link StagingLayout}).
     *
     * @param slot  an OPEN slot.
     * @param index the slot's current count.
     * @param timestampNs epoch ns.
     * @param type  type code.
     * @param x     pointer x.
     * @param y     pointer y.
     * @param a     buttons, wheel dx or key.
     * @param b     wheel dy or modifiers.
     * @param fractions fractions of x (bits 0-7) and y (bits 8-15), 1/256 px; 0 for whole pixels.
     * @param appendNumber the writer's append count with this event (1 for its first append call).
     */
    public void append(final int slot, final int index, final long timestampNs, final int type, final int x,
        final int y, final int a, final int b, final int fractions, final long appendNumber) {
        final int base = slotOffset(slot);
        final int at = base + SLOT_HEADER_LENGTH + index * EVENT_BYTES;
        final UnsafeBuffer buf = buffer;
        buf.putLong(StagingLayout.LAST_STAGED_OFFSET, appendNumber << 32 | at, ORDER);
        // Four stores instead of seven: (type, x), (y, a) and (b, fractions) as little-endian longs, same bytes as
        // the layout.
        buf.putLong(at + TS_OFFSET, timestampNs, ORDER);
        buf.putLong(at + TYPE_OFFSET, (type & 0xFFFF_FFFFL) | ((long)x << 32), ORDER);
        buf.putLong(at + Y_OFFSET, (y & 0xFFFF_FFFFL) | ((long)a << 32), ORDER);
        buf.putLong(at + B_OFFSET, (b & 0xFFFF_FFFFL) | ((long)fractions << 32), ORDER);
        buf.putIntOrdered(base + COUNT_OFFSET, index + 1);
        buf.putLongOrdered(StagingLayout.APPENDED_OFFSET, appendNumber);
    }

    /**
     * Counts an append call whose event the privacy policy dropped: nothing is staged, so the last-staged mark
     * is cleared first, then the count stored.
     *
     * @param appendNumber the writer's append count with this call.
     */
    public void countDropped(final long appendNumber) {
        final UnsafeBuffer buf = buffer;
        buf.putLong(StagingLayout.LAST_STAGED_OFFSET, 0, ORDER);
        buf.putLongOrdered(StagingLayout.APPENDED_OFFSET, appendNumber);
    }

    /**
     * Marks a slot as being written to the queue: from here on, recovery must look for its seal id there.
     *
     * @param slot an OPEN slot.
     */
    public void markSealing(final int slot) {
        buffer.putIntOrdered(slotOffset(slot) + STATE_OFFSET, StagingLayout.SEALING);
    }

    /**
     * Releases a slot whose block is in the queue.
     *
     * @param slot the slot.
     */
    public void free(final int slot) {
        final int base = slotOffset(slot);
        buffer.putIntOrdered(base + STATE_OFFSET, StagingLayout.FREE);
        buffer.putIntOrdered(base + COUNT_OFFSET, 0);
    }

    /**
     * Copies a slot's committed events into {@code batch}.
     *
     * @param slot  the slot.
     * @param batch cleared, then filled.
     * @throws JournalException when a staged event has an unknown type (a damaged file).
     */
    public void readInto(final int slot, final EventBatch batch) {
        batch.clear();
        final int base = slotOffset(slot) + SLOT_HEADER_LENGTH;
        final int n = Math.min(count(slot), slotEvents);
        final UnsafeBuffer buf = buffer;
        for (int i = 0; i < n; i++) {
            final int at = base + i * EVENT_BYTES;
            final long ts = buf.getLong(at + TS_OFFSET, ORDER);
            final int type = buf.getInt(at + TYPE_OFFSET, ORDER);
            final int x = buf.getInt(at + X_OFFSET, ORDER);
            final int y = buf.getInt(at + Y_OFFSET, ORDER);
            final int a = buf.getInt(at + A_OFFSET, ORDER);
            final int b = buf.getInt(at + B_OFFSET, ORDER);
            addEvent(batch, slot, i, ts, type, x, y, a, b);
            final int fractions = buf.getInt(at + StagingLayout.FRACTIONS_OFFSET, ORDER);
            if (fractions != 0) {
                addFractions(batch, slot, i, fractions);
            }
        }
    }

    private void addFractions(final EventBatch batch, final int slot, final int i, final int fractions) {
        final int last = batch.size() - 1;
        if ((fractions & ~0xFFFF) != 0 || !EventCodes.isPointer(batch.typeCode(last))) {
            throw new JournalException("staging file " + file + " slot " + slot + " event " + i
                + " has fractions 0x" + Integer.toHexString(fractions) + " where none can be (a damaged file)");
        }
        batch.setFractions(last, fractions & SubPixel.FRACTION_MASK, fractions >>> SubPixel.FRACTION_BITS);
    }

    private void addEvent(final EventBatch batch, final int slot, final int i, final long ts, final int type,
        final int x, final int y, final int a, final int b) {
        switch (type) {
            case EventCodes.MOVE:
                batch.addMove(ts, x, y, a);
                break;
            case EventCodes.BUTTON_DOWN:
                batch.addButtonDown(ts, x, y, a);
                break;
            case EventCodes.BUTTON_UP:
                batch.addButtonUp(ts, x, y, a);
                break;
            case EventCodes.WHEEL:
                batch.addWheel(ts, x, y, a, b);
                break;
            case EventCodes.KEY_DOWN:
                batch.addKeyDown(ts, a, b);
                break;
            case EventCodes.KEY_UP:
                batch.addKeyUp(ts, a, b);
                break;
            default:
                throw new JournalException("staging file " + file + " slot " + slot + " event " + i
                    + " has unknown type code " + type + " (valid 0.." + (EventType.COUNT - 1) + ")");
        }
    }

    /**
     * Releases the area, writing its dirty pages to the device first (a writable one), since the file may hold
     * events recovery needs. A writable mapping itself is left to the garbage collector: unmapping while another
     * thread might still touch it (a journal closed under a running writer) would crash the JVM, not throw.
     */
    @Override
    public void close() {
        release(true);
    }

    /**
     * Releases the area without writing its pages to the device: for a file about to be deleted, every block of
     * it being in the queue already. Writing it back first cost a closing writer ~0.5 ms per slot it had used.
     */
    public void closeForDeletion() {
        release(false);
    }

    private void release(final boolean isSynced) {
        if (slotReader != null) {
            try {
                slotReader.close();
            } catch (final IOException ignored) {
                // read only: nothing to lose
            }
        }
        if (isReadOnly) {
            // A read-only look is this instance's alone: unmapped now, so repeated looks do not pile up mappings.
            IoUtil.unmap(mapped);
        } else {
            if (isSynced) {
                mapped.force();
            }
            if (backingFile != null) {
                try {
                    backingFile.close();
                } catch (final IOException ignored) {
                    // the mapping stays valid; nothing was written through the channel that is not on disk
                }
            }
        }
    }

    private int slotOffset(final int slot) {
        return headerLength + slot * slotBytesInt;
    }

    private static int sessionChecksum(final long sessionId) {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[i] = (byte)(sessionId >>> (8 * i));
        }
        crc.update(bytes);
        return (int)crc.getValue();
    }

    private int headerChecksum() {
        final CRC32C crc = new CRC32C();
        final byte[] fixed = new byte[StagingLayout.CRC_COVERED];
        buffer.getBytes(0, fixed);
        crc.update(fixed);
        return (int)crc.getValue();
    }

    /** Version 2's checksum: the fixed part (bytes 0..24) and the queue index at start. */
    private int queueIndexChecksum() {
        final CRC32C crc = new CRC32C();
        final byte[] covered = new byte[StagingLayout.CRC_COVERED + Long.BYTES];
        buffer.getBytes(0, covered, 0, StagingLayout.CRC_COVERED);
        buffer.getBytes(StagingLayout.QUEUE_INDEX_AT_START_OFFSET, covered, StagingLayout.CRC_COVERED, Long.BYTES);
        crc.update(covered);
        return (int)crc.getValue();
    }
}

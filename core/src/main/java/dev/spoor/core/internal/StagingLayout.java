/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;


/**
 * Layout of a writer's staging file ({@code staging/writer-N.stg}): the memory-mapped home of its open
 * blocks, so that events survive the process being killed at any instant. Little-endian.
 * <pre>
 * File header, 128 bytes (version 2; version 1 files have only the first 64, and their slots start at 64):
 *  0        4     6     8         12        16        20        24                  32        36
 *  +--------+-----+-----+---------+---------+---------+---------+-------------------+---------+
 *  | magic  | ver | 0   | slots   | slotEvts| writerId| 0       | nextSealSequence  | crc32c  |
 *  +--------+-----+-----+---------+---------+---------+---------+-------------------+---------+
 *  36        40                  48                  56        60        64
 *  +---------+-------------------+-------------------+---------+---------+
 *  | sessCrc | ingestSessionId   | appendedEvents    | lastEvt | lastSeq |
 *  +---------+-------------------+-------------------+---------+---------+
 *  crc32c covers bytes 0..24 (the fixed part); nextSealSequence only grows.
 *  ingestSessionId: 0, or the ledger session the writer appends for (IngestLedger.begin), set before the
 *    writer's first append; sessCrc is the crc32c of its 8 bytes (checked only when the id is not 0).
 *  appendedEvents: append calls taken (events that passed validation, those the privacy policy dropped
 *    included), stored (ordered) after each event is committed by its slot's count, or after the drop.
 *  lastEvt, lastSeq (one 8-byte store, before the event's bytes): file offset of the event being staged and
 *    the low 32 bits of its append number (appendedEvents after it); 0 after a drop. A kill between the
 *    count and appendedEvents leaves that event committed but not counted: recovery counts it when
 *    lastSeq == low 32 bits of appendedEvents + 1 and the slot's count covers lastEvt.
 *  A file written before these fields (zeros) reads as: no session, nothing counted.
 *  64                  72        76                                                          128
 *  +-------------------+---------+-----------------------------------------------------------+
 *  | queueIndexAtStart | crc32c2 | 0                                                         |
 *  +-------------------+---------+-----------------------------------------------------------+
 *  queueIndexAtStart (version 2): the queue's last index when the file was made (-1: empty queue). Every
 *    excerpt of this file's blocks has a greater index, so recovery looks for a SEALING slot's seal id only
 *    past it: writer ids and seal sequences start again in every process, so an earlier life of the same
 *    writer id left excerpts with the same seal ids before it. crc32c2 covers bytes 0..24 and 64..72.
 *    A version 1 file has no bound: recovery looks at the whole queue, as version 1 did.
 *
 * Slot i at headerLength + i * slotBytes, slotBytes = 32 + slotEvents * 32:
 *  0        4        8                   16                  24                  32
 *  +--------+--------+-------------------+-------------------+-------------------+-- events...
 *  | state  | count  | deviceId          | sealId            | openedAtMs        |
 *  +--------+--------+-------------------+-------------------+-------------------+--
 *  state: 0 FREE, 1 OPEN, 2 SEALING (its block may already be in the queue, under sealId)
 *  count: committed events, written (ordered) after the event's bytes
 *
 * Event, 32 bytes:
 *  0                   8        12       16       20       24       28  29  30      32
 *  +-------------------+--------+--------+--------+--------+--------+---+---+-------+
 *  | timestampNs       | type   | x      | y      | a      | b      |xf |yf | 0     |
 *  +-------------------+--------+--------+--------+--------+--------+---+---+-------+
 *  a, b: buttons, 0 (MOVE, BUTTON_*); wheelDx, wheelDy (WHEEL); key, modifiers (KEY_*)
 *  x, y: whole pixels (rounded down); xf, yf: their fractions in 1/256 px (SubPixel), 0 for whole pixels and
 *    keys. Files written before fractions hold 0 there, so they read as whole pixels.
 * </pre>
 */
public final class StagingLayout {
    /** "SPST" little-endian. */
    public static final int MAGIC = 0x54535053;
    /** Staging format version written. */
    public static final int VERSION = 2;
    /** The first version, still read: a 64-byte header without the queue index at start. */
    public static final int VERSION_1 = 1;
    /** File header length of the version written. */
    public static final int HEADER_LENGTH = 128;
    /** File header length of version 1. */
    public static final int HEADER_LENGTH_V1 = 64;
    /** Offset of the slot count. */
    public static final int SLOTS_OFFSET = 8;
    /** Offset of events per slot. */
    public static final int SLOT_EVENTS_OFFSET = 12;
    /** Offset of the writer id. */
    public static final int WRITER_ID_OFFSET = 16;
    /** Offset of the next seal sequence. */
    public static final int NEXT_SEQUENCE_OFFSET = 24;
    /** Offset of the header checksum. */
    public static final int CRC_OFFSET = 32;
    /** Bytes of the header the checksum covers. */
    public static final int CRC_COVERED = 24;
    /** Offset of the crc32c of the ingest session id. */
    public static final int SESSION_CRC_OFFSET = 36;
    /** Offset of the ingest session id (0: the writer appends for no ledger session). */
    public static final int SESSION_ID_OFFSET = 40;
    /** Offset of the writer's count of append calls taken. */
    public static final int APPENDED_OFFSET = 48;
    /** Offset of the last staged event's file offset (u32) and append number's low 32 bits (u32), one long. */
    public static final int LAST_STAGED_OFFSET = 56;
    /** Offset of the queue's last index when the file was made (version 2). */
    public static final int QUEUE_INDEX_AT_START_OFFSET = 64;
    /** Offset of the version 2 checksum: bytes 0..24 and the queue index at start. */
    public static final int CRC2_OFFSET = 72;

    /** Slot header length. */
    public static final int SLOT_HEADER_LENGTH = 32;
    /** Offset of a slot's state. */
    public static final int STATE_OFFSET = 0;
    /** Offset of a slot's committed event count. */
    public static final int COUNT_OFFSET = 4;
    /** Offset of a slot's device id. */
    public static final int DEVICE_OFFSET = 8;
    /** Offset of a slot's seal id. */
    public static final int SEAL_ID_OFFSET = 16;
    /** Offset of the time the slot was opened. */
    public static final int OPENED_AT_OFFSET = 24;

    /** Slot is free. */
    public static final int FREE = 0;
    /** Slot holds an open block. */
    public static final int OPEN = 1;
    /** Slot's block is being written to the queue. */
    public static final int SEALING = 2;

    /** Bytes per staged event. */
    public static final int EVENT_BYTES = 32;
    /** Offset of the timestamp in an event. */
    public static final int TS_OFFSET = 0;
    /** Offset of the type code in an event. */
    public static final int TYPE_OFFSET = 8;
    /** Offset of x in an event. */
    public static final int X_OFFSET = 12;
    /** Offset of y in an event. */
    public static final int Y_OFFSET = 16;
    /** Offset of field a in an event. */
    public static final int A_OFFSET = 20;
    /** Offset of field b in an event. */
    public static final int B_OFFSET = 24;
    /** Offset of the fractions of x (byte 28) and y (byte 29), 1/256 px. */
    public static final int FRACTIONS_OFFSET = 28;

    private StagingLayout() {
    }

    /**
     * @param slotEvents events per slot.
     * @return bytes per slot.
     */
    public static long slotBytes(final int slotEvents) {
        return SLOT_HEADER_LENGTH + (long)slotEvents * EVENT_BYTES;
    }

    /**
     * @param slots      slot count.
     * @param slotEvents events per slot.
     * @return the file length of the version written.
     */
    public static long fileLength(final int slots, final int slotEvents) {
        return fileLength(VERSION, slots, slotEvents);
    }

    /**
     * @param version    {@link #VERSION_1} or {@link #VERSION}.
     * @param slots      slot count.
     * @param slotEvents events per slot.
     * @return the file length.
     */
    public static long fileLength(final int version, final int slots, final int slotEvents) {
        return headerLength(version) + slots * slotBytes(slotEvents);
    }

    /**
     * @param version {@link #VERSION_1} or {@link #VERSION}.
     * @return its header length.
     */
    public static int headerLength(final int version) {
        return version == VERSION_1 ? HEADER_LENGTH_V1 : HEADER_LENGTH;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

import dev.spoor.core.JournalException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One record of the ingest ledger, the payload of a {@code RecordLog} record; layouts in {@link LedgerFile}.
 * Fields a kind does not have are 0 (or null for the source key).
 */
final class LedgerRecord {
    static final int BATCH = 1;
    static final int COMPLETE = 2;
    static final int SESSION_END = 3;
    static final int RESET = 4;
    static final int READING = 5;

    static final int PREFIX_LENGTH = 4;
    static final int BATCH_LENGTH = PREFIX_LENGTH + 80;
    static final int COMPLETE_LENGTH = PREFIX_LENGTH + 32;
    static final int SESSION_END_LENGTH = PREFIX_LENGTH + 16;
    static final int RESET_LENGTH = PREFIX_LENGTH;
    /** READING's fixed part: the prefix and the reading's length; the key, then the reading follow. */
    static final int READING_LENGTH = PREFIX_LENGTH + 4;
    /** The most UTF-8 bytes a source key may have (its length is a u16). */
    static final int MAX_KEY_BYTES = 0xFFFF;

    private final int kind;
    private final long sessionId;
    private final long appended;
    private final String sourceKey;
    private final long eventsBefore;
    private final long events;
    private final long bytesBefore;
    private final long hashBefore;
    private final long linesBefore;
    private final long bytesAfter;
    private final long hashAfter;
    private final long linesAfter;
    /** READING: how the source is read (its format's options), UTF-8 text; else null. */
    private String reading;

    private LedgerRecord(final int kind, final long sessionId, final long appended, final String sourceKey,
        final long eventsBefore, final long events, final long bytesBefore, final long hashBefore,
        final long linesBefore, final long bytesAfter, final long hashAfter, final long linesAfter) {
        this.kind = kind;
        this.sessionId = sessionId;
        this.appended = appended;
        this.sourceKey = sourceKey;
        this.eventsBefore = eventsBefore;
        this.events = events;
        this.bytesBefore = bytesBefore;
        this.hashBefore = hashBefore;
        this.linesBefore = linesBefore;
        this.bytesAfter = bytesAfter;
        this.hashAfter = hashAfter;
        this.linesAfter = linesAfter;
    }

    static LedgerRecord batch(final long sessionId, final long appendedBefore, final String sourceKey,
        final long eventsBefore, final long events, final long bytesBefore, final long hashBefore,
        final long linesBefore, final long bytesAfter, final long hashAfter, final long linesAfter) {
        return new LedgerRecord(BATCH, sessionId, appendedBefore, sourceKey, eventsBefore, events, bytesBefore,
            hashBefore, linesBefore, bytesAfter, hashAfter, linesAfter);
    }

    static LedgerRecord complete(final String sourceKey, final long events, final long bytes, final long hash,
        final long lines) {
        return new LedgerRecord(COMPLETE, 0, 0, sourceKey, 0, events, 0, 0, 0, bytes, hash, lines);
    }

    static LedgerRecord sessionEnd(final long sessionId, final long appendedEvents) {
        return new LedgerRecord(SESSION_END, sessionId, appendedEvents, null, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static LedgerRecord reset(final String sourceKey) {
        return new LedgerRecord(RESET, 0, 0, sourceKey, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    static LedgerRecord reading(final String sourceKey, final String reading) {
        final LedgerRecord record = new LedgerRecord(READING, 0, 0, sourceKey, 0, 0, 0, 0, 0, 0, 0, 0);
        record.reading = reading;
        return record;
    }

    /** READING: how the source is read. */
    String reading() {
        return reading;
    }

    /** BATCH, COMPLETE, SESSION_END, RESET or READING. */
    int kind() {
        return kind;
    }

    /** BATCH, SESSION_END: the session. */
    long sessionId() {
        return sessionId;
    }

    /** BATCH: the writer's append count before the batch; SESSION_END: its final count. */
    long appended() {
        return appended;
    }

    /** BATCH, COMPLETE, RESET, READING: the source. */
    String sourceKey() {
        return sourceKey;
    }

    long eventsBefore() {
        return eventsBefore;
    }

    /** BATCH: events in the batch; COMPLETE: events of the whole source. */
    long events() {
        return events;
    }

    long bytesBefore() {
        return bytesBefore;
    }

    long hashBefore() {
        return hashBefore;
    }

    long linesBefore() {
        return linesBefore;
    }

    /** BATCH: bytes covered after it; COMPLETE: bytes of the source's complete part. */
    long bytesAfter() {
        return bytesAfter;
    }

    long hashAfter() {
        return hashAfter;
    }

    long linesAfter() {
        return linesAfter;
    }

    /** @return the payload, little-endian, as {@link LedgerFile} draws it. */
    byte[] encode() {
        final byte[] key = sourceKey == null ? new byte[0] : sourceKey.getBytes(StandardCharsets.UTF_8);
        final byte[] text = reading == null ? new byte[0] : reading.getBytes(StandardCharsets.UTF_8);
        final ByteBuffer out = ByteBuffer.allocate(fixedLength(kind) + key.length + text.length)
            .order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte)kind).put((byte)0).putShort((short)key.length);
        switch (kind) {
            case BATCH:
                out.putLong(sessionId).putLong(appended).putLong(eventsBefore).putLong(events).putLong(bytesBefore)
                    .putLong(hashBefore).putLong(linesBefore).putLong(bytesAfter).putLong(hashAfter)
                    .putLong(linesAfter);
                break;
            case COMPLETE:
                out.putLong(events).putLong(bytesAfter).putLong(hashAfter).putLong(linesAfter);
                break;
            case SESSION_END:
                out.putLong(sessionId).putLong(appended);
                break;
            case READING:
                out.putInt(text.length);
                break;
            default:
                break;
        }
        return out.put(key).put(text).array();
    }

    /**
     * @param payload a record's payload.
     * @param where   file and record number, for messages.
     * @return the record.
     * @throws JournalException when the payload is not a record this build knows.
     */
    static LedgerRecord decode(final byte[] payload, final String where) {
        if (payload.length < PREFIX_LENGTH) {
            throw damaged(where, "holds " + payload.length + " bytes, less than the " + PREFIX_LENGTH + "-byte prefix");
        }
        final ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        final int kind = in.get() & 0xFF;
        in.get();
        final int keyLength = in.getShort() & 0xFFFF;
        final int fixed = fixedLength(kind);
        if (fixed < 0) {
            throw damaged(where, "has unknown kind " + kind + " (this build knows 1..5)");
        }
        final long readingLength = kind == READING && payload.length >= fixed ? in.getInt(PREFIX_LENGTH) & 0xFFFFFFFFL
            : 0;
        if (payload.length != fixed + keyLength + readingLength || kind == SESSION_END && keyLength != 0) {
            throw damaged(where, "of kind " + kind + " holds " + payload.length + " bytes, expected " + fixed
                + " + key length " + keyLength);
        }
        final LedgerRecord record = decodeFields(kind, in, keyLength, where);
        if (record.hasNegativeCount()) {
            throw damaged(where, "of kind " + kind + " has a negative count");
        }
        return record;
    }

    private static LedgerRecord decodeFields(final int kind, final ByteBuffer in, final int keyLength,
        final String where) {
        switch (kind) {
            case BATCH: {
                final long[] v = new long[10];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.getLong();
                }
                return batch(v[0], v[1], key(in, keyLength, where), v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
            }
            case COMPLETE: {
                final long events = in.getLong();
                final long bytes = in.getLong();
                final long hash = in.getLong();
                final long lines = in.getLong();
                return complete(key(in, keyLength, where), events, bytes, hash, lines);
            }
            case SESSION_END:
                return sessionEnd(in.getLong(), in.getLong());
            case READING: {
                final int readingLength = in.getInt();
                final String key = key(in, keyLength, where);
                return reading(key, key(in, readingLength, where));
            }
            default:
                return reset(key(in, keyLength, where));
        }
    }

    private boolean hasNegativeCount() {
        return appended < 0 || eventsBefore < 0 || events < 0 || bytesBefore < 0 || linesBefore < 0 || bytesAfter < 0
            || linesAfter < 0;
    }

    /** Reads {@code length} bytes of UTF-8 text at the buffer's position, and moves past them. */
    private static String key(final ByteBuffer in, final int length, final String where) {
        final ByteBuffer bytes = in.slice().limit(length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (final CharacterCodingException e) {
            throw damaged(where, "has a source key that is not UTF-8");
        }
    }

    private static int fixedLength(final int kind) {
        switch (kind) {
            case BATCH:
                return BATCH_LENGTH;
            case COMPLETE:
                return COMPLETE_LENGTH;
            case SESSION_END:
                return SESSION_END_LENGTH;
            case RESET:
                return RESET_LENGTH;
            case READING:
                return READING_LENGTH;
            default:
                return -1;
        }
    }

    private static JournalException damaged(final String where, final String what) {
        return new JournalException(where + " " + what);
    }

    @Override
    public String toString() {
        return "LedgerRecord[kind=" + kind + ", session=0x" + Long.toHexString(sessionId) + ", appended=" + appended
            + ", key=" + sourceKey + ", eventsBefore=" + eventsBefore + ", events=" + events + ", bytes="
            + bytesBefore + ".." + bytesAfter + ", lines=" + linesBefore + ".." + linesAfter
            + (reading == null ? "" : ", reading=" + reading) + "]";
    }
}

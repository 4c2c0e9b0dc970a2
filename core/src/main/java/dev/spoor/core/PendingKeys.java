/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongPredicate;
import java.util.zip.CRC32C;

import static dev.spoor.core.DeviceRegistry.CRC_BYTES;
import static dev.spoor.core.DeviceRegistry.ID_BYTES;
import static dev.spoor.core.DeviceRegistry.LENGTH_BYTES;

/**
 * The {@code devices.dict} records of keys registered and not yet written ({@link DeviceRegistry#writePending}), in
 * the file's layout: {@code [u32 length of id + key][i64 id][key, UTF-8][u32 crc32c of id + key]}, little-endian.
 * Thread safe: every method holds this object's lock, which is taken after the registry's own and before the JVM's
 * dictionary lock, never the other way round; {@link #isEmpty} reads a volatile flag without it.
 */
final class PendingKeys {

    private ByteBuffer records = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    private int count;
    private String firstKey;
    /** Whether {@link #records} holds any: read by each append of every writer, without the lock. */
    private volatile boolean hasAny;

    /** @return true when no record waits (a volatile read, no lock). */
    boolean isEmpty() {
        return !hasAny;
    }

    /**
     * @param id  the key's id.
     * @param key the key.
     */
    synchronized void add(final long id, final String key) {
        final byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        final int length = LENGTH_BYTES + ID_BYTES + utf8.length + CRC_BYTES;
        if (records.remaining() < length) {
            final ByteBuffer grown = ByteBuffer.allocate(Math.max(2 * records.capacity(), records.position() + length))
                .order(ByteOrder.LITTLE_ENDIAN);
            records = grown.put(records.flip());
        }
        final int start = records.position();
        records.putInt(ID_BYTES + utf8.length).putLong(id).put(utf8);
        final CRC32C crc = new CRC32C();
        crc.update(records.array(), start + LENGTH_BYTES, ID_BYTES + utf8.length);
        records.putInt((int)crc.getValue());
        if (count++ == 0) {
            firstKey = key;
        }
        hasAny = true;
    }

    /**
     * Takes out the records of some devices (an erasure in this process), without writing anything.
     *
     * @param isDropped which ids to take out.
     */
    synchronized void remove(final LongPredicate isDropped) {
        if (count == 0) {
            return;
        }
        final ByteBuffer kept = toWrite(isDropped);
        records.clear();
        records.put(kept);
        count = countRecords(view(records));
        firstKey = count == 0 ? null : firstKeyOf(view(records));
        hasAny = count > 0;
    }

    /**
     * The records to write now, without those of devices {@code isDropped} names (erased whole since they were
     * registered: their keys must not reach the file); the caller writes them, then calls {@link #clear}. Call with
     * this object's lock held across both ({@code synchronized (pending)}).
     *
     * @param isDropped which ids to leave out.
     * @return the records, position 0 to limit.
     */
    ByteBuffer toWrite(final LongPredicate isDropped) {
        final ByteBuffer all = view(records);
        final ByteBuffer kept = ByteBuffer.allocate(all.limit()).order(ByteOrder.LITTLE_ENDIAN);
        while (all.hasRemaining()) {
            final int start = all.position();
            final int end = start + LENGTH_BYTES + all.getInt(start) + CRC_BYTES;
            if (!isDropped.test(all.getLong(start + LENGTH_BYTES))) {
                kept.put(all.duplicate().position(start).limit(end));
            }
            all.position(end);
        }
        return kept.flip();
    }


    /** @return "device 'k'" or "N devices ('k' and N-1 more)", for messages. */
    synchronized String describe() {
        return count == 1 ? "device '" + firstKey + "'"
            : count + " devices ('" + firstKey + "' and " + (count - 1) + " more)";
    }

    /** Forgets every record, once written. */
    synchronized void clear() {
        records.clear();
        count = 0;
        firstKey = null;
        hasAny = false;
    }

    /** The records written so far, as a little-endian buffer of their own (a duplicate is big-endian). */
    private static ByteBuffer view(final ByteBuffer buffer) {
        return buffer.duplicate().flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int countRecords(final ByteBuffer all) {
        int n = 0;
        while (all.hasRemaining()) {
            all.position(all.position() + LENGTH_BYTES + all.getInt(all.position()) + CRC_BYTES);
            n++;
        }
        return n;
    }

    private static String firstKeyOf(final ByteBuffer all) {
        final int keyBytes = all.getInt(0) - ID_BYTES;
        return new String(all.array(), LENGTH_BYTES + ID_BYTES, keyBytes, StandardCharsets.UTF_8);
    }
}

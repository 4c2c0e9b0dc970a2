/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.TimeRange;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/**
 * Raw Chronicle Queue: one fixed record per event, no codec, no index: the 17-byte event record (type 1,
 * timestamp 8, x 4, y 4; key events put key and modifiers in x and y) plus the 4-byte device a device
 * query needs. A query reads everything.
 */
final class RawChroniclePeer implements Peer {
    private SingleChronicleQueue queue;
    private long checksum;

    @Override
    public String name() {
        return "raw Chronicle";
    }

    @Override
    public void ingest(final Dataset data, final Path dir) {
        try (SingleChronicleQueue q = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptAppender appender = q.createAppender()) {
            for (int i = 0; i < data.size(); i++) {
                try (DocumentContext context = appender.writingDocument()) {
                    final Bytes<?> bytes = context.wire().bytes();
                    bytes.writeInt(data.rows.device(i));
                    bytes.writeByte((byte)data.rows.typeCode(i));
                    bytes.writeLong(data.rows.timestampNs(i));
                    bytes.writeInt(data.rows.typeCode(i) >= 4 ? data.rows.a(i) : data.rows.x(i));
                    bytes.writeInt(data.rows.typeCode(i) >= 4 ? data.rows.b(i) : data.rows.y(i));
                }
            }
        }
    }

    @Override
    public void open(final Path dir) {
        queue = SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
    }

    @Override
    public long fullScan() {
        return read(-1, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public long query(final int device, final long fromNs, final long toNs) {
        return read(device, fromNs, toNs);
    }

    @Override
    public int queryRuns() {
        return 5;
    }

    private long read(final int device, final long fromNs, final long toNs) {
        final long lastNs = TimeRange.lastNs(toNs);
        long n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext context = tailer.readingDocument()) {
                    if (!context.isPresent()) {
                        return n;
                    }
                    final Bytes<?> bytes = context.wire().bytes();
                    final int d = bytes.readInt();
                    bytes.readByte();
                    final long ts = bytes.readLong();
                    final int x = bytes.readInt();
                    bytes.readInt();
                    if ((device < 0 || d == device) && ts >= fromNs && ts <= lastNs) {
                        checksum += x + ts;
                        n++;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    @Override
    public long checksum() {
        return checksum;
    }
}

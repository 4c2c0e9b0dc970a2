/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appends and reads of one record log from many threads of one process: the file lock that keeps appenders of
 * several processes apart is a POSIX record lock, which this process may hold only once at a time (a second
 * {@code lock()} in the same JVM throws), and which any close of another descriptor of the file drops (a read by
 * another thread), so the process's own threads take turns before they touch the file.
 */
class RecordLogLockTest {
    private static final byte[] MAGIC = {'T', 'E', 'S', 'T'};
    private static final int THREADS = 8;
    private static final int RECORDS = 200;

    @TempDir
    Path dir;

    @Test
    void threadsOfOneProcessAppendAndReadWithoutTrippingOverTheLock() throws Exception {
        final Path file = dir.resolve("records.spoor");
        final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < RECORDS; i++) {
                        final byte[] payload = ByteBuffer.allocate(8).putInt(thread).putInt(i).array();
                        if (i % 2 == 0) {
                            RecordLog.append(file, MAGIC, 64, payload); // cuts a torn tail first, under the lock
                        } else {
                            RecordLog.append(file, MAGIC, payload, false);
                        }
                        RecordLog.read(file, MAGIC, 64);
                    }
                    return null;
                }));
            }
            for (final Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS); // rethrows what a thread threw
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        final List<byte[]> records = RecordLog.read(file, MAGIC, 64);
        final Set<Long> distinct = new HashSet<>();
        records.forEach(r -> distinct.add(ByteBuffer.wrap(r).getLong()));
        assertEquals(THREADS * RECORDS, records.size());
        assertEquals(THREADS * RECORDS, distinct.size(), "every record once");
    }
}

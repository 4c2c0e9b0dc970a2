/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Encoding and decoding allocate nothing once the encoder, decoder and batches exist: measured with the
 * JVM's per-thread allocation counter over many blocks, after a warm-up that lets buffers grow.
 */
class AllocationFreeTest {
    static final long ONCE_OFF_BYTES = 4096;

    @ParameterizedTest(name = "format version {0}")
    @ValueSource(ints = {BlockLayout.VERSION_SUBPIXEL, BlockLayout.VERSION})
    void encodeAndDecodeAllocateNothingPerBlock(final int formatVersion) {
        final ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter here");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        final long seed = 42;
        final Random random = new Random(seed);
        final EventBatch[] batches = new EventBatch[8];
        for (int i = 0; i < batches.length; i++) {
            batches[i] = new EventBatch(BlockLayout.DEFAULT_EVENTS);
            RandomEvents.fill(random, batches[i], 1 + random.nextInt(BlockLayout.DEFAULT_EVENTS));
        }
        final BlockEncoder encoder = new BlockEncoder().formatVersion(formatVersion);
        final BlockDecoder decoder = new BlockDecoder();
        final EventBatch decoded = new EventBatch(BlockLayout.DEFAULT_EVENTS);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(BlockLayout.DEFAULT_EVENTS)]);
        roundTrips(encoder, decoder, batches, decoded, buffer, 200);

        final long threadId = Thread.currentThread().getId();
        // Any allocation per event (>= 1.6 MB a window) or per block (>= 12 KB) shows in every window. Once-off
        // bytes come from the JIT (rematerialising an eliminated object when it deoptimises, recompiling after
        // earlier tests in this JVM ran other paths), not from our code: the best of three windows filters them.
        long fewest = Long.MAX_VALUE;
        long events = 0;
        for (int window = 0; window < 3 && fewest >= ONCE_OFF_BYTES; window++) {
            final long before = threads.getThreadAllocatedBytes(threadId);
            events = roundTrips(encoder, decoder, batches, decoded, buffer, 100);
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(threadId) - before);
        }
        assertTrue(fewest < ONCE_OFF_BYTES, fewest + " bytes allocated while encoding and decoding "
            + events + " events in 800 blocks (fewest of three windows), format version " + formatVersion + ", seed="
            + seed);
    }

    private static long roundTrips(
        final BlockEncoder encoder, final BlockDecoder decoder, final EventBatch[] batches, final EventBatch decoded,
        final UnsafeBuffer buffer, final int rounds) {
        long events = 0;
        for (int round = 0; round < rounds; round++) {
            for (final EventBatch batch : batches) {
                final int length = encoder.encode(round, batch, buffer, 0);
                decoder.decode(buffer, 0, length, decoded);
                events += decoded.size();
            }
        }
        return events;
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.testkit.SharedData;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The road not taken, measured: what a "wide" block format would buy. Each Balabit block's time deltas (in the
 * block's tick, the GCD of its deltas, as the encoder finds it) and pointer deltas are zigzagged and packed with
 * patched frame of reference (PFOR: frames of {@value #FRAME} values at one bit width each, the few values wider
 * than it patched from a list after the frame; Zukowski et al., "Super-Scalar RAM-CPU Cache Compression", ICDE
 * 2006). {@link #unpackTimeAndPointer} decodes the three columns back to timestamps and coordinates, the work
 * {@code HotColumnLoops.decodeTimeAndPointer} does from the Huffman-coded TIME and POINTER streams, and
 * {@link #decodeBlock} is the whole decode of the same block as Spoor stores it, for the ratio in one run.
 *
 * <p>The set-up checks that every block unpacks to its events and prints both layouts' bytes per event: the packed
 * columns against Spoor's TIME and POINTER streams (which also carry each event's kind, which the packed layout
 * would have to add). Findings are in {@code docs/decoder-tuning.md}.
 *
 * <pre>
 *   java &lt;bench flags&gt; -jar bench/target/benchmarks.jar FrameOfReferenceBenchmark -f 1 -wi 3 -w 2s -i 4 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
public class FrameOfReferenceBenchmark {
    /** Values per frame. */
    static final int FRAME = 128;
    /** Bytes of a patch: the value's index in its frame, then the bits above the frame's width (four bytes). */
    private static final int PATCH_BYTES = 5;
    private static final VarHandle LONG_LE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final List<byte[]> packedBlocks = new ArrayList<>();
    private final List<EventBatch> batches = new ArrayList<>();
    private final List<UnsafeBuffer> blocks = new ArrayList<>();
    private final BlockDecoder decoder = new BlockDecoder();
    private final EventBatch decoded = new EventBatch(BlockLayout.DEFAULT_EVENTS);
    private final long[] timestamps = new long[BlockLayout.DEFAULT_EVENTS];
    private final int[] xs = new int[BlockLayout.DEFAULT_EVENTS];
    private final int[] ys = new int[BlockLayout.DEFAULT_EVENTS];
    private final int[] patches = new int[FRAME];
    private int next;

    /** Events decoded, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Events decoded. */
        public long events;
    }

    /**
     * Encodes every Balabit block both ways, checks the packed one unpacks to its events and prints the sizes.
     *
     * @throws IllegalStateException when the shared data is absent or a block does not unpack to its events.
     */
    @Setup(Level.Trial)
    public void load() {
        final List<SharedRecordings.Device> devices = SharedRecordings.balabit(BlockLayout.DEFAULT_EVENTS);
        if (devices.isEmpty()) {
            throw new IllegalStateException(SharedData.absentMessage(SharedData.BALABIT));
        }
        final BlockEncoder encoder = new BlockEncoder().lz4(false);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(BlockLayout.DEFAULT_EVENTS)]);
        long events = 0;
        long packedBytes = 0;
        long huffmanBytes = 0;
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                final int length = encoder.encode(1L, batch, scratch, 0);
                final byte[] copy = new byte[length];
                scratch.getBytes(0, copy);
                blocks.add(new UnsafeBuffer(copy));
                huffmanBytes += timeAndPointerStreamBytes(scratch);
                final byte[] packed = pack(batch);
                packedBytes += packed.length - Long.BYTES;
                packedBlocks.add(packed);
                batches.add(batch);
                events += batch.size();
                checkUnpacks(batch, packed);
            }
        }
        System.out.printf("%n%d Balabit events in %d blocks: TIME and POINTER streams %.3f bytes/event, "
            + "PFOR time and pointer columns %.3f bytes/event%n", events, blocks.size(),
            (double)huffmanBytes / events, (double)packedBytes / events);
    }

    /**
     * Decodes the next block's packed columns into timestamps (ns) and coordinates (px).
     *
     * @param counter events counter.
     * @return a value of the columns, so the work is not eliminated.
     */
    @Benchmark
    public long unpackTimeAndPointer(final Events counter) {
        final int i = nextIndex();
        final int count = batches.get(i).size();
        counter.events += count;
        return unpack(packedBlocks.get(i), count);
    }

    /**
     * Checks and decodes the next block as Spoor stores it (format version 1, no LZ4): the whole decode.
     *
     * @param counter events counter.
     * @return the block length, so the work is not eliminated.
     */
    @Benchmark
    public int decodeBlock(final Events counter) {
        final UnsafeBuffer block = blocks.get(nextIndex());
        final int length = decoder.decode(block, 0, block.capacity(), decoded);
        counter.events += decoded.size();
        return length;
    }

    private int nextIndex() {
        final int i = next;
        next = i + 1 == blocks.size() ? 0 : i + 1;
        return i;
    }

    private long unpack(final byte[] packed, final int count) {
        final long tick = (long)LONG_LE.get(packed, 0);
        int at = unpackColumn(packed, Long.BYTES, count, xs);
        final long first = (long)LONG_LE.get(packed, at);
        for (int i = 0; i < count; i++) {
            timestamps[i] = first + xs[i] * tick;
        }
        at = unpackColumn(packed, at + Long.BYTES, count, xs);
        at = unpackColumn(packed, at, count, ys);
        return timestamps[count - 1] + xs[count - 1] + ys[count - 1] + at;
    }

    /**
     * Unpacks, unzigzags and sums one column in one pass: its running total per value.
     *
     * @return where the next column starts.
     */
    private int unpackColumn(final byte[] in, final int from, final int count, final int[] out) {
        int at = from;
        int total = 0;
        for (int start = 0; start < count; start += FRAME) {
            final int length = Math.min(FRAME, count - start);
            final int width = in[at] & 0xFF;
            final int patchCount = in[at + 1] & 0xFF;
            final int mask = (int)((1L << width) - 1);
            int bit = (at + 2) << 3;
            final int patchesAt = at + 2 + (length * width + 7 >>> 3);
            at = patchesAt;
            for (int p = 0; p < patchCount; p++, at += PATCH_BYTES) {
                patches[in[at] & 0xFF] = (int)(long)LONG_LE.get(in, at + 1) << width;
            }
            if (patchCount == 0) {
                for (int i = 0; i < length; i++, bit += width) {
                    final int z = (int)((long)LONG_LE.get(in, bit >>> 3) >>> (bit & 7)) & mask;
                    total += (z >>> 1) ^ -(z & 1);
                    out[start + i] = total;
                }
            } else {
                for (int i = 0; i < length; i++, bit += width) {
                    final int z = (int)((long)LONG_LE.get(in, bit >>> 3) >>> (bit & 7)) & mask | patches[i];
                    patches[i] = 0;
                    total += (z >>> 1) ^ -(z & 1);
                    out[start + i] = total;
                }
            }
        }
        return at;
    }

    /**
     * The packed layout of one block: {@code [tick, 8 bytes][zigzag time deltas][first timestamp, 8 bytes][zigzag
     * dx][zigzag dy]}, each column in frames of {@code [width][patch count][width bits per value][patches]}. The
     * array ends with eight bytes of slack for the eight-byte reads.
     */
    static byte[] pack(final EventBatch batch) {
        final int count = batch.size();
        long tick = 0;
        for (int i = 1; i < count; i++) {
            tick = gcd(tick, Math.abs(batch.timestampNs(i) - batch.timestampNs(i - 1)));
        }
        tick = Math.max(1, tick);
        final int[] time = new int[count];
        final int[] dx = new int[count];
        final int[] dy = new int[count];
        for (int i = 1; i < count; i++) {
            time[i] = Math.toIntExact((batch.timestampNs(i) - batch.timestampNs(i - 1)) / tick);
        }
        int x = 0;
        int y = 0;
        for (int i = 0; i < count; i++) {
            dx[i] = batch.x(i) - x;
            dy[i] = batch.y(i) - y;
            x = batch.x(i);
            y = batch.y(i);
        }
        final byte[] out = new byte[2 * Long.BYTES + 3 * (count * (Integer.BYTES + PATCH_BYTES) + 2 * count / FRAME
            + 2) + Long.BYTES];
        LONG_LE.set(out, 0, tick);
        int at = packColumn(time, out, Long.BYTES);
        LONG_LE.set(out, at, batch.timestampNs(0));
        at = packColumn(dx, out, at + Long.BYTES);
        at = packColumn(dy, out, at);
        return Arrays.copyOf(out, at + Long.BYTES);
    }

    private static int packColumn(final int[] values, final byte[] out, final int from) {
        int at = from;
        for (int start = 0; start < values.length; start += FRAME) {
            final int length = Math.min(FRAME, values.length - start);
            final int width = cheapestWidth(values, start, length);
            final long mask = (1L << width) - 1;
            out[at] = (byte)width;
            int bit = (at + 2) << 3;
            int patchCount = 0;
            for (int i = 0; i < length; i++, bit += width) {
                final long z = zigZag(values[start + i]);
                final long word = (long)LONG_LE.get(out, bit >>> 3);
                LONG_LE.set(out, bit >>> 3, word | (z & mask) << (bit & 7));
                patchCount += z >>> width != 0 ? 1 : 0;
            }
            out[at + 1] = (byte)patchCount;
            at += 2 + (length * width + 7 >>> 3);
            for (int i = 0; i < length; i++) {
                final long z = zigZag(values[start + i]);
                if (z >>> width != 0) {
                    out[at] = (byte)i;
                    LONG_LE.set(out, at + 1, z >>> width);
                    at += PATCH_BYTES;
                }
            }
        }
        return at;
    }

    /** The width that makes a frame smallest, its patches counted. */
    private static int cheapestWidth(final int[] values, final int start, final int length) {
        final int[] widths = new int[Integer.SIZE + 1];
        int widest = 0;
        for (int i = start; i < start + length; i++) {
            final int width = Long.SIZE - Long.numberOfLeadingZeros(zigZag(values[i]));
            widths[width]++;
            widest = Math.max(widest, width);
        }
        int best = widest;
        long bestBits = (long)widest * length;
        int wider = 0;
        for (int width = widest - 1; width >= 0; width--) {
            wider += widths[width + 1];
            final long bits = (long)width * length + (long)wider * PATCH_BYTES * Byte.SIZE;
            if (bits < bestBits && wider <= FRAME - 1) {
                best = width;
                bestBits = bits;
            }
        }
        return best;
    }

    private void checkUnpacks(final EventBatch batch, final byte[] packed) {
        unpack(packed, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (timestamps[i] != batch.timestampNs(i) || xs[i] != batch.x(i) || ys[i] != batch.y(i)) {
                throw new IllegalStateException("packed block does not unpack to its events at " + i + ": "
                    + timestamps[i] + " " + xs[i] + " " + ys[i] + " against " + batch.describe(i));
            }
        }
    }

    /** Bytes of the TIME and POINTER streams of an uncompressed block, their length prefixes included. */
    private static long timeAndPointerStreamBytes(final UnsafeBuffer block) {
        final int timeLength = block.getInt(BlockLayout.HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN);
        final int pointerAt = BlockLayout.HEADER_LENGTH + BlockLayout.STREAM_LENGTH_BYTES + timeLength;
        final boolean hasPointer = (block.getShort(BlockLayout.FLAGS_OFFSET, ByteOrder.LITTLE_ENDIAN)
            & BlockLayout.FLAG_POINTER) != 0;
        final int pointerLength = hasPointer ? block.getInt(pointerAt, ByteOrder.LITTLE_ENDIAN) : 0;
        return timeLength + pointerLength + 2L * BlockLayout.STREAM_LENGTH_BYTES;
    }

    private static long zigZag(final int value) {
        return ((value << 1) ^ (value >> 31)) & 0xFFFF_FFFFL;
    }

    private static long gcd(final long a, final long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            final long r = x % y;
            x = y;
            y = r;
        }
        return x;
    }
}

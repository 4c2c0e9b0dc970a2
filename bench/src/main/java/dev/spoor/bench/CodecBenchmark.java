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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Block codec speed on the shared real recordings ({@link SharedRecordings}), one thread: encode a device's
 * events into a block, and check plus decode a block back into primitive columns. Each invocation handles
 * the next block of the data set (Balabit: 345 blocks of up to 4096 mouse events; Aalto: 96 blocks of key
 * events), so the figure is over the real mix of full and short blocks. The {@code events} counter is the
 * throughput in events/s.
 *
 * <pre>
 *   bench/jmh CodecBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
    @Param({"balabit", "aalto", "ducktrack"})
    String dataset;

    @Param({"4096"})
    int blockEvents;

    /** Block format version written (and so decoded): 2 (the default: versions 1 and 2) or 3. */
    @Param({"2"})
    int formatVersion;

    /**
     * Whether blocks on a coarse clock code their time in its ticks ({@code BlockEncoder.clockLattice}, the default
     * since 2026-12-02): {@code -p clockLattice=true,false} measures what it costs or saves in one JVM.
     */
    @Param({"true"})
    boolean clockLattice;

    private final List<EventBatch> batches = new ArrayList<>();
    private final List<UnsafeBuffer> blocks = new ArrayList<>();
    private BlockEncoder encoder;
    private final BlockDecoder decoder = new BlockDecoder();
    private EventBatch decoded;
    private UnsafeBuffer scratch;
    private int next;

    /** Events handled, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        /** Events encoded or decoded. */
        public long events;
    }

    /**
     * Loads the data set and encodes it once for the decode benchmark.
     */
    @Setup(Level.Trial)
    public void load() {
        final List<SharedRecordings.Device> devices = "aalto".equals(dataset) ? SharedRecordings.aalto(blockEvents)
            : "ducktrack".equals(dataset) ? SharedRecordings.ducktrack(blockEvents)
            : SharedRecordings.balabit(blockEvents);
        if (devices.isEmpty()) {
            throw new IllegalStateException(SharedData.absentMessage("aalto".equals(dataset) ? SharedData.AALTO
                : "ducktrack".equals(dataset) ? SharedData.DUCKTRACK : SharedData.BALABIT));
        }
        encoder = new BlockEncoder(blockEvents).formatVersion(formatVersion).clockLattice(clockLattice);
        decoded = new EventBatch(blockEvents);
        scratch = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(blockEvents)]);
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                final int length = encoder.encode(device.key.hashCode(), batch, scratch, 0);
                final byte[] copy = new byte[length];
                scratch.getBytes(0, copy);
                batches.add(batch);
                blocks.add(new UnsafeBuffer(copy));
            }
        }
    }

    /**
     * Encodes the next block.
     *
     * @param counter events counter.
     * @return the block length, so the work is not eliminated.
     */
    @Benchmark
    public int encode(final Events counter) {
        final EventBatch batch = batches.get(nextIndex());
        counter.events += batch.size();
        return encoder.encode(1L, batch, scratch, 0);
    }

    /**
     * Checks and decodes the next block into columns.
     *
     * @param counter events counter.
     * @return the block length, so the work is not eliminated.
     */
    @Benchmark
    public int decode(final Events counter) {
        final UnsafeBuffer block = blocks.get(nextIndex());
        final int length = decoder.decode(block, 0, block.capacity(), decoded);
        counter.events += decoded.size();
        return length;
    }

    /**
     * Checks the next block's header and CRC32C without decoding: the floor under {@link #decode}.
     *
     * @param counter events counter.
     * @return the block length, so the work is not eliminated.
     */
    @Benchmark
    public int verify(final Events counter) {
        final UnsafeBuffer block = blocks.get(nextIndex());
        counter.events += batches.get(next == 0 ? blocks.size() - 1 : next - 1).size();
        return decoder.verify(block, 0, block.capacity());
    }

    private int nextIndex() {
        final int i = next;
        next = i + 1 == blocks.size() ? 0 : i + 1;
        return i;
    }

    /**
     * Runs this benchmark from an IDE.
     *
     * @param args unused.
     * @throws RunnerException when JMH fails.
     */
    public static void main(final String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(CodecBenchmark.class.getSimpleName()).build()).run();
    }
}

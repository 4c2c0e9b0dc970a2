/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import dev.spoor.codec.BlockDecoder;
import dev.spoor.codec.BlockEncoder;
import dev.spoor.codec.BlockLayout;
import dev.spoor.codec.EventBatch;
import dev.spoor.codec.EventCodes;
import dev.spoor.testkit.SharedData;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Locale;

/**
 * Prints the bytes per event of the block codec on the shared real recordings ({@link SharedRecordings}): every
 * Balabit session and every Aalto participant encoded one device per session, cut into blocks of the given size,
 * headers included. Each block is decoded again and compared, so a figure is only printed for a lossless run.
 *
 * <pre>
 *   java -cp bench/target/benchmarks.jar dev.spoor.bench.CodecSizeReport [blockEvents] [--no-lz4]
 *       [--format-version 2|3] [--no-clock]
 * </pre>
 * The format version is the encoder's default ({@link BlockLayout#DEFAULT_WRITE_VERSION}) unless given.
 */
public final class CodecSizeReport {
    /** The block format version the report encodes in. */
    private static int formatVersion = BlockLayout.DEFAULT_WRITE_VERSION;
    /** Whether the encoder looks for a coarse clock ({@code BlockEncoder.clockLattice}). */
    private static boolean isClock = true;

    private CodecSizeReport() {
    }

    /**
     * @param args optional block size (default 4096), {@code --no-lz4}, {@code --format-version N} and
     *             {@code --no-clock}.
     */
    public static void main(final String[] args) {
        int blockEvents = BlockLayout.DEFAULT_EVENTS;
        boolean isLz4 = true;
        for (int i = 0; i < args.length; i++) {
            if ("--no-lz4".equals(args[i])) {
                isLz4 = false;
            } else if ("--no-clock".equals(args[i])) {
                isClock = false;
            } else if ("--format-version".equals(args[i]) && i + 1 < args.length) {
                formatVersion = Integer.parseInt(args[++i]);
            } else {
                blockEvents = Integer.parseInt(args[i]);
            }
        }
        System.out.println("shared data: " + SharedData.root() + ", block format version " + formatVersion
            + (formatVersion == BlockLayout.VERSION_SUBPIXEL ? " (whole-pixel blocks as version 1)" : "")
            + (isClock ? "" : ", no clock lattice"));
        report("balabit (mouse)", SharedRecordings.balabit(blockEvents), blockEvents, isLz4);
        report("aalto (keys)", SharedRecordings.aalto(blockEvents), blockEvents, isLz4);
        final List<SharedRecordings.Device> ducktrack = SharedRecordings.ducktrack(blockEvents);
        report("ducktrack (macOS, 1/256 px)", ducktrack, blockEvents, isLz4);
        report("ducktrack, fractions dropped", wholePixels(ducktrack, blockEvents), blockEvents, isLz4);
    }

    /** The same recordings with every fraction set to 0: what the fractions cost. */
    private static List<SharedRecordings.Device> wholePixels(final List<SharedRecordings.Device> devices,
        final int blockEvents) {
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.setFractions(i, 0, 0);
                }
            }
        }
        return devices;
    }

    /**
     * Encodes, checks and measures one data set, in the format version and with the clock as given on the command
     * line.
     *
     * @param name        label.
     * @param devices     the recordings.
     * @param blockEvents events per block.
     * @param isLz4       whether the encoder tries LZ4.
     * @return bytes per event, headers included.
     */
    public static double report(
        final String name, final List<SharedRecordings.Device> devices, final int blockEvents, final boolean isLz4) {
        return report(name, devices, blockEvents, isLz4, isClock);
    }

    /**
     * Encodes, checks and measures one data set.
     *
     * @param name        label.
     * @param devices     the recordings.
     * @param blockEvents events per block.
     * @param isLz4       whether the encoder tries LZ4.
     * @param isOnClock   whether the encoder looks for a coarse clock ({@code BlockEncoder.clockLattice}).
     * @return bytes per event, headers included.
     * @throws IllegalStateException when a block does not decode to its events.
     */
    public static double report(final String name, final List<SharedRecordings.Device> devices,
        final int blockEvents, final boolean isLz4, final boolean isOnClock) {
        if (devices.isEmpty()) {
            System.out.println(name + ": " + "no data (" + SharedData.root() + ")");
            return Double.NaN;
        }
        final BlockEncoder encoder =
            new BlockEncoder(blockEvents).lz4(isLz4).formatVersion(formatVersion).clockLattice(isOnClock);
        final BlockDecoder decoder = new BlockDecoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BlockLayout.maxBlockLength(blockEvents)]);
        final EventBatch decoded = new EventBatch(blockEvents);
        long events = 0;
        long bytes = 0;
        long blocks = 0;
        long lz4Blocks = 0;
        long clockBlocks = 0;
        long tableBits = 0;
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                final int length = encoder.encode(device.key.hashCode(), batch, buffer, 0);
                tableBits += encoder.tableBits();
                decoder.decode(buffer, 0, length, decoded);
                checkSame(device.key, batch, decoded);
                lz4Blocks += (buffer.getShort(BlockLayout.FLAGS_OFFSET) & BlockLayout.FLAG_LZ4) != 0 ? 1 : 0;
                clockBlocks += (buffer.getShort(BlockLayout.FLAGS_OFFSET) & BlockLayout.FLAG_CLOCK) != 0 ? 1 : 0;
                events += batch.size();
                bytes += length;
                blocks++;
            }
        }
        final double perEvent = (double)bytes / events;
        System.out.printf(Locale.ROOT, "%s: devices=%d blocks=%d (lz4 kept in %d, on a clock %d) events=%d bytes=%d "
            + "bytes/event=%.3f (raw 17-byte records: %.1fx smaller; code tables %.3f bytes/event)%s%n", name,
            devices.size(), blocks, lz4Blocks, clockBlocks, events, bytes, perEvent, 17.0 / perEvent,
            tableBits / (double)Byte.SIZE / events, signPersistence(devices));
        return perEvent;
    }

    /**
     * What format version 3's relative POINTER signs feed on: the share of non-zero x and y deltas between pointer
     * events of a block whose sign is that of the same coordinate's previous non-zero delta in the block.
     */
    private static String signPersistence(final List<SharedRecordings.Device> devices) {
        long kept = 0;
        long nonZero = 0;
        for (final SharedRecordings.Device device : devices) {
            for (final EventBatch batch : device.blocks) {
                int previousX = 0;
                int previousY = 0;
                int signX = 0;
                int signY = 0;
                for (int i = 0; i < batch.size(); i++) {
                    if (!EventCodes.isPointer(batch.typeCode(i))) {
                        continue;
                    }
                    final int dx = batch.x(i) - previousX;
                    final int dy = batch.y(i) - previousY;
                    previousX = batch.x(i);
                    previousY = batch.y(i);
                    if (dx != 0 && signX != 0) {
                        nonZero++;
                        kept += Integer.signum(dx) == signX ? 1 : 0;
                    }
                    if (dy != 0 && signY != 0) {
                        nonZero++;
                        kept += Integer.signum(dy) == signY ? 1 : 0;
                    }
                    signX = dx != 0 ? Integer.signum(dx) : signX;
                    signY = dy != 0 ? Integer.signum(dy) : signY;
                }
            }
        }
        return nonZero == 0 ? "" : String.format(Locale.ROOT, "; non-zero pointer deltas keeping their sign: %.1f%%",
            100.0 * kept / nonZero);
    }

    private static void checkSame(final String key, final EventBatch expected, final EventBatch actual) {
        if (expected.size() != actual.size()) {
            throw new IllegalStateException(key + ": decoded " + actual.size() + " of " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.sameEvent(i, actual, i)) {
                throw new IllegalStateException(key + ": event " + expected.describe(i) + " decoded as "
                    + actual.describe(i));
            }
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.RollPeriod;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.internal.CycleCheck;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Finds the sound blocks of a cycle file whose framing breaks: an excerpt header whose length was damaged sends a
 * plain walk off the excerpts (it stops, or reads on through bytes that are no excerpts), and every block after it
 * would be lost. The salvage walks the framing as Chronicle wrote it and, where it breaks, scans on four bytes at a
 * time for the next header of a data excerpt whose block checks (magic, header, CRC32C, decode; authenticated when
 * encrypted), and walks on from there: a <em>run</em> of excerpts with intact framing between two breaks.
 * <p>Run one starts at the file's first excerpt, number 0. A later run's numbers are not in the file (how many
 * excerpts the damage took is unknown), so a run is placed by an anchor: one of its blocks found in the old index
 * file (device, time range and event count alike), or, for the last run, the cycle summary's last queue index when
 * the run ends where the summary says the cycle's data ends. A run with no anchor, or one that would overlap the
 * runs before it, is not placed: its blocks are reported, not kept. An excerpt whose header was lengthened still
 * holds its whole block; the block is kept and the next header looked for right after it.
 */
final class CycleSalvage {
    /** Checks one excerpt's block: null when sound (or a compaction tombstone), else what is wrong. */
    @FunctionalInterface
    interface BlockCheck {
        /**
         * @param excerpt the excerpt's bytes.
         * @param length  its length.
         * @return null when sound, else the problem.
         */
        String problem(byte[] excerpt, int length);
    }

    /**
     * What the salvage found.
     *
     * @param placed    sequence in the cycle to {@code {start, length, events}} of each sound excerpt kept (events
     *                  -1 for a tombstone, which is kept too).
     * @param unplaced  sound blocks found after a break that no anchor placed, for the report.
     * @param breaks    places where the framing broke and a scan resumed (or found nothing more).
     */
    record Result(NavigableMap<Long, long[]> placed, List<String> unplaced, List<String> breaks) {
        /**
         * @return the blocks kept (tombstones and other excerpts without a block left out).
         */
        long keptBlocks() {
            return placed.values().stream().filter(p -> p[2] >= 0).count();
        }

        /**
         * @return the events of the blocks kept.
         */
        long keptEvents() {
            return placed.values().stream().mapToLong(p -> Math.max(0, p[2])).sum();
        }
    }

    /** Sound excerpts read one after another with intact framing. */
    private static final class Run {
        /** {@code {start, length, events}} of each data excerpt of the run, in order (events as in {@link #add}). */
        final List<long[]> excerpts = new ArrayList<>();
        long firstSequence = -1;
        long endPosition;
    }

    private final CycleFileReader reader;
    private final BlockCheck check;
    /** Where the cycle summary says the data ends (a header word 0 before it is damage, not the end); -1: unknown. */
    private final long knownEnd;
    /** Where the framing broke, for the report. */
    private final List<String> breaks = new ArrayList<>();

    private CycleSalvage(final CycleFileReader reader, final BlockCheck check, final long knownEnd) {
        this.reader = reader;
        this.check = check;
        this.knownEnd = knownEnd;
    }

    /**
     * @param file       the cycle file.
     * @param rollPeriod the journal's roll period.
     * @param cycle      its cycle.
     * @param check      the block check.
     * @param oldIndex   the index file as it was (null when none), for anchors.
     * @param known      the cycle summary's record of the cycle (null when none), for the last run's anchor.
     * @return the placed and unplaced blocks.
     * @throws IOException on a read error.
     */
    static Result run(final Path file, final RollPeriod rollPeriod, final int cycle, final BlockCheck check,
        final BlockIndex oldIndex, final CycleSummary.Entry known) throws IOException {
        try (CycleFileReader reader = CycleFileReader.open(file)) {
            final CycleSalvage salvage = new CycleSalvage(reader, check,
                known == null || known.excerpts() == 0 ? -1 : known.endPosition());
            final List<Run> runs = salvage.runs();
            return salvage.place(runs, rollPeriod, cycle, oldIndex, known);
        }
    }

    private List<Run> runs() throws IOException {
        final List<Run> runs = new ArrayList<>();
        Run run = new Run();
        run.firstSequence = 0;
        runs.add(run);
        long position = 0;
        while (true) {
            final long next = step(run, position);
            if (next >= 0) {
                position = next;
                continue;
            }
            if (next == END) {
                break;
            }
            final long resumed = scan(position + 4);
            breaks.add("framing breaks at byte " + position + (resumed < 0 ? ", no sound block after it"
                : ", resumes at byte " + resumed));
            if (resumed < 0) {
                break;
            }
            run = new Run();
            runs.add(run);
            position = resumed;
        }
        return runs;
    }

    private static final long END = -1;
    /** Excerpts without a sound block, one after another, that a framing still counts as intact. */
    private static final int MAX_UNSOUND_RUN = 16;
    private static final long BROKEN = -2;
    /** The events field of a damaged excerpt in a run: it takes a number, but nothing of it is kept. */
    private static final int DAMAGED = -2;

    /**
     * Reads the excerpt at {@code position} into the run.
     *
     * @return the next header's position, {@link #END} at the end of the data, {@link #BROKEN} where the framing
     *         breaks.
     */
    private long step(final Run run, final long position) throws IOException {
        if (position + 4 > reader.fileLength()) {
            return END;
        }
        final int header = reader.headerAt(position);
        if (header == 0 && position < knownEnd) {
            return BROKEN; // a zero word inside data the summary knows: a shortened header pointed here
        }
        if (header == 0 || header == CycleFileReader.END_OF_CYCLE) {
            return END;
        }
        final int length = header & CycleFileReader.LENGTH_MASK;
        final long start = position + 4;
        final int claimed = blockLengthAt(start);
        final boolean isSuspect = claimed > length || claimed > 0 && ((header & CycleFileReader.NOT_COMPLETE) != 0
            || (header & CycleFileReader.META_DATA) != 0 || start + length > reader.fileLength());
        final int whole = isSuspect ? soundBlockAt(start) : -1;
        if (whole > 0) {
            // A damaged header (shortened, garbled past the end of the file, a flag bit flipped) in front of a
            // block that is whole in the bytes after it, by its own length and checksum: kept, and on after it.
            breaks.add("the header at byte " + position + " (0x" + Integer.toHexString(header) + ") frames "
                + length + " bytes, its block takes " + whole + ": the block read whole, and on after it");
            add(run, start, whole, CycleCheck.eventCount(reader.read(start, whole), whole));
            return align(start + whole);
        }
        if ((header & CycleFileReader.NOT_COMPLETE) != 0 || start + length > reader.fileLength()) {
            return BROKEN;
        }
        if ((header & CycleFileReader.META_DATA) != 0) {
            return align(start + length);
        }
        final byte[] bytes = reader.read(start, length);
        if (check.problem(bytes, length) == null) {
            final int kept = claimed < 0 || claimed > length ? length : claimed;
            if (kept < length) {
                breaks.add("the header at byte " + position + " says " + length + " bytes, its block takes " + kept
                    + ": read on after the block");
            }
            add(run, start, kept, CycleCheck.eventCount(bytes, kept));
            return align(start + kept); // a lengthened header: the next excerpt follows the block
        }
        // A damaged block in intact framing leaves the next header where it should be.
        final long next = align(start + length);
        if (isSoundHeader(next)) {
            add(run, start, length, DAMAGED);
            return next;
        }
        return BROKEN;
    }

    /** @param events the block's events, -1 for an excerpt without a block, {@link #DAMAGED} for a damaged one. */
    private static void add(final Run run, final long start, final int length, final int events) {
        run.excerpts.add(new long[] {start, length, events});
        run.endPosition = start + length;
    }

    /**
     * True when the header at {@code position} ends the data, or frames metadata or a sound block, or frames an
     * excerpt without a sound block that is followed the same way (up to {@link #MAX_UNSOUND_RUN} of them: a full
     * disk could leave torn excerpts one after another, in intact framing).
     */
    private boolean isSoundHeader(final long position) throws IOException {
        long at = position;
        for (int unsound = 0; unsound <= MAX_UNSOUND_RUN; unsound++) {
            if (at + 4 > reader.fileLength()) {
                return false;
            }
            final int header = reader.headerAt(at);
            if (header == 0 && at < knownEnd) {
                return false;
            }
            if (header == 0 || header == CycleFileReader.END_OF_CYCLE) {
                return true;
            }
            final int length = header & CycleFileReader.LENGTH_MASK;
            if ((header & CycleFileReader.NOT_COMPLETE) != 0 || at + 4 + length > reader.fileLength()) {
                return false;
            }
            if ((header & CycleFileReader.META_DATA) != 0
                || check.problem(reader.read(at + 4, length), length) == null) {
                return true;
            }
            at = align(at + 4 + length);
        }
        return false;
    }

    /**
     * @return the length of the excerpt (seal id and block) that starts at {@code start} when it holds a sound block
     *         by its own length, checksum and decode; -1 when it does not.
     */
    private int soundBlockAt(final long start) throws IOException {
        final int whole = blockLengthAt(start);
        if (whole < SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH || start + whole > reader.fileLength()) {
            return -1;
        }
        return check.problem(reader.read(start, whole), whole) == null ? whole : -1;
    }

    /**
     * @return the excerpt length the block header at {@code start + 8} claims ({@link SealedExcerpt#wholeLength}),
     *         -1 when no block header starts there.
     */
    private int blockLengthAt(final long start) throws IOException {
        final int headerEnd = SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH;
        if (start + headerEnd > reader.fileLength()) {
            return -1;
        }
        return SealedExcerpt.wholeLength(reader.read(start, headerEnd), headerEnd);
    }

    /** The next position from {@code from} holding the header of a data excerpt with a sound block, or -1. */
    private long scan(final long from) throws IOException {
        final int smallest = SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH;
        for (long position = align(from); position + 4 + smallest <= reader.fileLength(); position += 4) {
            final int header = reader.headerAt(position);
            final int length = header & CycleFileReader.LENGTH_MASK;
            if ((header & (CycleFileReader.NOT_COMPLETE | CycleFileReader.META_DATA)) != 0 || length < smallest
                || position + 4 + length > reader.fileLength()) {
                continue;
            }
            final byte[] magic = reader.read(position + 4 + SealedExcerpt.BLOCK_OFFSET, 4);
            if (LittleEndian.getInt(magic, 0) != BlockLayout.MAGIC) {
                continue;
            }
            final byte[] bytes = reader.read(position + 4, length);
            if (check.problem(bytes, length) == null) {
                return position;
            }
        }
        return -1;
    }

    private Result place(final List<Run> runs, final RollPeriod rollPeriod, final int cycle,
        final BlockIndex oldIndex, final CycleSummary.Entry known) throws IOException {
        final NavigableMap<Long, long[]> placed = new TreeMap<>();
        final List<String> unplaced = new ArrayList<>();
        long nextFree = 0;
        for (int r = 0; r < runs.size(); r++) {
            final Run run = runs.get(r);
            if (run.excerpts.isEmpty()) {
                continue;
            }
            long first = run.firstSequence;
            if (first < 0) {
                first = anchorByIndex(run, rollPeriod, cycle, oldIndex);
            }
            if (first < 0 && r == runs.size() - 1 && known != null && known.excerpts() > 0
                && known.endPosition() == run.endPosition) {
                first = QueueStore.sequenceOf(rollPeriod, known.lastIndex()) - (run.excerpts.size() - 1);
            }
            if (first < nextFree) {
                for (final long[] excerpt : run.excerpts) {
                    if (excerpt[2] >= 0) {
                        unplaced.add(describe(excerpt) + (first < 0 ? ": no anchor places it"
                            : ": its anchor overlaps the blocks before it"));
                    }
                }
                continue;
            }
            for (int i = 0; i < run.excerpts.size(); i++) {
                final long[] excerpt = run.excerpts.get(i);
                if (excerpt[2] != DAMAGED) {
                    placed.put(first + i, excerpt);
                }
            }
            nextFree = first + run.excerpts.size();
        }
        return new Result(placed, unplaced, breaks);
    }

    /** The sequence of the run's first excerpt by the first of its blocks the old index knows, or -1. */
    private long anchorByIndex(final Run run, final RollPeriod rollPeriod, final int cycle,
        final BlockIndex oldIndex) throws IOException {
        if (oldIndex == null) {
            return -1;
        }
        for (int i = 0; i < run.excerpts.size(); i++) {
            final long[] excerpt = run.excerpts.get(i);
            if (excerpt[2] < 0) {
                continue;
            }
            final byte[] bytes = reader.read(excerpt[0], SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH);
            final int b = SealedExcerpt.BLOCK_OFFSET;
            final long device = LittleEndian.getLong(bytes, b + BlockLayout.DEVICE_ID_OFFSET);
            final long min = LittleEndian.getLong(bytes, b + BlockLayout.MIN_TIMESTAMP_OFFSET);
            final long max = LittleEndian.getLong(bytes, b + BlockLayout.MAX_TIMESTAMP_OFFSET);
            final int count = LittleEndian.getInt(bytes, b + BlockLayout.COUNT_OFFSET);
            for (int e = 0; e < oldIndex.size(); e++) {
                if (oldIndex.cycle(e) == cycle && oldIndex.deviceId(e) == device && oldIndex.minTimestampNs(e) == min
                    && oldIndex.maxTimestampNs(e) == max && oldIndex.eventCount(e) == count) {
                    return QueueStore.sequenceOf(rollPeriod, oldIndex.queueIndex(e)) - i;
                }
            }
        }
        return -1;
    }

    private String describe(final long[] excerpt) throws IOException {
        final byte[] bytes = reader.read(excerpt[0], SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH);
        final int b = SealedExcerpt.BLOCK_OFFSET;
        return "block at byte " + excerpt[0] + ": device " + DeviceRegistry.hex(LittleEndian.getLong(bytes,
            b + BlockLayout.DEVICE_ID_OFFSET)) + ", " + LittleEndian.getInt(bytes, b + BlockLayout.COUNT_OFFSET)
            + " events, time " + LittleEndian.getLong(bytes, b + BlockLayout.MIN_TIMESTAMP_OFFSET) + ".."
            + LittleEndian.getLong(bytes, b + BlockLayout.MAX_TIMESTAMP_OFFSET) + " ns";
    }

    private static long align(final long position) {
        return (position + 3) & ~3L;
    }
}

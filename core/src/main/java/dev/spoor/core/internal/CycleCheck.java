/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.internal;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import dev.spoor.core.recovery.DamagedCycle;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Checks every cycle file against the cycle summary before Chronicle maps any of them: a file shorter than the
 * last byte position its record knows, or whose framing (read with {@link CycleFileReader}) runs past its end, is
 * cut short; a cycle the summary knows whose file is gone (and which retention did not delete) is missing. A file
 * longer than its record (a writer killed before it updated the record) is read on from the record's end and its
 * record caught up. Cycles without a record (an older journal, a summary lost) are walked whole.
 */
public final class CycleCheck {
    /** What is wrong with a cycle. */
    public enum Kind {
        /** The summary knows the cycle; its file is gone. */
        MISSING,
        /** The file ends inside an excerpt, or before the end its record knows. */
        CUT
    }

    /**
     * A damaged cycle.
     *
     * @param cycle      the roll cycle.
     * @param file       its file (absent when missing).
     * @param kind       what is wrong.
     * @param expected   what the summary knows of it (null when it has no record).
     * @param found      the whole excerpts the file still holds (an empty entry when missing).
     * @param fileLength the file's length, -1 when missing.
     */
    public record Damage(int cycle, Path file, Kind kind, CycleSummary.Entry expected, CycleSummary.Entry found,
        long fileLength) {
        /**
         * @return events the summary knew that the file no longer holds (0 when unknown).
         */
        public long eventsLost() {
            return expected == null ? 0 : Math.max(0, expected.events() - found.events());
        }

        /**
         * @return blocks the summary knew that the file no longer holds (0 when unknown).
         */
        public long blocksLost() {
            return expected == null ? 0 : Math.max(0, expected.blocks() - found.blocks());
        }

        /**
         * @return this damage as the public API reports it.
         */
        public DamagedCycle toPublic() {
            return new DamagedCycle(cycle, file.getFileName().toString(), kind == Kind.MISSING
                ? DamagedCycle.Kind.MISSING : DamagedCycle.Kind.CUT, expected == null ? -1 : expected.blocks(),
                expected == null ? -1 : expected.events(), blocksLost(), eventsLost(), describe());
        }

        /**
         * @return a sentence naming the file, what is wrong and what is lost.
         */
        public String describe() {
            if (kind == Kind.MISSING) {
                return "cycle file " + file.getFileName() + " is missing: the journal expected " + expected.blocks()
                    + " blocks, " + expected.events() + " events there (queue indexes 0x"
                    + Long.toHexString(expected.firstIndex()) + "..0x" + Long.toHexString(expected.lastIndex()) + ")";
            }
            final String last = found.excerpts() == 0 ? "no whole excerpt"
                : "last whole excerpt 0x" + Long.toHexString(found.lastIndex()) + " ending at byte "
                + found.endPosition();
            final String lost = expected == null ? "what it held after that is unknown (no summary record)"
                : blocksLost() + " blocks, " + eventsLost() + " events lost of " + expected.blocks() + " blocks, "
                + expected.events() + " events (the summary knows bytes up to " + expected.endPosition() + ")";
            return "cycle file " + file.getFileName() + " is cut short at " + fileLength + " bytes: " + last + "; "
                + lost;
        }
    }

    /**
     * The outcome.
     *
     * @param entries what each cycle file holds now (for a damaged file: its whole excerpts), by cycle.
     * @param stored  the summary as read (empty when there was none).
     * @param damage  damaged cycles, in cycle order.
     * @param summaryProblem why the summary could not be read, or null.
     * @param damagedEnd     the newest cycle file's end when its excerpt headers do not chain back from it
     *                       ({@link CycleTail}), or null.
     */
    public record Result(NavigableMap<Integer, CycleSummary.Entry> entries,
        NavigableMap<Integer, CycleSummary.Entry> stored, List<Damage> damage, String summaryProblem,
        DamagedEnd damagedEnd) {
        /**
         * @return true when nothing is damaged.
         */
        public boolean isClean() {
            return damage.isEmpty();
        }

        /**
         * @param cycle a roll cycle.
         * @return its damage, or null.
         */
        public Damage damageOf(final int cycle) {
            for (final Damage d : damage) {
                if (d.cycle() == cycle) {
                    return d;
                }
            }
            return null;
        }
    }

    /**
     * A newest cycle file whose excerpt headers do not chain back from the end of its data: Chronicle's search for
     * the end of the queue would read past the end of the file, and its appender write where a damaged length
     * points. Readers then find the end by walking forwards; writers are refused until repair.
     *
     * @param cycle  the roll cycle.
     * @param file   its file.
     * @param detail which header is damaged, from {@link CycleTail}.
     */
    public record DamagedEnd(int cycle, Path file, String detail) {
    }

    private CycleCheck() {
    }

    /**
     * @param dir        the journal directory.
     * @param rollPeriod its roll period.
     * @param firstKept  the first cycle retention keeps (Integer.MIN_VALUE when it never ran): earlier cycles
     *                   were deleted on purpose.
     * @return what each cycle holds and what is damaged.
     */
    public static Result run(final Path dir, final RollPeriod rollPeriod, final int firstKept) {
        return run(dir, rollPeriod, () -> firstKept);
    }

    /**
     * As {@link #run(Path, RollPeriod, int)} while another process may run retention: a cycle file listed and gone
     * when opened is read again against the retention mark, and is not damage when retention now deletes it (the
     * mark is written before the files are deleted). A reader that opened while a writer's retention ran failed
     * on that file before.
     *
     * @param dir        the journal directory.
     * @param rollPeriod its roll period.
     * @param firstKeptMark reads the first cycle retention keeps (Integer.MIN_VALUE when it never ran).
     * @return what each cycle holds and what is damaged.
     */
    public static Result run(final Path dir, final RollPeriod rollPeriod, final IntSupplier firstKeptMark) {
        final int firstKept = firstKeptMark.getAsInt();
        TreeMap<Integer, CycleSummary.Entry> stored;
        String summaryProblem = null;
        try {
            stored = CycleSummary.read(dir);
        } catch (final JournalException e) {
            stored = null;
            summaryProblem = e.getMessage();
        }
        if (stored == null) {
            stored = new TreeMap<>();
        }
        final NavigableMap<Integer, Path> files = QueueStore.cycleFiles(dir.resolve("queue"), rollPeriod);
        final TreeSet<Integer> cycles = new TreeSet<>(files.keySet());
        cycles.addAll(stored.tailMap(firstKept, true).keySet());
        final TreeMap<Integer, CycleSummary.Entry> entries = new TreeMap<>();
        final List<Damage> damage = new ArrayList<>();
        for (final int cycle : cycles) {
            final CycleSummary.Entry known = stored.get(cycle);
            final Path file = files.get(cycle);
            if (file == null) {
                if (known != null && known.excerpts() > 0) {
                    damage.add(new Damage(cycle, dir.resolve("queue").resolve(cycleName(dir, rollPeriod, cycle)),
                        Kind.MISSING, known, CycleSummary.Entry.empty(cycle), -1));
                }
                continue;
            }
            final Damage found;
            try {
                found = check(rollPeriod, cycle, file, known, entries);
            } catch (final CycleFileGone gone) {
                if (cycle < firstKeptMark.getAsInt()) {
                    continue; // deleted by a retention run since the listing
                }
                throw new JournalException("cannot read cycle file " + file + ": it was deleted while the journal"
                    + " was being opened, and no retention run deleted it", gone.getCause());
            }
            if (found != null) {
                damage.add(found);
            }
        }
        return new Result(entries, stored, Collections.unmodifiableList(damage), summaryProblem,
            files.isEmpty() ? null : damagedEnd(files.lastEntry(), entries, damage));
    }

    private static DamagedEnd damagedEnd(final Map.Entry<Integer, Path> newest,
        final NavigableMap<Integer, CycleSummary.Entry> entries, final List<Damage> damage) {
        final CycleSummary.Entry entry = entries.get(newest.getKey());
        if (entry == null || entry.excerpts() == 0 || damage.stream().anyMatch(d -> d.cycle() == newest.getKey())) {
            return null;
        }
        try {
            final String detail = CycleTail.damageBefore(newest.getValue(), entry.endPosition());
            return detail == null ? null : new DamagedEnd(newest.getKey(), newest.getValue(), detail);
        } catch (final NoSuchFileException gone) {
            return null; // deleted by retention since the listing
        } catch (final IOException e) {
            throw new JournalException("cannot read cycle file " + newest.getValue() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Walks a cycle file's framing from the start.
     *
     * @param rollPeriod the roll period.
     * @param cycle      the file's cycle.
     * @param file       the file.
     * @param reader     a reader of it, at its start.
     * @param visitor    called with each whole data excerpt (reader positioned on it), or null.
     * @return what it holds.
     * @throws IOException on a read error.
     */
    public static CycleSummary.Entry walk(final RollPeriod rollPeriod, final int cycle, final Path file,
        final CycleFileReader reader, final Runnable visitor) throws IOException {
        CycleSummary.Entry entry = CycleSummary.Entry.empty(cycle);
        while (reader.next(visitor != null)) {
            entry = entry.plus(QueueStore.indexOf(rollPeriod, cycle, reader.sequence()), eventCount(reader),
                reader.dataEnd());
            if (visitor != null) {
                visitor.run();
            }
        }
        return entry;
    }

    /**
     * @param reader a reader on a data excerpt.
     * @return its block's event count (0 when the header is unreadable), or -1 when it holds no block (a
     *         compaction tombstone, an empty excerpt).
     */
    public static int eventCount(final CycleFileReader reader) {
        return eventCount(reader.bytes(), reader.length());
    }

    /**
     * @param excerpt an excerpt's bytes (at least its first 64, or all when shorter).
     * @param length  its length.
     * @return its block's event count (0 when the header is unreadable), or -1 when it holds no block.
     */
    public static int eventCount(final byte[] excerpt, final int length) {
        if (length <= SealedExcerpt.BLOCK_OFFSET) {
            return -1;
        }
        if (length < SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH
            || LittleEndian.getInt(excerpt, SealedExcerpt.BLOCK_OFFSET) != BlockLayout.MAGIC) {
            return 0;
        }
        final int count = LittleEndian.getInt(excerpt, SealedExcerpt.BLOCK_OFFSET + BlockLayout.COUNT_OFFSET);
        return count < 0 || count > BlockLayout.MAX_EVENTS ? 0 : count;
    }

    private static Damage check(final RollPeriod rollPeriod, final int cycle, final Path file,
        final CycleSummary.Entry known, final TreeMap<Integer, CycleSummary.Entry> entries) {
        try (CycleFileReader reader = CycleFileReader.open(file)) {
            if (known != null && known.excerpts() > 0 && reader.fileLength() >= known.endPosition() + 4) {
                // The usual case: read on from the record's end only (nothing, or what a killed writer appended).
                reader.from(known.endPosition(), known.lastIndex() - known.firstIndex());
                CycleSummary.Entry entry = known;
                while (reader.next(false)) {
                    entry = entry.plus(QueueStore.indexOf(rollPeriod, cycle, reader.sequence()), eventCount(reader),
                        reader.dataEnd());
                }
                if (reader.end() != CycleFileReader.End.CUT) {
                    entries.put(cycle, entry);
                    return null;
                }
            }
            try (CycleFileReader whole = CycleFileReader.open(file)) {
                final CycleSummary.Entry entry = walk(rollPeriod, cycle, file, whole, null);
                entries.put(cycle, entry);
                final boolean isShort = known != null && whole.fileLength() < known.endPosition() + 4;
                if (entry.excerpts() == 0 && (known == null || known.excerpts() == 0)) {
                    // Nothing known and nothing there: a writer killed while Chronicle made the file (unsized or
                    // zeroed) or during its first append. Recovery seals what was staged; no event was in it.
                    return null;
                }
                if (whole.end() == CycleFileReader.End.CUT || isShort) {
                    return new Damage(cycle, file, Kind.CUT, known, entry, whole.fileLength());
                }
                return null;
            }
        } catch (final NoSuchFileException e) {
            throw new CycleFileGone(e);
        } catch (final IOException e) {
            throw new JournalException("cannot read cycle file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A listed cycle file was not there when opened. */
    private static final class CycleFileGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CycleFileGone(final NoSuchFileException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static String cycleName(final Path dir, final RollPeriod rollPeriod, final int cycle) {
        final java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter
            .ofPattern(rollPeriod == RollPeriod.DAILY ? "yyyyMMdd'F'" : "yyyyMMdd-HH'F'")
            .withZone(java.time.ZoneOffset.UTC);
        return format.format(java.time.Instant.ofEpochMilli(cycle * rollPeriod.lengthMs())) + ".cq4";
    }
}

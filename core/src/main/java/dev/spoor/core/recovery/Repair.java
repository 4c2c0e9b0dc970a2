/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.JournalException;
import dev.spoor.core.RollPeriod;
import dev.spoor.core.governance.AuditEntry;
import dev.spoor.core.governance.AuditLog;
import dev.spoor.core.governance.RetentionFile;
import dev.spoor.core.index.BlockIndex;
import dev.spoor.core.index.IndexFile;
import dev.spoor.core.internal.BlockCipher;
import dev.spoor.core.internal.CycleCheck;
import dev.spoor.core.internal.CycleFileReader;
import dev.spoor.core.internal.CycleRewriter;
import dev.spoor.core.internal.CycleSummary;
import dev.spoor.core.internal.KeyStore;
import dev.spoor.core.internal.LittleEndian;
import dev.spoor.core.internal.QueueStore;
import dev.spoor.core.internal.SealedExcerpt;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Brings a journal with damaged cycle files back to a consistent state, at the file level, before Chronicle maps
 * any file; run by {@code Journal.repair} under the writer lock, which then opens the journal (recovery, index
 * rebuilt from the queue) and closes it. Every cycle file is read through {@link CycleFileReader} and every block
 * checked (header, checksum, decode; an encrypted block authenticated). A cycle that is cut short, or holds an
 * excerpt with no block or a damaged block, is rewritten from its whole excerpts ({@link CycleRewriter}), the bad
 * ones left as tombstones so later queue indexes stay; a missing cycle is accepted as lost. Where a damaged excerpt
 * header breaks a cycle's framing, the blocks past it are salvaged and kept at their queue indexes
 * ({@link CycleSalvage}). What is dropped (cycle,
 * blocks, events, device and time range where the block header or the old index file knows them) goes to the
 * audit log.
 * <p>Order, each step durable before the next, so a kill anywhere leaves a journal that reads (or that a new
 * repair finishes): new files in {@code DIR/repair-*} (fsynced); an audit record of the plan; the cycle summary
 * without the records of the cycles to replace or accept as lost (so nothing compares the new files with old
 * end positions); the index file deleted; renames over the old files (a cycle left with no whole excerpt has its
 * file deleted); the queue directory fsynced; {@code repair-*} removed. Opening the journal afterwards writes the
 * replaced cycles' records back from a walk of their new files.
 */
public final class Repair {
    private static final String TEMP_PREFIX = "repair-";

    private final Path dir;
    private final RollPeriod rollPeriod;
    private final BlockIndex oldIndex;
    private final SoundBlockCheck blockCheck;
    /** By cycle, what a salvage placed, for {@link #apply}. */
    private final Map<Integer, Salvaged> salvages = new TreeMap<>();

    /** The excerpts a salvage placed in a cycle, by sequence, and the last sequence the new file is to have. */
    private record Salvaged(NavigableMap<Long, long[]> placed, long lastSequence) {
    }

    private Repair(final Path dir, final RollPeriod rollPeriod) {
        this.dir = dir;
        this.rollPeriod = rollPeriod;
        this.oldIndex = IndexFile.read(dir, 64);
        this.blockCheck = new SoundBlockCheck(new BlockCipher(new KeyStore(dir)));
    }

    /**
     * Plans the repair and, unless a dry run, carries out the file-level part of it. The caller holds the writer
     * lock and has no queue open.
     *
     * @param dir        the journal directory.
     * @param rollPeriod its roll period.
     * @param isDryRun   true to plan only: no file is changed.
     * @return the plan, as carried out.
     */
    public static RepairReport run(final Path dir, final RollPeriod rollPeriod, final boolean isDryRun) {
        try {
            final Repair repair = new Repair(dir, rollPeriod);
            if (!isDryRun) {
                deleteLeftovers(dir); // of a killed run, which may have got as far as its renames
            }
            final RepairReport report = repair.plan();
            if (!isDryRun && !report.isClean()) {
                repair.apply(report);
            }
            return report;
        } catch (final IOException e) {
            throw new JournalException("repair of " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private RepairReport plan() throws IOException {
        final CycleCheck.Result check = CycleCheck.run(dir, rollPeriod, RetentionFile.firstKept(dir));
        final RepairReport report = new RepairReport(check.summaryProblem());
        final NavigableMap<Integer, Path> files = QueueStore.cycleFiles(dir.resolve("queue"), rollPeriod);
        for (final CycleCheck.Damage damage : check.damage()) {
            if (damage.kind() == CycleCheck.Kind.MISSING) {
                report.add(new RepairReport.Action(damage.cycle(), damage.file().getFileName().toString(),
                    RepairReport.Verb.ACCEPT_LOST, damage.describe(), 0, damage.expected().blocks(),
                    damage.expected().events(), lostBlocks(damage.cycle(), -1)));
            }
        }
        for (final Map.Entry<Integer, Path> file : files.entrySet()) {
            final RepairReport.Action action = planCycle(file.getKey(), file.getValue(),
                check.damageOf(file.getKey()), check.stored().get(file.getKey()));
            if (action != null) {
                report.add(action);
            }
        }
        return report;
    }

    /** Reads every excerpt of a cycle file; returns what to do with it, or null when it is sound. */
    private RepairReport.Action planCycle(final int cycle, final Path file, final CycleCheck.Damage damage,
        final CycleSummary.Entry known) throws IOException {
        final List<String> dropped = new ArrayList<>();
        final long[] counts = new long[3]; // kept blocks, dropped blocks, dropped events
        CycleSummary.Entry walked = CycleSummary.Entry.empty(cycle);
        long keptEvents = 0;
        long lastSound = -1; // queue index of the last sound excerpt before the first damaged one
        boolean isFramingOff = false; // a sound block whose header frames more bytes than it: rewrite the file
        try (CycleFileReader reader = CycleFileReader.open(file)) {
            while (reader.next(true)) {
                final long queueIndex = QueueStore.indexOf(rollPeriod, cycle, reader.sequence());
                final int eventCount = CycleCheck.eventCount(reader);
                walked = walked.plus(queueIndex, eventCount, reader.dataEnd());
                final String problem = problem(reader.bytes(), reader.length());
                if (problem == null) {
                    counts[0] += reader.length() > SealedExcerpt.BLOCK_OFFSET ? 1 : 0;
                    isFramingOff |= reader.length() > SealedExcerpt.BLOCK_OFFSET
                        && SealedExcerpt.wholeLength(reader.bytes(), reader.length()) != reader.length();
                    keptEvents += Math.max(0, eventCount);
                    if (dropped.isEmpty()) {
                        lastSound = queueIndex;
                    }
                    continue;
                }
                counts[1]++;
                counts[2] += Math.max(0, eventCount);
                dropped.add("0x" + Long.toHexString(queueIndex) + " " + problem + describeBlock(queueIndex,
                    reader.bytes(), reader.length()));
            }
        }
        final boolean isWalkShort = known != null && known.excerpts() > 0
            && (walked.excerpts() == 0 || walked.lastIndex() < known.lastIndex());
        if (damage == null && dropped.isEmpty() && !isWalkShort && !isFramingOff) {
            return null;
        }
        long lostBlocks = counts[1];
        long lostEvents = counts[2];
        String reason = dropped.size() + " damaged excerpt(s)";
        // A damaged excerpt header (its length) sends the walk off the framing: it ends early, or reads on through
        // bytes that are no excerpts, and the excerpts after it cannot be reached. The summary knows what the file
        // held, so what is lost is what it knew less what the walk kept.
        final long unreachableBlocks = damage != null || known == null ? 0 : known.blocks() - counts[0] - counts[1];
        if (unreachableBlocks > 0) {
            final long unreachableEvents = Math.max(0, known.events() - keptEvents - counts[2]);
            lostBlocks += unreachableBlocks;
            lostEvents += unreachableEvents;
            for (final String lost : lostBlocks(cycle, lastSound)) {
                final String index = lost.substring(0, lost.indexOf(' ') + 1);
                if (dropped.stream().noneMatch(d -> d.startsWith(index))) { // not listed as damaged already
                    dropped.add(lost);
                }
            }
            reason = "its framing breaks after " + (lastSound < 0 ? "no sound excerpt" : "queue index 0x"
                + Long.toHexString(lastSound)) + ": the cycle summary knows " + unreachableBlocks + " more blocks, "
                + unreachableEvents + " events, up to queue index 0x" + Long.toHexString(known.lastIndex())
                + ", that cannot be reached; " + reason;
        }
        if (damage == null && (unreachableBlocks > 0 || !dropped.isEmpty() || isFramingOff)) {
            // Only the blocks the walk kept count against the salvage: an excerpt it dropped may be no block at all
            // but bytes its walk read as one after a lengthened header (then the sums match the summary's and no
            // block looks unreachable), and the salvage, which checks every block it keeps, can only do better.
            final RepairReport.Action salvaged = salvage(cycle, file, known, counts[0], isFramingOff);
            if (salvaged != null) {
                return salvaged;
            }
        }
        if (damage != null) {
            final long after = damage.found().excerpts() == 0 ? -1 : damage.found().lastIndex();
            // Without a summary record the damage knows no count: the old index file's blocks past the cut are it.
            final long[] indexed = indexedAfter(cycle, after);
            lostBlocks += Math.max(damage.blocksLost(), indexed[0]);
            lostEvents += Math.max(damage.eventsLost(), indexed[1]);
            dropped.addAll(lostBlocks(cycle, after));
            reason = damage.describe() + (dropped.isEmpty() ? "" : "; " + reason);
        }
        return new RepairReport.Action(cycle, file.getFileName().toString(), RepairReport.Verb.REWRITE, reason,
            counts[0], lostBlocks, lostEvents, dropped);
    }

    /**
     * Past a break in a cycle's framing, the sound blocks a scan finds ({@link CycleSalvage}), when it keeps more
     * of them than the walk did; null otherwise.
     *
     * @param keptByWalk  the sound blocks the plain walk keeps.
     * @param mustRewrite true when a header frames more bytes than its sound block: the salvage rewrites the file
     *                    when it keeps as many blocks as the walk.
     */
    private RepairReport.Action salvage(final int cycle, final Path file, final CycleSummary.Entry known,
        final long keptByWalk, final boolean mustRewrite) throws IOException {
        final CycleSalvage.Result found = CycleSalvage.run(file, rollPeriod, cycle, this::problem, oldIndex, known);
        if (found.keptBlocks() < keptByWalk || found.keptBlocks() == keptByWalk && !mustRewrite) {
            return null;
        }
        final List<String> dropped = new ArrayList<>();
        for (final String lost : lostBlocks(cycle, -1)) {
            final long index = Long.parseUnsignedLong(lost.substring(2, lost.indexOf(' ')), 16);
            if (!found.placed().containsKey(QueueStore.sequenceOf(rollPeriod, index))) {
                dropped.add(lost);
            }
        }
        if (oldIndex == null && known != null && known.excerpts() > 0) {
            // No index file to name what was lost: the numbers no kept excerpt has.
            for (long sequence = 0; sequence <= QueueStore.sequenceOf(rollPeriod, known.lastIndex()); sequence++) {
                if (!found.placed().containsKey(sequence)) {
                    dropped.add("0x" + Long.toHexString(QueueStore.indexOf(rollPeriod, cycle, sequence)) + " lost:"
                        + " device and time unknown (no index file)");
                }
            }
        }
        dropped.addAll(found.unplaced());
        final long lostBlocks = known == null ? dropped.size() : Math.max(0, known.blocks() - found.keptBlocks());
        final long lostEvents = known == null ? 0 : Math.max(0, known.events() - found.keptEvents());
        final long lastKnown = known == null || known.excerpts() == 0 ? -1
            : QueueStore.sequenceOf(rollPeriod, known.lastIndex());
        salvages.put(cycle, new Salvaged(found.placed(), Math.max(found.placed().lastKey(), lastKnown)));
        return new RepairReport.Action(cycle, file.getFileName().toString(), RepairReport.Verb.REWRITE,
            "a damaged excerpt header sends a plain walk off the excerpts; a scan past the damage ("
            + String.join("; ", found.breaks()) + ") keeps " + found.keptBlocks() + " blocks, "
            + found.keptEvents() + " events, at their queue indexes" + (known == null ? "" : " (the cycle summary"
            + " knows " + known.blocks() + " blocks, " + known.events() + " events)"),
            found.keptBlocks(), lostBlocks, lostEvents, dropped);
    }

    /** @return why the excerpt is not a sound block (null when it is, or is a compaction tombstone). */
    private String problem(final byte[] excerpt, final int length) {
        return blockCheck.problem(excerpt, length);
    }

    private String describeBlock(final long queueIndex, final byte[] excerpt, final int length) {
        final int at = position(queueIndex);
        if (at >= 0) {
            return ": device " + DeviceRegistry.hex(oldIndex.deviceId(at)) + ", " + oldIndex.eventCount(at)
                + " events, time " + oldIndex.minTimestampNs(at) + ".." + oldIndex.maxTimestampNs(at) + " ns";
        }
        if (length >= SealedExcerpt.BLOCK_OFFSET + BlockLayout.HEADER_LENGTH
            && LittleEndian.getInt(excerpt, SealedExcerpt.BLOCK_OFFSET) == BlockLayout.MAGIC) {
            final int b = SealedExcerpt.BLOCK_OFFSET;
            return ": device " + DeviceRegistry.hex(LittleEndian.getLong(excerpt, b + BlockLayout.DEVICE_ID_OFFSET))
                + ", time " + LittleEndian.getLong(excerpt, b + BlockLayout.MIN_TIMESTAMP_OFFSET) + ".."
                + LittleEndian.getLong(excerpt, b + BlockLayout.MAX_TIMESTAMP_OFFSET) + " ns (header not verified)";
        }
        return ": device and time unknown";
    }

    /** The blocks the old index file knows in the cycle after {@code afterIndex}: what a cut or loss took. */
    private List<String> lostBlocks(final int cycle, final long afterIndex) {
        final List<String> lost = new ArrayList<>();
        if (oldIndex == null) {
            return lost;
        }
        for (int i = 0; i < oldIndex.size(); i++) {
            if (oldIndex.cycle(i) == cycle && oldIndex.queueIndex(i) > afterIndex) {
                lost.add("0x" + Long.toHexString(oldIndex.queueIndex(i)) + " lost: device "
                    + DeviceRegistry.hex(oldIndex.deviceId(i)) + ", " + oldIndex.eventCount(i) + " events, time "
                    + oldIndex.minTimestampNs(i) + ".." + oldIndex.maxTimestampNs(i) + " ns");
            }
        }
        return lost;
    }

    /** Blocks and events the old index file knows in a cycle after a queue index; zeros without the file. */
    private long[] indexedAfter(final int cycle, final long afterIndex) {
        final long[] counts = new long[2];
        for (int i = 0; oldIndex != null && i < oldIndex.size(); i++) {
            if (oldIndex.cycle(i) == cycle && oldIndex.queueIndex(i) > afterIndex) {
                counts[0]++;
                counts[1] += oldIndex.eventCount(i);
            }
        }
        return counts;
    }

    private int position(final long queueIndex) {
        if (oldIndex == null) {
            return -1;
        }
        for (int i = 0; i < oldIndex.size(); i++) {
            if (oldIndex.queueIndex(i) == queueIndex) {
                return i;
            }
        }
        return -1;
    }

    private void apply(final RepairReport report) throws IOException {
        deleteLeftovers(dir);
        final NavigableMap<Integer, Path> files = QueueStore.cycleFiles(dir.resolve("queue"), rollPeriod);
        final int lastCycle = files.isEmpty() ? Integer.MIN_VALUE : files.lastKey();
        final Path temporary = Files.createTempDirectory(dir, TEMP_PREFIX);
        final Map<Integer, Path> replacements = new TreeMap<>();
        for (final RepairReport.Action action : report.actions()) {
            if (action.verb() == RepairReport.Verb.REWRITE) {
                final Path target = Files.createTempDirectory(temporary, "cycle-");
                final Salvaged salvaged = salvages.get(action.cycle());
                final Path rewritten = salvaged != null
                    ? CycleRewriter.rewritePlaced(files.get(action.cycle()), rollPeriod, action.cycle(), target,
                        salvaged.placed(), salvaged.lastSequence(), action.cycle() != lastCycle)
                    : CycleRewriter.rewrite(files.get(action.cycle()), rollPeriod, action.cycle(), target,
                        (index, bytes, length) -> problem(bytes, length) == null, action.cycle() != lastCycle, true);
                replacements.put(action.cycle(), rewritten);
            }
        }
        for (final RepairReport.Action action : report.actions()) {
            AuditLog.append(dir, new AuditEntry(System.currentTimeMillis(), System.getProperty("spoor.tool",
                "java api"), "repair", action.describe()));
        }
        final TreeMap<Integer, CycleSummary.Entry> summary = readSummary();
        for (final RepairReport.Action action : report.actions()) {
            summary.remove(action.cycle());
        }
        CycleSummary.writeAll(dir, summary.values());
        Files.deleteIfExists(dir.resolve(IndexFile.FILE_NAME));
        fsync(dir);
        for (final Map.Entry<Integer, Path> move : replacements.entrySet()) {
            final Path old = files.get(move.getKey());
            if (move.getValue() == null) {
                Files.deleteIfExists(old);
            } else {
                Files.move(move.getValue(), old, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        fsync(dir.resolve("queue"));
        deleteLeftovers(dir);
    }

    private TreeMap<Integer, CycleSummary.Entry> readSummary() {
        try {
            final TreeMap<Integer, CycleSummary.Entry> stored = CycleSummary.read(dir);
            return stored == null ? new TreeMap<>() : stored;
        } catch (final JournalException damaged) {
            return new TreeMap<>(); // rewritten from the walk of every file when the journal opens
        }
    }

    private static void deleteLeftovers(final Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            for (final Path temporary : entries.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX))
                .toList()) {
                try (Stream<Path> files = Files.walk(temporary)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void fsync(final Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.core.Journal;
import dev.spoor.core.index.IndexFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Journal#verify()} found: counts, and every problem with its cycle, queue index and reason (or, for a
 * damaged file beside the queue such as the ingest ledger, the file and reason).
 */
public final class VerifyReport {
    /** One problem. */
    public static final class Problem {
        private final int cycle;
        private final long queueIndex;
        private final String file;
        private final String reason;

        Problem(final int cycle, final long queueIndex, final String file, final String reason) {
            this.cycle = cycle;
            this.queueIndex = queueIndex;
            this.file = file;
            this.reason = reason;
        }

        /**
         * @return the journal file the problem is in, relative to the journal directory: for a damaged block its
         *         cycle file ({@code queue/20261201-14F.cq4}), for an index entry {@code index/blocks.idx}; null for
         *         a block whose cycle file is not known.
         */
        public String file() {
            return file;
        }

        /**
         * @return the roll cycle; -1 for a problem in another {@link #file()}.
         */
        public int cycle() {
            return cycle;
        }

        /**
         * @return the excerpt's queue index; -1 for a problem in another {@link #file()}.
         */
        public long queueIndex() {
            return queueIndex;
        }

        /**
         * @return what is wrong.
         */
        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            if (queueIndex < 0) {
                return "[file=" + file + "] " + reason;
            }
            return "[" + (file == null ? "" : "file=" + file + ", ") + "cycle=" + cycle + ", index=0x"
                + Long.toHexString(queueIndex) + "] " + reason;
        }
    }

    private static final String INDEX_FILE = IndexFile.FILE_NAME;

    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<Integer, String> cycleFiles = new HashMap<>();
    private long blocks;
    private long damagedBlocks;
    private long events;
    private long erasedBlocks;
    private long blockBytes;

    /** A block that cannot be read: named by its cycle file, and counted as damaged. */
    void addDamagedBlock(final int cycle, final long queueIndex, final String reason) {
        damagedBlocks++;
        problems.add(new Problem(cycle, queueIndex, cycleFiles.get(cycle), reason));
    }

    /** An index entry that is missing, extra or disagrees with its block. */
    void addIndexProblem(final int cycle, final long queueIndex, final String reason) {
        problems.add(new Problem(cycle, queueIndex, INDEX_FILE, reason));
    }

    /** Names of the cycle files, relative to the journal directory, by cycle: what a block problem names. */
    void cycleFiles(final Map<Integer, String> names) {
        cycleFiles.putAll(names);
    }

    void addCycleProblem(final int cycle, final String file, final String reason) {
        problems.add(new Problem(cycle, -1, file, reason));
    }

    void addFileProblem(final String file, final String reason) {
        problems.add(new Problem(-1, -1, file, reason));
    }

    void addBlock(final int eventCount, final int length) {
        blocks++;
        events += eventCount;
        blockBytes += length;
    }

    /**
     * @return erased blocks: entirely inside an erased range, or their device's keys are gone; counted, not
     *         decoded.
     */
    public long erasedBlocks() {
        return erasedBlocks;
    }

    void addErased() {
        erasedBlocks++;
    }

    void addNote(final String note) {
        notes.add(note);
    }

    /**
     * @return what is worth knowing but no damage (the journal reads as it should): leftovers of a compaction that
     *         did not finish, for example.
     */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /**
     * @return true when nothing is wrong.
     */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /**
     * @return the problems found.
     */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /**
     * @return blocks that passed every check.
     */
    public long blocks() {
        return blocks;
    }

    /**
     * @return blocks that could not be read (their checksum, header or excerpt is damaged): each is a problem.
     */
    public long damagedBlocks() {
        return damagedBlocks;
    }

    /**
     * @return events in those blocks.
     */
    public long events() {
        return events;
    }

    /**
     * @return bytes of those blocks.
     */
    public long blockBytes() {
        return blockBytes;
    }

    @Override
    public String toString() {
        return "VerifyReport[blocks=" + blocks + ", events=" + events + ", bytes=" + blockBytes + ", problems="
            + problems + "]";
    }
}

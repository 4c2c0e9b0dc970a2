/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.core.Journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
         * @return the journal file (name in the journal directory) the problem is in, when it is not a block of
         *         the queue; null for a block.
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
            if (file != null) {
                return "[file=" + file + "] " + reason;
            }
            return "[cycle=" + cycle + ", index=0x" + Long.toHexString(queueIndex) + "] " + reason;
        }
    }

    private final List<Problem> problems = new ArrayList<>();
    private long blocks;
    private long events;
    private long erasedBlocks;
    private long blockBytes;

    void addProblem(final int cycle, final long queueIndex, final String reason) {
        problems.add(new Problem(cycle, queueIndex, null, reason));
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

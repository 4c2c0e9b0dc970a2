/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import dev.spoor.core.DeviceRegistry;
import dev.spoor.core.ledger.LedgerSalvage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a repair does (or, for a dry run, would do), cycle by cycle. */
public final class RepairReport {
    /** What is done with a cycle. */
    public enum Verb {
        /** The file is rewritten from its whole excerpts, damaged ones left as tombstones. */
        REWRITE,
        /** The file is gone: its blocks are accepted as lost. */
        ACCEPT_LOST
    }

    /**
     * One cycle's part of the repair.
     *
     * @param cycle         the roll cycle.
     * @param file          its file name in {@code queue/}.
     * @param verb          what is done.
     * @param reason        what is wrong.
     * @param blocksKept    intact blocks kept.
     * @param blocksDropped blocks dropped or lost.
     * @param eventsDropped their events, as far as known.
     * @param dropped       per dropped block: queue index, why, device and time range where known.
     */
    public record Action(int cycle, String file, Verb verb, String reason, long blocksKept, long blocksDropped,
        long eventsDropped, List<String> dropped) {
        /**
         * @return one line for the audit log: every dropped block listed.
         */
        public String describe() {
            return describe(Integer.MAX_VALUE);
        }

        /**
         * @param maxListed dropped blocks listed at most; the rest are counted ("and N more").
         * @return one line, for a terminal when {@code maxListed} is small.
         */
        public String describe(final int maxListed) {
            final String what = verb == Verb.REWRITE ? "rewrite queue/" + file + " keeping " + blocksKept
                + " intact blocks" : "accept queue/" + file + " as lost";
            final String listed = dropped.size() <= maxListed ? String.join("; ", dropped)
                : String.join("; ", dropped.subList(0, maxListed)) + "; and " + (dropped.size() - maxListed)
                    + " more (every one in the audit log once repaired)";
            return "cycle " + cycle + ": " + what + ", dropping " + blocksDropped + " blocks, " + eventsDropped
                + " events (" + reason + ")" + (dropped.isEmpty() ? "" : "; dropped: " + listed);
        }
    }

    private final List<Action> actions = new ArrayList<>();
    private final String summaryProblem;
    private RecoveryReport recovery;
    private DeviceRegistry.Salvage dictionary;
    private LedgerSalvage ledger;

    RepairReport(final String summaryProblem) {
        this.summaryProblem = summaryProblem;
    }

    void add(final Action action) {
        actions.add(action);
    }

    /**
     * @return the cycles repaired, in the order done.
     */
    public List<Action> actions() {
        return Collections.unmodifiableList(actions);
    }

    /**
     * @return why the cycle summary could not be read (it is rebuilt), or null.
     */
    public String summaryProblem() {
        return summaryProblem;
    }

    /**
     * @return true when no cycle needs repair.
     */
    public boolean isClean() {
        return actions.isEmpty() && (recovery == null || recovery.eventsDropped() == 0)
            && (dictionary == null || dictionary.bytesDropped() == 0) && (ledger == null || ledger.isSound());
    }

    /**
     * Set by {@link dev.spoor.core.Journal#repair}: what salvaging a damaged {@code devices.dict} kept and dropped.
     *
     * @param salvage the salvage's result.
     */
    public void dictionary(final DeviceRegistry.Salvage salvage) {
        this.dictionary = salvage;
    }

    /**
     * @return what salvaging {@code devices.dict} kept and dropped (bytes dropped 0: it was sound).
     */
    public DeviceRegistry.Salvage dictionary() {
        return dictionary;
    }

    /**
     * Set by {@link dev.spoor.core.Journal#repair}: what salvaging the ingest ledger kept, dropped and assumed.
     *
     * @param salvage the salvage's result.
     */
    public void ledger(final LedgerSalvage salvage) {
        this.ledger = salvage;
    }

    /**
     * @return what salvaging {@code ingest-ledger.spoor} kept, dropped and assumed ({@link LedgerSalvage#isSound()}:
     *         it needed nothing); null before repair set it.
     */
    public LedgerSalvage ledger() {
        return ledger;
    }

    /**
     * Set by {@link dev.spoor.core.Journal#repair}: what sealing the staging files of writers that did not close
     * did, damaged slots dropped included.
     *
     * @param report the recovery's report.
     */
    public void recovery(final RecoveryReport report) {
        this.recovery = report;
    }

    /**
     * @return what sealing the staging files did; null on a dry run.
     */
    public RecoveryReport recovery() {
        return recovery;
    }

    /**
     * @return blocks dropped or lost in all.
     */
    public long blocksDropped() {
        return actions.stream().mapToLong(Action::blocksDropped).sum();
    }

    /**
     * @return events dropped or lost in all, as far as known.
     */
    public long eventsDropped() {
        return actions.stream().mapToLong(Action::eventsDropped).sum();
    }
}

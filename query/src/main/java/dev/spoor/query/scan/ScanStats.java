/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventType;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.recovery.DamagedCycle;
import dev.spoor.core.governance.Erasure;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a scan did: how many index entries it considered, blocks it planned and read, events it decoded and
 * returned (by type), and the damaged blocks it skipped. Lets tests and users see that the index did its
 * job (a one-device scan reads only that device's blocks) and gives exports their lineage.
 */
public final class ScanStats {
    private long entriesConsidered;
    private long blocksPlanned;
    private long blocksRead;
    private long eventsDecoded;
    private long erasedBlocks;
    private long blocksReadPastDamage;
    private final LongHashSet erasedDevices = new LongHashSet();
    private final IntHashSet policyVersions = new IntHashSet();
    private final long[] eventsReturnedByType = new long[EventType.COUNT];
    private final List<DamagedBlock> damaged = new ArrayList<>();
    private List<DamagedCycle> damagedCycles = List.of();
    private final LongArrayList queueIndexesRead = new LongArrayList();
    private final IntHashSet cyclesRead = new IntHashSet();
    private final List<Erasure> erasuresApplied = new ArrayList<>();

    void planned(final long considered, final long blocks) {
        entriesConsidered += considered;
        blocksPlanned += blocks;
    }

    void blockRead(final int cycle, final long queueIndex, final int events) {
        blocksRead++;
        eventsDecoded += events;
        queueIndexesRead.addLong(queueIndex);
        cyclesRead.add(cycle);
    }

    void blockReadPastDamage() {
        blocksReadPastDamage++;
    }

    void erasedBlock(final long device) {
        erasedBlocks++;
        erasedDevices.add(device);
    }

    /**
     * Counts the blocks the plan left out as erased, and notes the erasure records that removed rows: those of
     * devices whose blocks the plan dropped or will filter, meeting the scan's range.
     */
    void erasures(final BlockPlan plan, final long fromNs, final long toNs) {
        final LongHashSet touched = new LongHashSet();
        for (int i = 0; i < plan.erasedBlocks(); i++) {
            erasedBlock(plan.erasedBlockDevice(i));
            touched.add(plan.erasedBlockDevice(i));
        }
        for (int i = 0; i < plan.size(); i++) {
            if (plan.erasures().overlaps(plan.deviceId(i), plan.minTimestampNs(i), plan.maxTimestampNs(i))) {
                touched.add(plan.deviceId(i));
            }
        }
        for (final Erasure e : plan.erasures().recordsOverlapping(fromNs, toNs)) {
            if (touched.contains(e.deviceId()) && !erasuresApplied.contains(e)) {
                erasuresApplied.add(e);
            }
        }
    }

    void policyVersion(final int version) {
        policyVersions.add(version);
    }

    void returned(final int typeCode) {
        eventsReturnedByType[typeCode]++;
    }

    void returned(final int typeCode, final long events) {
        eventsReturnedByType[typeCode] += events;
    }

    void damagedCycles(final List<DamagedCycle> cycles) {
        damagedCycles = cycles;
    }

    void skipped(final DamagedBlock block) {
        damaged.add(block);
    }

    void add(final ScanStats other) {
        entriesConsidered += other.entriesConsidered;
        blocksPlanned += other.blocksPlanned;
        blocksRead += other.blocksRead;
        eventsDecoded += other.eventsDecoded;
        erasedBlocks += other.erasedBlocks;
        blocksReadPastDamage += other.blocksReadPastDamage;
        erasedDevices.addAll(other.erasedDevices);
        policyVersions.addAll(other.policyVersions);
        for (int t = 0; t < EventType.COUNT; t++) {
            eventsReturnedByType[t] += other.eventsReturnedByType[t];
        }
        damaged.addAll(other.damaged);
        if (damagedCycles.isEmpty()) {
            damagedCycles = other.damagedCycles;
        }
        queueIndexesRead.addAll(other.queueIndexesRead);
        cyclesRead.addAll(other.cyclesRead);
        for (final Erasure e : other.erasuresApplied) {
            if (!erasuresApplied.contains(e)) {
                erasuresApplied.add(e);
            }
        }
    }

    /**
     * @return the erasure records that removed rows from this scan (their device had blocks in the scan's range
     *         that were left out or filtered, and their range meets the scan's), in the order recorded.
     */
    public List<Erasure> erasuresApplied() {
        return Collections.unmodifiableList(erasuresApplied);
    }

    /**
     * @return index entries looked at to plan the scan ("blocks considered").
     */
    public long entriesConsidered() {
        return entriesConsidered;
    }

    /**
     * @return blocks the index chose.
     */
    public long blocksPlanned() {
        return blocksPlanned;
    }

    /**
     * @return blocks read from the journal and decoded (damaged ones included).
     */
    public long blocksRead() {
        return blocksRead;
    }

    /**
     * @return erased blocks passed over without being decoded: entirely inside an erased range (left out of the
     *         plan), or their device's keys are destroyed; nothing of them is returned. Blocks partly inside a
     *         range are read and counted in {@link #blocksRead()}, without their erased events.
     */
    public long erasedBlocks() {
        return erasedBlocks;
    }

    /**
     * @return ids of devices whose erased blocks the scan passed over, ascending.
     */
    public long[] erasedDevices() {
        final long[] ids = erasedDevices.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(ids);
        return ids;
    }

    /**
     * @return the privacy policy versions the blocks read were written under (0: none recorded), ascending.
     */
    public int[] policyVersions() {
        final int[] versions = policyVersions.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(versions);
        return versions;
    }

    /**
     * @return events decoded from the blocks read.
     */
    public long eventsDecoded() {
        return eventsDecoded;
    }

    /**
     * @return events handed to the caller.
     */
    public long eventsReturned() {
        return Arrays.stream(eventsReturnedByType).sum();
    }

    /**
     * @param type a type.
     * @return events of that type handed to the caller.
     */
    public long eventsReturned(final EventType type) {
        return eventsReturnedByType[type.code()];
    }

    /**
     * @return blocks read (and counted in {@link #blocksRead()}) where Chronicle could not reach them, past a damaged
     *         excerpt header, from a salvage of their cycle file; {@code Journal.verify} names the damage and
     *         {@code spoor repair} rewrites the file.
     */
    public long blocksReadPastDamage() {
        return blocksReadPastDamage;
    }

    /**
     * @return damaged blocks left out (only under {@link DamagePolicy#SKIP}).
     */
    public List<DamagedBlock> damagedBlocks() {
        return Collections.unmodifiableList(damaged);
    }

    /**
     * @return the journal's damaged cycle files (missing or cut short, see {@link dev.spoor.core.Journal#damage()})
     *         whose lost blocks this scan could not read (only under {@link DamagePolicy#SKIP}: under
     *         {@link DamagePolicy#FAIL} the scan does not start); empty when the journal is sound.
     */
    public List<DamagedCycle> damagedCycles() {
        return damagedCycles;
    }

    /**
     * @return queue indexes of the blocks read, ascending.
     */
    public long[] queueIndexesRead() {
        final long[] sorted = queueIndexesRead.toLongArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * @return roll cycles of the blocks read, ascending.
     */
    public int[] cyclesRead() {
        final int[] sorted = new int[cyclesRead.size()];
        int i = 0;
        final IntHashSet.IntIterator it = cyclesRead.iterator();
        while (it.hasNext()) {
            sorted[i++] = it.nextValue();
        }
        Arrays.sort(sorted);
        return sorted;
    }

    @Override
    public String toString() {
        return "ScanStats{considered=" + entriesConsidered + ", planned=" + blocksPlanned + ", read=" + blocksRead
            + ", decoded=" + eventsDecoded + ", returned=" + eventsReturned() + ", damaged=" + damaged.size()
            + ", damagedCycles=" + damagedCycles.size() + "}";
    }
}

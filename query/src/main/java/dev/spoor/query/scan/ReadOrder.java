/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.core.BlockPlan;
import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * The order a scan reads its planned blocks in, and how it groups them. A group is a run of one device's
 * blocks whose time spans overlap (timestamps that went back; a block in flight at a crash), or touch where
 * the later block was appended first: its events are merged by timestamp before delivery. Most groups hold one block.
 *
 * Inside a group, blocks are taken in journal order, so equal timestamps keep the order they were appended in.
 *
 * <p>Two orders give the same per-device event order: per device (the plan's own order), or journal order
 * when that already keeps each device's blocks in time order without overlap (the usual case: blocks sealed
 * as they fill). Journal order reads the queue sequentially instead of seeking, so a single-threaded scan
 * takes it whenever it can.
 */
final class ReadOrder {
    final BlockPlan plan;
    final int[] order;
    final int[] groupStart;
    final int groups;
    /** Per device unit (per-device order only): the first group of each device, plus an end marker. */
    final int[] deviceGroupStart;
    final int devices;
    /** True when {@link #order} is journal order (every group one block). */
    final boolean isJournalOrder;

    private ReadOrder(final BlockPlan plan, final int[] order, final int[] groupStart, final int groups,
        final int[] deviceGroupStart, final int devices) {
        this.plan = plan;
        this.order = order;
        this.groupStart = groupStart;
        this.groups = groups;
        this.deviceGroupStart = deviceGroupStart;
        this.devices = devices;
        this.isJournalOrder = deviceGroupStart.length == 2 && devices == 1 && groups == plan.size()
            && isAscending(plan, order);
    }

    private static boolean isAscending(final BlockPlan plan, final int[] order) {
        for (int i = 1; i < order.length; i++) {
            if (plan.queueIndex(order[i]) <= plan.queueIndex(order[i - 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param plan          blocks per device in time order.
     * @param isJournalOrderAllowed true to read in journal order when it keeps per-device order.
     * @return the read order.
     */
    static ReadOrder of(final BlockPlan plan, final boolean isJournalOrderAllowed) {
        final int n = plan.size();
        if (isJournalOrderAllowed && isJournalOrderSafe(plan)) {
            return journalOrder(plan);
        }
        final int[] order = new int[n];
        final int[] groupStart = new int[n + 1];
        final int[] deviceGroupStart = new int[n + 1];
        int groups = 0;
        int devices = 0;
        long groupMax = Long.MIN_VALUE;
        long groupLastIndex = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            final boolean isNewDevice = i == 0 || plan.deviceId(i) != plan.deviceId(i - 1);
            if (isNewDevice) {
                deviceGroupStart[devices++] = groups;
            }
            final long min = plan.minTimestampNs(i);
            if (isNewDevice || min > groupMax || min == groupMax && plan.queueIndex(i) > groupLastIndex) {
                groupStart[groups++] = i;
                groupMax = plan.maxTimestampNs(i);
                groupLastIndex = plan.queueIndex(i);
            } else {
                groupMax = Math.max(groupMax, plan.maxTimestampNs(i));
                groupLastIndex = Math.max(groupLastIndex, plan.queueIndex(i));
            }
        }
        groupStart[groups] = n;
        deviceGroupStart[devices] = groups;
        for (int g = 0; g < groups; g++) {
            sortByQueueIndex(plan, order, groupStart[g], groupStart[g + 1]);
        }
        return new ReadOrder(plan, order, groupStart, groups, deviceGroupStart, devices);
    }

    /**
     * Within a group, journal order: a device's blocks are sealed in the order their events were appended,
     * so equal timestamps in overlapping blocks keep append order. Insertion sort: groups are tiny.
     */
    private static void sortByQueueIndex(final BlockPlan plan, final int[] order, final int from, final int to) {
        for (int i = from + 1; i < to; i++) {
            final int position = order[i];
            int j = i - 1;
            while (j >= from && plan.queueIndex(order[j]) > plan.queueIndex(position)) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = position;
        }
    }

    /** True when, per device, journal order is time order and no two blocks overlap. */
    private static boolean isJournalOrderSafe(final BlockPlan plan) {
        for (int i = 1; i < plan.size(); i++) {
            final boolean isSameDevice = plan.deviceId(i) == plan.deviceId(i - 1);
            if (isSameDevice && (plan.queueIndex(i) < plan.queueIndex(i - 1)
                || plan.minTimestampNs(i) < plan.maxTimestampNs(i - 1))) {
                return false;
            }
        }
        return true;
    }

    private static ReadOrder journalOrder(final BlockPlan plan) {
        final int n = plan.size();
        final long[] indexes = new long[n];
        final Long2LongHashMap positionOf = new Long2LongHashMap(n * 2, 0.65f, -1);
        for (int i = 0; i < n; i++) {
            indexes[i] = plan.queueIndex(i);
            positionOf.put(indexes[i], i);
        }
        Arrays.sort(indexes);
        final int[] order = new int[n];
        final int[] groupStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            order[i] = (int)positionOf.get(indexes[i]);
            groupStart[i] = i;
        }
        groupStart[n] = n;
        return new ReadOrder(plan, order, groupStart, n, new int[] {0, n}, 1);
    }
}

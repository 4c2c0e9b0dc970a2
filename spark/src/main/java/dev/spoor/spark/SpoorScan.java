/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalException;
import dev.spoor.core.JournalReader;
import dev.spoor.core.recovery.DamagedCycle;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A planned read. The index of each journal chooses the blocks that may hold wanted events (devices, time,
 * types: {@link SpoorFilter}); they become input partitions of one journal and roll cycle each, at most
 * {@code blocksPerPartition} blocks in journal order. Planning happens once, on the driver, when Spark first
 * asks for the partitions: the set of blocks is fixed then, so collectors may go on writing. With a pushed
 * {@link SpoorAggregation} each task returns counts instead of rows.
 */
public final class SpoorScan implements Scan, Batch {
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{16}");
    /** A counting task reads up to this many times {@code blocksPerPartition} blocks. */
    private static final int AGGREGATE_PARTITION_FACTOR = 16;

    private final SpoorOptions options;
    private final SpoorFilter filter;
    private final SpoorColumn[] columns;
    private final Filter[] pushed;
    /** Counts the tasks make, or null for rows. */
    private final SpoorAggregation aggregation;
    private InputPartition[] partitions;

    SpoorScan(final SpoorOptions options, final SpoorFilter filter, final SpoorColumn[] columns,
        final Filter[] pushed, final SpoorAggregation aggregation) {
        this.options = options;
        this.filter = filter;
        this.columns = columns.clone();
        this.pushed = pushed.clone();
        this.aggregation = aggregation;
    }

    @Override
    public StructType readSchema() {
        return aggregation != null ? aggregation.schema() : SpoorColumn.schema(columns);
    }

    @Override
    public String description() {
        return "SpoorScan journals=" + options.journals().size() + " PushedFilters: " + Arrays.toString(pushed)
            + (aggregation != null ? " PushedAggregation: " + aggregation : "")
            + " Spoor: " + filter + " ReadSchema: " + readSchema().simpleString();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return SpoorMetrics.supported();
    }

    @Override
    public synchronized InputPartition[] planInputPartitions() {
        if (partitions == null) {
            partitions = plan();
        }
        return partitions.clone();
    }

    /**
     * Plans the read and, when the planned blocks hold few events ({@link SpoorOptions#driverReadEvents()}), reads
     * them here, as the tasks would.
     *
     * @return the rows (copies), or null when the read is left to tasks (or counts were pushed).
     */
    InternalRow[] readOnDriver() {
        if (aggregation != null) {
            return null;
        }
        long events = 0;
        final InputPartition[] planned = planInputPartitions();
        for (final InputPartition p : planned) {
            events += ((SpoorPartition)p).events();
        }
        if (events > options.driverReadEvents()) {
            return null;
        }
        final List<InternalRow> rows = new ArrayList<>();
        for (final InputPartition p : planned) {
            try (SpoorColumnarReader reader = new SpoorColumnarReader(options, (SpoorPartition)p, filter, columns)) {
                while (reader.next()) {
                    reader.get().rowIterator().forEachRemaining(row -> rows.add(row.copy()));
                }
            }
        }
        return rows.toArray(new InternalRow[0]);
    }

    /**
     * Plans the read and counts a pushed aggregation from the index alone, when it can.
     *
     * @return the counts' rows, or null when some planned block must be decoded (or nothing was pushed).
     */
    InternalRow[] countFromIndex() {
        if (aggregation == null) {
            return null;
        }
        final GroupCounts counts = new GroupCounts(aggregation);
        for (final InputPartition p : planInputPartitions()) {
            final SpoorPartition partition = (SpoorPartition)p;
            try (OpenJournals.Lease lease = options.acquire(partition.journal())) {
                for (int block = 0; block < partition.blocks(); block++) {
                    final String name = SpoorColumnarReader.deviceName(lease.journal(), partition.deviceId(block));
                    if (!counts.addFromIndex(partition, block, name)) {
                        return null;
                    }
                }
            }
        }
        return counts.rows().toArray(new InternalRow[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new SpoorReaderFactory(options, filter, columns, aggregation);
    }

    private InputPartition[] plan() {
        final List<InputPartition> planned = new ArrayList<>();
        if (!filter.isEmpty()) {
            for (final String journal : options.journals()) {
                if (filter.wantsJournal(journal)) {
                    planJournal(journal, planned);
                }
            }
        }
        if (planned.isEmpty() && aggregation != null && aggregation.groupBy().length == 0) {
            // A count without groups is one row even with no blocks: Spark sums the tasks' rows, and a sum of no
            // rows is null, not 0.
            planned.add(new SpoorPartition(options.journals().get(0), 0, new long[0], new long[0], 1, 0, new int[0],
                new int[0]));
        }
        return planned.toArray(new InputPartition[0]);
    }

    private void planJournal(final String journal, final List<InputPartition> planned) {
        try (OpenJournals.Lease lease = options.acquire(journal)) {
            final Journal j = lease.journal();
            if (!j.damage().isEmpty()) {
                throw new IllegalStateException("spoor: journal " + journal + " has damaged cycle files, whose lost"
                    + " events a read would miss: " + j.damage().stream().map(DamagedCycle::describe).collect(
                    Collectors.joining("; ")) + ". Run `spoor repair --journal " + journal + "` first");
            }
            final long[] ids = candidateIds(j);
            if (ids != null && ids.length == 0) {
                return;
            }
            final BlockPlan plan = new BlockPlan();
            final long toNs = filter.lastNs() == Long.MAX_VALUE ? Long.MAX_VALUE : filter.lastNs() + 1;
            final JournalReader reader = lease.newReader();
            boolean isPlanned = false;
            try {
                reader.plan(ids, filter.fromNs(), toNs, filter.typeMask(), plan);
                isPlanned = true;
            } finally {
                if (isPlanned) {
                    lease.giveBack(reader);
                } else {
                    reader.close();
                }
            }
            // Per cycle, the chosen blocks by queue index: reading them in that order never seeks.
            final Map<Integer, TreeMap<Long, Integer>> byCycle = new TreeMap<>();
            for (int i = 0; i < plan.size(); i++) {
                final long device = plan.deviceId(i);
                if (filter.wantsDevice(device, SpoorColumnarReader.deviceName(j, device))) {
                    byCycle.computeIfAbsent(plan.cycle(i), c -> new TreeMap<>()).put(plan.queueIndex(i), i);
                }
            }
            final int blockEvents = j.config().blockEvents();
            byCycle.forEach((cycle, blocks) -> split(journal, cycle, blocks, plan, blockEvents, planned));
        } catch (final JournalException e) {
            throw new IllegalStateException("spoor: cannot plan a read of journal " + journal + ": " + e.getMessage(),
                e);
        }
    }

    private void split(final String journal, final int cycle, final TreeMap<Long, Integer> blocks,
        final BlockPlan plan, final int blockEvents, final List<InputPartition> planned) {
        // A counting task returns a few rows whatever it reads: fewer, longer tasks cost less to schedule.
        final int limit = aggregation != null ? AGGREGATE_PARTITION_FACTOR * options.blocksPerPartition()
            : options.blocksPerPartition();
        final Integer[] positions = blocks.values().toArray(new Integer[0]);
        for (int start = 0; start < positions.length; start += limit) {
            final int n = Math.min(limit, positions.length - start);
            final long[] queueIndexes = new long[n];
            final long[] devices = new long[n];
            final int[] wholeEvents = new int[n];
            final int[] typeMasks = new int[n];
            long events = 0;
            for (int k = 0; k < n; k++) {
                final int i = positions[start + k];
                queueIndexes[k] = plan.queueIndex(i);
                devices[k] = plan.deviceId(i);
                events += plan.eventCount(i);
                wholeEvents[k] = isWhole(plan, i) ? plan.eventCount(i) : -1;
                typeMasks[k] = plan.typeMask(i);
            }
            planned.add(new SpoorPartition(journal, cycle, queueIndexes, devices, blockEvents, events, wholeEvents,
                typeMasks));
        }
    }

    /** @return true when the filter wants every event of planned block {@code i}, as the index describes it. */
    private boolean isWhole(final BlockPlan plan, final int i) {
        final long min = plan.minTimestampNs(i);
        final long max = plan.maxTimestampNs(i);
        return min >= filter.fromNs() && max <= filter.lastNs() && (plan.typeMask(i) & ~filter.typeMask()) == 0
            && (plan.erasures().isEmpty() || !plan.erasures().overlaps(plan.deviceId(i), min, max));
    }

    /**
     * The ids the wanted devices may have in this journal: a name is a key the dictionary holds, a key the journal
     * can resolve (a pseudonymous journal opened without its key file cannot), or an id as 16 hex digits (how
     * devices without a known key show). A superset: planning then keeps only blocks whose {@code device} column
     * is wanted.
     *
     * @return ids, or null for every device.
     */
    private long[] candidateIds(final Journal journal) {
        final Set<String> names = filter.deviceNames();
        final Set<Long> ids = filter.deviceIds();
        if (names == null && ids == null) {
            return null;
        }
        final Set<Long> candidates = new TreeSet<>();
        if (names != null) {
            journal.devices().all().forEach((id, key) -> {
                if (names.contains(key)) {
                    candidates.add(id);
                }
            });
            for (final String name : names) {
                try {
                    candidates.add(journal.devices().lookup(name));
                } catch (final JournalException | IllegalArgumentException notAKey) {
                    // No key of that name can be resolved here; it may still be in the dictionary or an id in hex.
                }
                if (HEX_ID.matcher(name).matches()) {
                    candidates.add(Long.parseUnsignedLong(name, 16));
                }
            }
            if (ids != null) {
                candidates.retainAll(ids);
            }
        } else {
            candidates.addAll(ids);
        }
        return candidates.stream().mapToLong(Long::longValue).toArray();
    }
}

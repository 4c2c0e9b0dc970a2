/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;
import dev.spoor.core.JournalReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Runs {@link Scan}s over a journal, in this process or beside a writer in another. The index chooses the
 * blocks (see {@link ScanStats}); each device's events come in timestamp order, or all devices merged
 * into one time-ordered stream. Three deliveries: {@link #scan} (a reusable view, no allocation per event),
 * {@link #scanColumns} (primitive columns), {@link #stream} (immutable records). Thread safe: every call
 * uses readers of its own.
 */
public final class Scanner implements AutoCloseable {
    private final Journal journal;
    /** Readers between scans: opening one per query cost more than a one-device query's decoding. */
    private final ConcurrentLinkedDeque<JournalReader> idleReaders = new ConcurrentLinkedDeque<>();

    /**
     * @param journal an open journal (read-only or not).
     */
    public Scanner(final Journal journal) {
        this.journal = journal;
    }

    /**
     * Runs a scan through a callback.
     *
     * @param scan    what to read.
     * @param handler receives each matching event (from several threads at once when threads &gt; 1).
     * @return what the scan did.
     * @throws ScanException at a damaged block under {@link DamagePolicy#FAIL}.
     */
    public ScanStats scan(final Scan scan, final EventHandler handler) {
        return run(scan, () -> new Sink() {
            @Override
            public void onEvent(final EventView event) {
                handler.onEvent(event);
            }

            @Override
            public void finish() {
            }
        });
    }

    /**
     * Runs a scan delivering primitive columns.
     *
     * @param scan      what to read; its fields choose the columns.
     * @param batchRows rows per batch, at least 1.
     * @param handler   receives the batches.
     * @return what the scan did.
     */
    public ScanStats scanColumns(final Scan scan, final int batchRows, final ColumnBatchHandler handler) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows=" + batchRows + " must be at least 1");
        }
        return run(scan, () -> new Sink() {
            private final ColumnBatch batch = new ColumnBatch(batchRows, scan.fields());

            @Override
            public void onEvent(final EventView event) {
                batch.add(event);
                if (batch.isFull()) {
                    handler.onBatch(batch);
                    batch.clear();
                }
            }

            @Override
            public void finish() {
                if (batch.size() > 0) {
                    handler.onBatch(batch);
                    batch.clear();
                }
            }
        });
    }

    /**
     * The scan as a lazy stream of immutable events, read a group of blocks at a time on the calling thread
     * (the scan's thread count does not apply). Close the stream to release its reader.
     *
     * @param scan what to read.
     * @return the events.
     */
    public Stream<Event> stream(final Scan scan) {
        final JournalReader reader = borrowReader();
        final ScanStats stats = new ScanStats();
        final BlockPlan plan = plan(reader, scan, stats);
        final EventView view = new EventView(new DeviceKeys(journal.devices()));
        final ArrayDeque<Event> buffer = new ArrayDeque<>();
        final EventHandler collect = e -> buffer.add(e.toEvent());
        final Supplier<Boolean> refill;
        if (scan.isMerged()) {
            final MergedScanner merged = new MergedScanner(reader, plan, scan, blockCapacity(), stats, view);
            refill = () -> merged.next(collect);
        } else {
            final ReadOrder order = ReadOrder.of(plan, true);
            final GroupScanner groups = new GroupScanner(reader, scan, blockCapacity(), stats, view);
            final AtomicInteger next = new AtomicInteger();
            refill = () -> {
                if (next.get() == order.groups) {
                    return false;
                }
                groups.run(order, next.getAndIncrement(), collect);
                return true;
            };
        }
        final Spliterator<Event> events = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
            Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE) {
            @Override
            public boolean tryAdvance(final Consumer<? super Event> action) {
                while (buffer.isEmpty()) {
                    if (!refill.get()) {
                        return false;
                    }
                }
                action.accept(buffer.poll());
                return true;
            }
        };
        return StreamSupport.stream(events, false).onClose(() -> idleReaders.addFirst(reader));
    }

    private ScanStats run(final Scan scan, final Supplier<Sink> sinks) {
        final ScanStats stats = new ScanStats();
        final BlockPlan plan;
        final JournalReader reader = borrowReader();
        try {
            plan = plan(reader, scan, stats);
            if (scan.isMerged()) {
                final Sink sink = sinks.get();
                final MergedScanner merged = new MergedScanner(reader, plan, scan, blockCapacity(), stats,
                    newView());
                while (merged.next(sink)) {
                    continue;
                }
                sink.finish();
                return stats;
            }
            if (scan.threads() == 1) {
                final Sink sink = sinks.get();
                final ReadOrder order = ReadOrder.of(plan, true);
                final GroupScanner groups = new GroupScanner(reader, scan, blockCapacity(), stats, newView());
                for (int g = 0; g < order.groups; g++) {
                    groups.run(order, g, sink);
                }
                sink.finish();
                return stats;
            }
        } finally {
            idleReaders.addFirst(reader);
        }
        return runParallel(scan, ReadOrder.of(plan, true), sinks, stats);
    }

    private ScanStats runParallel(final Scan scan, final ReadOrder order, final Supplier<Sink> sinks,
        final ScanStats stats) {
        final AtomicInteger nextDevice = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(scan.threads(), runnable -> {
            final Thread thread = new Thread(runnable, "spoor-scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            final List<Future<ScanStats>> results = new ArrayList<>();
            for (int t = 0; t < scan.threads(); t++) {
                final int thread = t;
                results.add(pool.submit(() -> order.isJournalOrder
                    ? scanShare(scan, order, thread, sinks.get()) : scanDevices(scan, order, nextDevice, sinks.get())));
            }
            for (final Future<ScanStats> result : results) {
                stats.add(result.get());
            }
            return stats;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException)e.getCause();
            }
            throw new IllegalStateException("parallel scan failed", e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a parallel scan", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private ScanStats scanDevices(final Scan scan, final ReadOrder order, final AtomicInteger nextDevice,
        final Sink sink) {
        final ScanStats stats = new ScanStats();
        final JournalReader reader = borrowReader();
        try {
            final GroupScanner groups = new GroupScanner(reader, scan, blockCapacity(), stats, newView());
            for (int d = nextDevice.getAndIncrement(); d < order.devices; d = nextDevice.getAndIncrement()) {
                for (int g = order.deviceGroupStart[d]; g < order.deviceGroupStart[d + 1]; g++) {
                    groups.run(order, g, sink);
                }
            }
        } finally {
            idleReaders.addFirst(reader);
        }
        sink.finish();
        return stats;
    }

    /**
     * Journal order: every thread walks the whole plan forward (stepping, never seeking) and takes the blocks
     * of its share of the devices, so each device stays on one thread, in order.
     */
    private ScanStats scanShare(final Scan scan, final ReadOrder order, final int thread, final Sink sink) {
        final ScanStats stats = new ScanStats();
        final int threads = scan.threads();
        final JournalReader reader = borrowReader();
        try {
            final GroupScanner groups = new GroupScanner(reader, scan, blockCapacity(), stats, newView());
            for (int g = 0; g < order.groups; g++) {
                final long device = order.plan.deviceId(order.order[order.groupStart[g]]);
                if (Math.floorMod(Long.hashCode(device * 0x9E3779B97F4A7C15L), threads) == thread) {
                    groups.run(order, g, sink);
                }
            }
        } finally {
            idleReaders.addFirst(reader);
        }
        sink.finish();
        return stats;
    }

    /** Closes the pooled readers. */
    @Override
    public void close() {
        for (JournalReader reader = idleReaders.poll(); reader != null; reader = idleReaders.poll()) {
            reader.close();
        }
    }

    private JournalReader borrowReader() {
        final JournalReader reader = idleReaders.pollFirst();
        if (reader == null) {
            return journal.newReader();
        }
        reader.handOver();
        return reader;
    }

    private BlockPlan plan(final JournalReader reader, final Scan scan, final ScanStats stats) {
        final BlockPlan plan = new BlockPlan();
        reader.plan(scan.deviceIds(), scan.fromNs(), scan.toNs(), scan.typeMask(), plan);
        stats.planned(plan.entriesExamined(), plan.size());
        return plan;
    }

    private EventView newView() {
        return new EventView(new DeviceKeys(journal.devices()));
    }

    private int blockCapacity() {
        return journal.config().blockEvents();
    }

    /** A per-thread consumer with an end. */
    private interface Sink extends EventHandler {
        void finish();
    }
}

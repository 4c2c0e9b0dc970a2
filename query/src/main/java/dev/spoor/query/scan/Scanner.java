/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.scan;

import dev.spoor.codec.EventBatch;
import dev.spoor.core.BlockPlan;
import dev.spoor.core.Journal;

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
    /** Workers between scans (see {@link ScanWorker}): a fresh one per query cost more than its decoding. */
    private final ConcurrentLinkedDeque<ScanWorker> idle = new ConcurrentLinkedDeque<>();

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
        return run(scan, () -> new ColumnSink() {
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
            public void onRun(final long device, final EventBatch events, final int from, final int count) {
                int done = 0;
                while (done < count) {
                    final int take = Math.min(count - done, batch.room());
                    batch.addRun(device, events, from + done, take);
                    done += take;
                    if (batch.isFull()) {
                        handler.onBatch(batch);
                        batch.clear();
                    }
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
     * (the scan's thread count does not apply). Close the stream to give its reader back.
     *
     * @param scan what to read.
     * @return the events.
     */
    public Stream<Event> stream(final Scan scan) {
        final ScanStats stats = new ScanStats();
        final ScanWorker worker = borrow(scan, stats);
        final BlockPlan plan = worker.plan(scan, stats);
        final ArrayDeque<Event> buffer = new ArrayDeque<>();
        final EventHandler collect = e -> buffer.add(e.toEvent());
        final Supplier<Boolean> refill;
        if (scan.isMerged()) {
            final MergedScanner merged = worker.merged(plan, scan, stats);
            refill = () -> merged.next(collect);
        } else {
            final ReadOrder order = ReadOrder.of(plan, !scan.isByDevice());
            final AtomicInteger next = new AtomicInteger();
            refill = () -> {
                if (next.get() == order.groups) {
                    return false;
                }
                worker.groups.run(order, next.getAndIncrement(), collect);
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
        return StreamSupport.stream(events, false).onClose(() -> idle.addFirst(worker));
    }

    private ScanStats run(final Scan scan, final Supplier<Sink> sinks) {
        final ScanStats stats = new ScanStats();
        final BlockPlan plan;
        final ScanWorker worker = borrow(scan, stats);
        try {
            plan = worker.plan(scan, stats);
            if (scan.isMerged()) {
                final Sink sink = sinks.get();
                final MergedScanner merged = worker.merged(plan, scan, stats);
                while (merged.next(sink)) {
                    continue;
                }
                sink.finish();
                return stats;
            }
            if (scan.threads() == 1) {
                final Sink sink = sinks.get();
                final ReadOrder order = ReadOrder.of(plan, !scan.isByDevice());
                for (int g = 0; g < order.groups; g++) {
                    worker.groups.run(order, g, sink);
                }
                sink.finish();
                return stats;
            }
        } finally {
            idle.addFirst(worker);
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
                results.add(pool.submit(() -> scanPart(scan, order, thread, nextDevice, sinks.get())));
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

    /**
     * One thread's part of a parallel scan. In journal order every thread walks the whole plan forward
     * (stepping, never seeking) and takes its share of the devices; otherwise threads take whole devices
     * from a counter. Either way each device stays on one thread, in order.
     */
    private ScanStats scanPart(final Scan scan, final ReadOrder order, final int thread,
        final AtomicInteger nextDevice, final Sink sink) {
        final ScanStats stats = new ScanStats();
        final ScanWorker worker = borrow(scan, stats);
        try {
            if (order.isJournalOrder) {
                for (int g = 0; g < order.groups; g++) {
                    final long device = order.plan.deviceId(order.order[order.groupStart[g]]);
                    if (Math.floorMod(Long.hashCode(device * 0x9E3779B97F4A7C15L), scan.threads()) == thread) {
                        worker.groups.run(order, g, sink);
                    }
                }
            } else {
                for (int d = nextDevice.getAndIncrement(); d < order.devices; d = nextDevice.getAndIncrement()) {
                    for (int g = order.deviceGroupStart[d]; g < order.deviceGroupStart[d + 1]; g++) {
                        worker.groups.run(order, g, sink);
                    }
                }
            }
        } finally {
            idle.addFirst(worker);
        }
        sink.finish();
        return stats;
    }

    /** Closes the idle workers' readers. */
    @Override
    public void close() {
        for (ScanWorker worker = idle.poll(); worker != null; worker = idle.poll()) {
            worker.close();
        }
    }

    /**
     * An upper bound on the events a scan returns, from the index alone (nothing decoded): the events of the blocks
     * it would read, before its time range, types and erasures cut them. For a progress bar's total; a full scan of a
     * journal with nothing erased returns exactly this many.
     *
     * @param scan what would be read.
     * @return events in the planned blocks.
     * @throws ScanException as a scan of it would, when cycle files are damaged and the scan's policy is to fail.
     */
    public long eventsPlanned(final Scan scan) {
        final ScanStats stats = new ScanStats();
        final ScanWorker worker = borrow(scan, stats);
        try {
            final BlockPlan plan = worker.plan(scan, stats);
            long events = 0;
            for (int i = 0; i < plan.size(); i++) {
                events += plan.eventCount(i);
            }
            return events;
        } finally {
            idle.addFirst(worker);
        }
    }

    private ScanWorker borrow(final Scan scan, final ScanStats stats) {
        final ScanWorker worker = idle.pollFirst();
        return (worker == null ? new ScanWorker(journal) : worker).prepare(scan, stats);
    }

    /** A per-thread consumer with an end. */
    private interface Sink extends EventHandler {
        void finish();
    }

    /** A sink of primitive columns, which takes runs of a block whole. */
    private interface ColumnSink extends Sink, RunHandler {
    }
}

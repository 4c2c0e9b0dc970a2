/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What an ingest could not take, summarised in bounded memory: every rejection counted by kind, only the first
 * {@code keep} kept whole, and the warnings (at most {@code keep}). Thread safe: parse workers share one.
 */
public final class RejectionLog implements Diagnostics {
    private static final RejectionKind[] KINDS = RejectionKind.values();

    private final int keep;
    private final Consumer<Rejection> sink;
    private final AtomicLongArray byKind = new AtomicLongArray(KINDS.length);
    private final List<Rejection> first = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** Rejections of each file, but unfinished last lines (held back for a later run, not refused). */
    private final ConcurrentHashMap<Path, LongAdder> refusedByFile = new ConcurrentHashMap<>();

    /**
     * @param keep rejections (and warnings) kept whole; the rest are only counted.
     */
    public RejectionLog(final int keep) {
        this(keep, null);
    }

    /**
     * @param keep rejections (and warnings) kept whole; the rest are only counted.
     * @param sink told of every rejection as it happens (such as a {@link RejectionFile}), or null.
     */
    public RejectionLog(final int keep, final Consumer<Rejection> sink) {
        this.keep = keep;
        this.sink = sink;
    }

    @Override
    public void reject(final Rejection rejection) {
        byKind.incrementAndGet(rejection.kind().ordinal());
        if (rejection.kind() != RejectionKind.INCOMPLETE_LAST_LINE) {
            refusedByFile.computeIfAbsent(rejection.file(), f -> new LongAdder()).increment();
        }
        if (sink != null) {
            sink.accept(rejection);
        }
        synchronized (first) {
            if (first.size() < keep) {
                first.add(rejection);
            }
        }
    }

    @Override
    public void warn(final Path file, final String message) {
        synchronized (warnings) {
            if (warnings.size() < keep) {
                warnings.add(file + ": " + message);
            }
        }
    }

    /**
     * @param file an input file.
     * @return its lines refused so far (every kind but {@link RejectionKind#INCOMPLETE_LAST_LINE}, which is held
     *         back for a later run).
     */
    public long refusedIn(final Path file) {
        final LongAdder refused = refusedByFile.get(file);
        return refused == null ? 0 : refused.sum();
    }

    /**
     * @return rejections of every kind.
     */
    public long total() {
        long n = 0;
        for (int k = 0; k < KINDS.length; k++) {
            n += byKind.get(k);
        }
        return n;
    }

    /**
     * @param kind a kind.
     * @return rejections of that kind.
     */
    public long count(final RejectionKind kind) {
        return byKind.get(kind.ordinal());
    }

    /**
     * @return the kinds seen, with their counts, in declaration order.
     */
    public Map<RejectionKind, Long> byKind() {
        final Map<RejectionKind, Long> counts = new EnumMap<>(RejectionKind.class);
        for (final RejectionKind kind : KINDS) {
            if (byKind.get(kind.ordinal()) > 0) {
                counts.put(kind, byKind.get(kind.ordinal()));
            }
        }
        return counts;
    }

    /**
     * @return the first rejections, in the order they were reported.
     */
    public List<Rejection> first() {
        synchronized (first) {
            return Collections.unmodifiableList(new ArrayList<>(first));
        }
    }

    /**
     * @return the warnings, {@code file: message}.
     */
    public List<String> warnings() {
        synchronized (warnings) {
            return Collections.unmodifiableList(new ArrayList<>(warnings));
        }
    }
}

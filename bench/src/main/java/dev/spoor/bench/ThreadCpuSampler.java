/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time by kind of thread over a stretch of work, for reports that split a cost per line among the threads
 * that pay it (parse threads, the writer, the sealer, the JVM's own). A daemon thread reads every live thread's CPU
 * time every {@value #PERIOD_MS} ms and keeps the last value per thread, so a thread that ends during the stretch
 * counts up to its last sample: up to {@value #PERIOD_MS} ms of it can be missed. Threads are grouped by name with
 * trailing digits dropped ({@code spoor-ingest-parse-3} -> {@code spoor-ingest-parse-}).
 */
final class ThreadCpuSampler {
    private static final long PERIOD_MS = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> startNs = new HashMap<>();
    private final Map<Long, Long> lastNs = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread sampling;
    private volatile boolean isRunning = true;

    private ThreadCpuSampler() {
        sample(startNs);
        sampling = new Thread(this::run, "thread-cpu-sampler");
        sampling.setDaemon(true);
    }

    /**
     * @return a sampler, sampling.
     */
    static ThreadCpuSampler start() {
        final ThreadCpuSampler sampler = new ThreadCpuSampler();
        sampler.sampling.start();
        return sampler;
    }

    /**
     * @return ns of CPU by kind of thread since {@link #start()} (the sampler's own thread left out).
     * @throws IllegalStateException when interrupted while waiting for the sampling thread.
     */
    Map<String, Long> stop() {
        isRunning = false;
        try {
            sampling.join(10 * PERIOD_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        synchronized (lastNs) {
            sample(lastNs);
            final Map<String, Long> byKind = new TreeMap<>();
            lastNs.forEach((id, ns) -> {
                final String name = names.get(id);
                if (!name.equals(sampling.getName())) {
                    byKind.merge(name.replaceAll("\\d+$", ""), ns - startNs.getOrDefault(id, 0L), Long::sum);
                }
            });
            return byKind;
        }
    }

    private void run() {
        while (isRunning) {
            synchronized (lastNs) {
                sample(lastNs);
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    private void sample(final Map<Long, Long> into) {
        final long[] ids = THREADS.getAllThreadIds();
        final ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            final long ns = THREADS.getThreadCpuTime(ids[i]);
            if (ns >= 0 && infos[i] != null) {
                into.put(ids[i], ns);
                names.putIfAbsent(ids[i], infos[i].getThreadName());
            }
        }
    }
}

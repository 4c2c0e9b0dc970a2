/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.compare;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where the time of one ingest of the Balabit set goes, phase by phase, as {@code bench/compare}'s Spoor peer
 * ingests it (default journal settings, one writer, rows in global time order): open the journal, open a writer,
 * register the devices, append, close the writer (sealing every open block), close the journal. Each run goes
 * into a fresh directory; the first {@value #WARMUP_RUNS} runs compile the code and are not counted; the figures
 * are medians, ms.
 *
 * <pre>
 *   java &lt;spoor.jvm.flags&gt; -cp bench/target/benchmarks.jar dev.spoor.bench.compare.IngestPhases \
 *       [BALABIT_DIR [RUNS]]
 * </pre>
 */
public final class IngestPhases {
    private static final int WARMUP_RUNS = 4;
    private static final String[] PHASES = {"open", "newWriter", "register", "append", "writer.close",
        "journal.close", "total"};

    private IngestPhases() {
    }

    /**
     * @param args the Balabit folder (default ../shared/data/balabit-mouse-dynamics), timed runs (default 12).
     * @throws IOException when a directory cannot be made or deleted.
     */
    public static void main(final String[] args) throws IOException {
        final Path folder = Path.of(args.length > 0 ? args[0] : "../shared/data/balabit-mouse-dynamics");
        final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        if (!Files.isDirectory(folder)) {
            System.err.println("IngestPhases: no Balabit folder at " + folder + " (pass it as the first argument)");
            System.exit(2);
        }
        final Dataset data = Dataset.balabit(folder);
        final double[][] ms = new double[PHASES.length][runs];
        for (int run = -WARMUP_RUNS; run < runs; run++) {
            final long[] at = ingestOnce(data);
            if (Boolean.getBoolean("spoor.phases.eachRun")) {
                printRun(run, at);
            }
            if (run >= 0) {
                for (int p = 0; p < PHASES.length - 1; p++) {
                    ms[p][run] = (at[p + 1] - at[p]) / 1e6;
                }
                ms[PHASES.length - 1][run] = (at[PHASES.length - 1] - at[0]) / 1e6;
            }
        }
        final StringBuilder line = new StringBuilder(String.format("%s, %,d events, median of %d runs after %d:",
            data.name, data.size(), runs, WARMUP_RUNS));
        for (int p = 0; p < PHASES.length; p++) {
            Arrays.sort(ms[p]);
            line.append(String.format(" %s %.1f ms;", PHASES[p], ms[p][runs / 2]));
        }
        line.append(String.format(" %,.0f events/s", data.size() / (ms[PHASES.length - 1][runs / 2] / 1e3)));
        System.out.println(line);
    }

    /** One run's phases, ms, for following the JIT's ramp run by run ({@code -Dspoor.phases.eachRun=true}). */
    private static void printRun(final int run, final long[] at) {
        final StringBuilder line = new StringBuilder(String.format("run %3d:", run));
        for (int p = 0; p < PHASES.length - 1; p++) {
            line.append(String.format(" %s %.1f;", PHASES[p], (at[p + 1] - at[p]) / 1e6));
        }
        System.out.println(line.append(String.format(" total %.1f ms", (at[PHASES.length - 1] - at[0]) / 1e6)));
    }

    /** @return nanoTime at the start and after each phase. */
    private static long[] ingestOnce(final Dataset data) throws IOException {
        final Path dir = Files.createTempDirectory("spoor-ingest-phases");
        try {
            final long[] at = new long[PHASES.length];
            at[0] = System.nanoTime();
            final Journal journal = Journal.open(dir, new JournalConfig());
            at[1] = System.nanoTime();
            final JournalWriter writer = journal.newWriter();
            at[2] = System.nanoTime();
            final long[] deviceIds = new long[data.devices];
            for (int d = 0; d < data.devices; d++) {
                deviceIds[d] = journal.devices().register("d" + d);
            }
            at[3] = System.nanoTime();
            for (int i = 0; i < data.size(); i++) {
                data.rows.appendTo(writer, deviceIds, i);
            }
            at[4] = System.nanoTime();
            writer.close();
            at[5] = System.nanoTime();
            journal.close();
            at[6] = System.nanoTime();
            return at;
        } finally {
            Compare.delete(dir);
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.bench.spark;

import java.nio.file.Path;

/** The options of {@link SparkVsParquetReport}. */
final class Options {
    static final String USAGE = String.join("\n",
        "bench/spark-compare [options]",
        "  --events N      synthetic events (default 24,000,000)",
        "  --devices N     devices (default 1,000)",
        "  --journals N    journals, as from N collectors (default 4)",
        "  --queries N     (device, hour) pairs per round (default 20)",
        "  --warmups N     warm-up rounds, discarded (default 1)",
        "  --rounds N      measured rounds (default 5)",
        "  --seed N        random seed (default 18)",
        "  --dir DIR       data folder, reused when its params.txt matches (default bench-spark/target/spark-data)",
        "  --markdown FILE write the figures there too");

    int events = 24_000_000;
    int devices = 1_000;
    int collectors = 4;
    int queries = 20;
    int warmups = 1;
    int rounds = 5;
    long seed = 18;
    Path dir = Path.of("bench-spark", "target", "spark-data");
    Path markdown;

    /**
     * @param args command-line arguments.
     * @return the options, or null when help was asked for.
     * @throws IllegalArgumentException naming a bad option.
     */
    static Options parse(final String[] args) {
        final Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            final String name = args[i];
            if ("--help".equals(name) || "-h".equals(name)) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
            }
            final String value = args[++i];
            switch (name) {
                case "--events" -> o.events = positive(name, value);
                case "--devices" -> o.devices = positive(name, value);
                case "--journals" -> o.collectors = positive(name, value);
                case "--queries" -> o.queries = positive(name, value);
                case "--warmups" -> o.warmups = Integer.parseInt(value);
                case "--rounds" -> o.rounds = positive(name, value);
                case "--seed" -> o.seed = Long.parseLong(value);
                case "--dir" -> o.dir = Path.of(value);
                case "--markdown" -> o.markdown = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return o;
    }

    /** @return what the data folder depends on (bump the generator's version when it changes what it makes). */
    String dataParams() {
        return "generator=" + SyntheticEvents.VERSION + " events=" + events + " devices=" + devices + " journals="
            + collectors + " seed=" + seed + "\n";
    }

    private static int positive(final String name, final String value) {
        final int n = Integer.parseInt(value.replace(",", "").replace("_", ""));
        if (n < 1) {
            throw new IllegalArgumentException(name + "=" + value + " must be at least 1");
        }
        return n;
    }
}

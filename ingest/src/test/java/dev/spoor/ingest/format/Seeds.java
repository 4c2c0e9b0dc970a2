/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

/** Seeds for randomised tests: printed, and taken from -Dspoor.seed=N when given, to replay a failure. */
final class Seeds {
    private Seeds() {
    }

    static long seed(final String test) {
        final String given = System.getProperty("spoor.seed");
        final long seed = given != null ? Long.parseLong(given) : System.nanoTime();
        System.out.println(test + ": seed=" + seed + " (replay with -Dspoor.seed=" + seed + ")");
        return seed;
    }
}

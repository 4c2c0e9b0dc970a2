/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import java.util.SplittableRandom;

/**
 * Seeded random trials for property tests over hostile input: a property runs {@link #count()} times, try {@code i}
 * with a {@link SplittableRandom} seeded {@code base + i}. The base seed is printed before the first try, and a
 * failing try is reported with its own seed and the command-line flags that replay exactly that try:
 * {@code -Dspoor.fuzz.seed=<seed> -Dspoor.fuzz.tries=1}.
 * <ul>
 * <li>{@value #TRIES_PROPERTY}: tries per property (default {@value #DEFAULT_TRIES}; a soak passes 20000);</li>
 * <li>{@value #SEED_PROPERTY}: the base seed (default: a new one each run).</li>
 * </ul>
 */
public final class Trials {
    /** System property: tries per property. */
    public static final String TRIES_PROPERTY = "spoor.fuzz.tries";
    /** System property: the base seed. */
    public static final String SEED_PROPERTY = "spoor.fuzz.seed";
    /** Tries per property in the normal suite. */
    public static final int DEFAULT_TRIES = 150;

    private Trials() {
    }

    /** One try of a property. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param random this try's source of values, seeded as the class comment says.
         * @throws Exception when the property does not hold.
         */
        void run(SplittableRandom random) throws Exception;
    }

    /**
     * @return tries per property: {@value #TRIES_PROPERTY}, else {@value #DEFAULT_TRIES}.
     */
    public static int count() {
        return Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES);
    }

    /**
     * Runs {@code body} {@link #count()} times, printing the base seed first.
     *
     * @param property the property's name, for the printed seed and a failure.
     * @param body     one try.
     * @throws AssertionError naming the failing try's seed and how to replay it, caused by what the try threw.
     */
    public static void forAll(final String property, final Body body) {
        final String configured = System.getProperty(SEED_PROPERTY);
        final long base = configured != null && !configured.isBlank() ? Long.parseLong(configured.strip())
            : new SplittableRandom().nextLong();
        final int tries = count();
        System.out.println(property + ": " + tries + " tries from seed " + base + " (replay: -D" + SEED_PROPERTY + "="
            + base + ")");
        for (int i = 0; i < tries; i++) {
            final long seed = base + i;
            try {
                body.run(new SplittableRandom(seed));
            } catch (final Throwable failure) {
                throw new AssertionError(property + " failed on try " + (i + 1) + " of " + tries + ", seed " + seed
                    + " (replay that try alone: -D" + SEED_PROPERTY + "=" + seed + " -D" + TRIES_PROPERTY + "=1): "
                    + failure, failure);
            }
        }
    }
}

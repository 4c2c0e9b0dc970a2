/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.SparkSession;

/** SparkSessions for tests: loopback only, no UI, few shuffle partitions. */
final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * @param master the master URL.
     * @return a builder with the settings every test wants.
     */
    static SparkSession.Builder builder(final String master) {
        return SparkSession.builder().master(master).appName("spoor-test")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            // The plan tests look for the scan node in the executed plan; adaptive execution would wrap it.
            .config("spark.sql.adaptive.enabled", "false");
    }
}

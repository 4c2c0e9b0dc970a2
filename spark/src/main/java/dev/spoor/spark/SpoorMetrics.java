/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.metric.CustomSumMetric;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;

/**
 * What the scan's tasks did, as SQL metrics of the scan node (the Spark UI and
 * {@code BatchScanExec.metrics()} show them): blocks read and decoded, and events returned.
 */
public final class SpoorMetrics {
    /** Name of the blocks-decoded metric. */
    public static final String BLOCKS_DECODED = "blocksDecoded";
    /** Name of the events-returned metric. */
    public static final String EVENTS_RETURNED = "eventsReturned";

    private SpoorMetrics() {
    }

    static CustomMetric[] supported() {
        return new CustomMetric[] {new BlocksDecoded(), new EventsReturned()};
    }

    static CustomTaskMetric[] values(final long blocksDecoded, final long eventsReturned) {
        return new CustomTaskMetric[] {value(BLOCKS_DECODED, blocksDecoded), value(EVENTS_RETURNED, eventsReturned)};
    }

    private static CustomTaskMetric value(final String name, final long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }

    /** Blocks read from journals and decoded. */
    public static final class BlocksDecoded extends CustomSumMetric {
        /** Spark creates metrics by reflection. */
        public BlocksDecoded() {
        }

        @Override
        public String name() {
            return BLOCKS_DECODED;
        }

        @Override
        public String description() {
            return "spoor blocks decoded";
        }
    }

    /** Events returned to Spark after time and type filtering. */
    public static final class EventsReturned extends CustomSumMetric {
        /** Spark creates metrics by reflection. */
        public EventsReturned() {
        }

        @Override
        public String name() {
            return EVENTS_RETURNED;
        }

        @Override
        public String description() {
            return "spoor events returned";
        }
    }
}

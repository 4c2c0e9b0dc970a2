/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options of a read, checked once on the driver:
 * <ul>
 *   <li>{@code path}: journal directories and globs, comma separated ({@code load(path)} sets it);
 *       {@code paths}: the JSON array {@code load(p1, p2, ...)} sets;</li>
 *   <li>{@code blocksPerPartition}: the most blocks an input partition reads (default 256, about a million
 *       events with full blocks); a roll cycle with more is split;</li>
 *   <li>{@code driverReadEvents}: a read whose planned blocks hold at most this many events (default 65,536;
 *       0: never) is read on the driver while Spark plans it and handed over as a local relation: no task is
 *       scheduled for a selective query such as one device's hour.</li>
 * </ul>
 * Pseudonymous journals need no key file: their devices show (and filter) as the dictionary's keys, or as ids.
 */
final class SpoorOptions implements Serializable {
    /** Default {@code blocksPerPartition}. */
    static final int DEFAULT_BLOCKS_PER_PARTITION = 256;
    /** Default {@code driverReadEvents}. */
    static final long DEFAULT_DRIVER_READ_EVENTS = 65_536;
    private static final long serialVersionUID = 1L;

    private final List<String> journals;
    private final int blocksPerPartition;
    private final long driverReadEvents;

    private SpoorOptions(final List<String> journals, final int blocksPerPartition, final long driverReadEvents) {
        this.journals = journals;
        this.blocksPerPartition = blocksPerPartition;
        this.driverReadEvents = driverReadEvents;
    }

    /**
     * @param options the read's options.
     * @return them, checked, with globs expanded.
     * @throws IllegalArgumentException naming what is wrong.
     */
    static SpoorOptions parse(final CaseInsensitiveStringMap options) {
        final List<String> patterns = new ArrayList<>();
        final String path = options.get("path");
        if (path != null) {
            for (final String part : path.split(",")) {
                if (!part.isBlank()) {
                    patterns.add(part.trim());
                }
            }
        }
        final String paths = options.get("paths");
        if (paths != null) {
            try {
                patterns.addAll(Arrays.asList(new ObjectMapper().readValue(paths, String[].class)));
            } catch (final JsonProcessingException e) {
                throw new IllegalArgumentException("spoor: option paths=" + paths + " is not a JSON array of strings",
                    e);
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("spoor: name the journals: load(\"/data/collectors/*\") or option path");
        }
        final int blocks = options.getInt("blocksPerPartition", DEFAULT_BLOCKS_PER_PARTITION);
        if (blocks < 1) {
            throw new IllegalArgumentException("spoor: blocksPerPartition=" + blocks + " must be at least 1");
        }
        final long driverEvents = options.getLong("driverReadEvents", DEFAULT_DRIVER_READ_EVENTS);
        if (driverEvents < 0) {
            throw new IllegalArgumentException("spoor: driverReadEvents=" + driverEvents + " must be 0 or more");
        }
        return new SpoorOptions(List.copyOf(JournalPaths.expand(patterns)), blocks, driverEvents);
    }

    /**
     * @return journal directories, absolute, sorted.
     */
    List<String> journals() {
        return journals;
    }

    /**
     * @return the most blocks one input partition reads.
     */
    int blocksPerPartition() {
        return blocksPerPartition;
    }

    /**
     * @return the most events (as the index counts them in the planned blocks) a read hands to Spark from the
     *         driver instead of from tasks; 0: always tasks.
     */
    long driverReadEvents() {
        return driverReadEvents;
    }

    /**
     * A journal, open read-only (needs the Chronicle JVM flags in this JVM), shared with the other queries and
     * tasks of this JVM ({@link OpenJournals}).
     *
     * @param journal a journal directory.
     * @return a hold on it; close it when done.
     */
    OpenJournals.Lease acquire(final String journal) {
        return OpenJournals.acquire(journal);
    }
}

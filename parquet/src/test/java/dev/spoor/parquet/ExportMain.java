/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.parquet;

import dev.spoor.core.Journal;
import dev.spoor.query.scan.Scan;

import java.nio.file.Path;

/**
 * A Parquet export of a whole journal in a JVM of its own: {@code ExportMain <journal> <out.parquet> <hashes>}. It
 * first asks for the identity hash code of {@code hashes} new objects, as a process that did other work before its
 * export has: HotSpot draws identity hash codes from a per-thread sequence, so two JVMs that did exactly the same
 * work would give every object, enum constants included, the same ones.
 */
public final class ExportMain {
    private ExportMain() {
    }

    public static void main(final String[] args) {
        long sum = 0;
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            sum += System.identityHashCode(new Object());
        }
        System.out.println("ExportMain: " + args[2] + " identity hashes drawn first (" + sum + ")");
        try (Journal journal = Journal.openReadOnly(Path.of(args[0]))) {
            new ParquetExporter(journal).export(Scan.builder().build(), Path.of(args[1]), rows -> { });
        }
    }
}

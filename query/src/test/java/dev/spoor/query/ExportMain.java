/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query;

import dev.spoor.core.Journal;
import dev.spoor.query.export.ExportFormat;
import dev.spoor.query.export.ExportResult;
import dev.spoor.query.export.Exporter;
import dev.spoor.query.scan.Scan;

import java.nio.file.Path;

/** Exports a journal in a child JVM with a small heap, for {@link ExportMemoryTest}; prints the rows. */
public final class ExportMain {
    private ExportMain() {
    }

    /**
     * @param args journal directory, output file, format (CSV or JSONL), "merged" or "per-device".
     */
    public static void main(final String[] args) {
        try (Journal journal = Journal.openReadOnly(Path.of(args[0]))) {
            final Scan scan = Scan.builder().merged("merged".equals(args[3])).build();
            final ExportResult result = new Exporter(journal).export(scan, Path.of(args[1]),
                ExportFormat.valueOf(args[2]), rows -> System.out.println("progress " + rows));
            System.out.println("rows " + result.rows() + " heap max " + Runtime.getRuntime().maxMemory());
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.query.export.ExportFormat;


/** Names of the text formats on the command line. */
final class TextFormats {
    private TextFormats() {
    }

    static ExportFormat parse(final String option, final String name) {
        switch (name) {
            case "csv":
                return ExportFormat.CSV;
            case "jsonl":
                return ExportFormat.JSONL;
            default:
                throw new IllegalArgumentException(option + ": '" + name + "' is not a format (csv, jsonl)");
        }
    }
}

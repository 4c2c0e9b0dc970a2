/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.Diagnostics;
import dev.spoor.ingest.Rejection;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keeps every rejection and warning, in order. */
final class CollectingDiagnostics implements Diagnostics {
    final List<Rejection> rejections = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void reject(final Rejection rejection) {
        rejections.add(rejection);
    }

    @Override
    public void warn(final Path file, final String message) {
        warnings.add(file + ": " + message);
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

import dev.spoor.query.export.LineageManifest;
import picocli.CommandLine.IVersionProvider;

/** {@code spoor --version}. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"spoor " + LineageManifest.spoorVersion() + " (Java " + Runtime.version() + ")"};
    }
}

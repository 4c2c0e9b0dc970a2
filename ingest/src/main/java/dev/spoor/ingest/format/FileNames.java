/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How the formats know their files in a folder: by name, ignoring case ({@code E.CSV} is a CSV file, as a copy from
 * a case-insensitive file system names it).
 */
final class FileNames {
    private FileNames() {
    }

    /**
     * @param file     a file.
     * @param suffixes what its name may end with, lower case.
     * @return true when its name, lower-cased, ends with one of them.
     */
    static boolean endsWith(final Path file, final String... suffixes) {
        final String name = lowerName(file);
        for (final String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param file a file.
     * @return its name in lower case.
     */
    static String lowerName(final Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}

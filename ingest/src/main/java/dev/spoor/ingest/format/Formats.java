/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format;

import dev.spoor.ingest.RecordingFormat;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The input formats by name: {@code balabit}, {@code aalto}, {@code csv}, {@code jsonl}, {@code pynput},
 * {@code rrweb}, {@code owamcap}. The instances are shared and thread safe (each {@link RecordingFormat#open}
 * makes its own reader).
 */
public final class Formats {
    private static final List<RecordingFormat> ALL =
        List.of(new BalabitFormat(), new AaltoFormat(), new CsvFormat(), new JsonlFormat(),
            new PynputFormat(), new RrwebFormat(), new OwaMcapFormat());

    private Formats() {
    }

    /**
     * @return every format, in the order above (unmodifiable).
     */
    public static List<RecordingFormat> all() {
        return ALL;
    }

    /**
     * @param name a format's name, any case ({@code --format}).
     * @return the format.
     * @throws IllegalArgumentException listing the names when it is none of them.
     */
    public static RecordingFormat byName(final String name) {
        if (name != null) {
            final String lower = name.toLowerCase(Locale.ROOT);
            for (final RecordingFormat format : ALL) {
                if (format.name().equals(lower)) {
                    return format;
                }
            }
        }
        throw new IllegalArgumentException("format '" + name + "' is not one of " + names());
    }

    /**
     * @return the names, comma separated, for messages and help texts.
     */
    public static String names() {
        return ALL.stream().map(RecordingFormat::name).collect(Collectors.joining(", "));
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.EventType;
import dev.spoor.core.internal.ChronicleSupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CloseReleaseTest}: writes a journal, scans it, closes it, and reports at once (no wait)
 * which files of the journal the process still holds open or mapped, whether Chronicle releases files in the
 * background in this JVM, and whether its releaser thread runs.
 */
public final class CloseReleaseMain {
    private CloseReleaseMain() {
    }

    /**
     * @param args the journal directory.
     * @throws IOException when /proc cannot be read.
     */
    public static void main(final String[] args) throws IOException {
        final Path dir = Path.of(args[0]);
        try (Journal journal = Journal.open(dir, new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            final long device = journal.devices().register("d");
            for (int i = 0; i < 20_000; i++) {
                writer.append(device, 1_000_000L * i, EventType.MOVE, i % 1920, i % 1080, 0, 0);
            }
        }
        System.out.println("held-after-writing=" + held(dir)); // at once: nothing in between to give a releaser time
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.newReader()) {
            System.out.println("blocks=" + reader.readAll((index, device, buffer, offset, length) -> true));
        }
        System.out.println("held-after-reading=" + held(dir));
        System.out.println("background=" + ChronicleSupport.isBackgroundRelease());
        System.out.println("releaser-thread=" + Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().contains("resource~releaser")));
    }

    /** Files under {@code dir} this process has open or mapped. */
    private static List<String> held(final Path dir) throws IOException {
        final List<String> held = new ArrayList<>(HeldFiles.mapped(dir));
        held.addAll(HeldFiles.open(dir));
        return held.stream().distinct().sorted().toList();
    }
}

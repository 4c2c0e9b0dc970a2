/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;

/**
 * Child process of {@link WriterLockTest}: tries to open a journal for writing and prints {@code opened} or
 * {@code refused: <message>}, then exits (closing it).
 * <pre>args: journalDir</pre>
 */
public final class OpenForWritingMain {
    private OpenForWritingMain() {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args) {
        try (Journal journal = Journal.open(Path.of(args[0]), new JournalConfig())) {
            System.out.println("opened " + journal.directory());
        } catch (final JournalException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Path;

/**
 * Child process of {@link JvmFlagsTest}, started without Chronicle's JVM flags: opens a journal for writing,
 * then read only, and prints the type and message of what each open threw.
 */
public final class OpenWithoutFlagsMain {
    private OpenWithoutFlagsMain() {
    }

    /**
     * @param args the journal directory.
     */
    public static void main(final String[] args) {
        try (Journal journal = Journal.open(Path.of(args[0]), new JournalConfig())) {
            System.out.println("opened " + journal.directory());
        } catch (final Throwable t) {
            System.out.println("open threw " + t.getClass().getName() + ": " + t.getMessage());
        }
        try (Journal journal = Journal.openReadOnly(Path.of(args[0]))) {
            System.out.println("opened read only " + journal.directory());
        } catch (final Throwable t) {
            System.out.println("openReadOnly threw " + t.getClass().getName() + ": " + t.getMessage());
        }
    }
}

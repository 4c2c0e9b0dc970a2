/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import java.nio.file.Paths;

/**
 * Child process of {@link NoPhoneHomeTest}, run without JUnit (which would mute Chronicle's analytics by
 * itself) and without any -D opt-out on its command line: writes a journal, then reports whether
 * Chronicle's analytics code is present and which threads ran.
 */
public final class NoPhoneHomeMain {
    private NoPhoneHomeMain() {
    }

    /**
     * @param args the journal directory.
     * @throws Exception when writing fails.
     */
    public static void main(final String[] args) throws Exception {
        try (Journal journal = Journal.open(Paths.get(args[0]), new JournalConfig());
             JournalWriter writer = journal.newWriter()) {
            for (int i = 0; i < 10_000; i++) {
                writer.move(i % 3, i, i, i, 0);
            }
        }
        Thread.sleep(500);
        System.out.println("analytics.disable=" + System.getProperty("chronicle.analytics.disable"));
        try {
            Class.forName("net.openhft.chronicle.analytics.Analytics");
            System.out.println("analytics-class=present");
        } catch (final ClassNotFoundException e) {
            System.out.println("analytics-class=absent");
        }
        Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("thread=" + t.getName()));
        System.out.println("junit=" + isLoadable("org.junit.jupiter.api.Test"));
    }

    private static boolean isLoadable(final String name) {
        try {
            Class.forName(name);
            return true;
        } catch (final ClassNotFoundException e) {
            return false;
        }
    }
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.internal.LockFiles;

import java.nio.file.Path;

/**
 * Child process of {@link WriterLockTest}: tries a lock file's lock and prints {@code free} (it took it, and lets it
 * go) or {@code held} (another process holds it).
 * <pre>args: lockFile</pre>
 */
public final class TryLockMain {
    private TryLockMain() {
    }

    /**
     * @param args the lock file.
     * @throws Exception when the file cannot be opened.
     */
    public static void main(final String[] args) throws Exception {
        final LockFiles.Held lock = LockFiles.tryHold(Path.of(args[0]));
        System.out.println(lock == null ? "held" : "free");
        if (lock != null) {
            lock.close();
        }
    }
}

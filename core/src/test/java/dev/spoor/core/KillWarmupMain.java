/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.core.governance.Governance;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The child {@link ChildJvm#quick} runs once per test JVM, to its end, to record the class-data-sharing archive the
 * kill tests' children start from: it walks through what they do (a new journal, plain and encrypted, appends,
 * flushes, an index write, erasures, compaction, repair, a read-only open, verify, a full read and retention), so
 * that the classes all of them load come from the archive, parsed and verified already.
 * <pre>args: scratchDir</pre>
 */
public final class KillWarmupMain {
    private static final int DEVICES = 8;
    private static final long EVENTS = 3_000;

    private KillWarmupMain() {
    }

    /**
     * @param args a directory to write scratch journals in (it need not exist).
     */
    public static void main(final String[] args) {
        final Path root = Paths.get(args[0]);
        for (final boolean isEncrypted : new boolean[] {false, true}) {
            final Path dir = root.resolve(isEncrypted ? "encrypted" : "plain");
            final JournalConfig config = new JournalConfig().blockEvents(SealCrashMain.BLOCK_EVENTS);
            try (Journal journal = Journal.open(dir, isEncrypted
                ? config.privacyPolicy(PrivacyPolicy.defaults().encryption(true)) : config)) {
                final long[] ids = KillEvents.devices(journal, DEVICES);
                try (JournalWriter writer = journal.newWriter()) {
                    for (long i = 0; i < EVENTS; i++) {
                        KillEvents.append(writer, ids, i);
                    }
                    writer.flush();
                }
                journal.writeIndex();
                journal.governance().erase(KillEvents.key(0));
                journal.governance().erase(KillEvents.key(1), KillEvents.timestampNs(100), KillEvents.timestampNs(900));
            }
            Governance.compact(dir);
            Journal.repair(dir, false);
            try (Journal journal = Journal.openReadOnly(dir)) {
                System.out.println("warm " + journal.verify().events() + " "
                    + CompactionJournal.events(journal).size());
                journal.governance().retain(1);
            }
        }
    }
}

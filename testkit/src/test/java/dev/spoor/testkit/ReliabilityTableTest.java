/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReliabilityTableTest {
    @TempDir
    Path root;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ReliabilityLog.DIR_PROPERTY);
    }

    @Test
    void gathersTheRowsOfEveryModuleAndShowsALoss() throws Exception {
        System.setProperty(ReliabilityLog.DIR_PROPERTY, root.resolve("core/target/reliability").toString());
        ReliabilityLog.record("SIGKILL", "seal", 24, 1_000, 1_000, "./mvnw -B verify -pl core");
        ReliabilityLog.record("SIGKILL", "seal", 30, 2_000, 2_000, "./mvnw -B verify -pl core");
        System.setProperty(ReliabilityLog.DIR_PROPERTY, root.resolve("cli/target/reliability").toString());
        ReliabilityLog.record("disk full", "ingest", 20, 500, 499, "./mvnw -B verify -pl cli");

        final List<String[]> rows = ReliabilityTable.rows(root);
        assertEquals(2, rows.size(), "one row per fault and operation, the rerun replacing the first");
        assertEquals("30", rows.get(0)[2]);
        final String page = ReliabilityTable.render(rows);
        assertTrue(page.contains("| SIGKILL | seal | 30 | 2,000 | 2,000 | 0 |"), page);
        assertTrue(page.contains("| disk full | ingest | 20 | 500 | 499 | **1** |"), page);

        final Path out = root.resolve("reliability.md");
        ReliabilityTable.main(new String[] {root.toString(), out.toString()});
        assertEquals(page, Files.readString(out));
    }

    @Test
    void refusesARowThatWouldBreakTheTable() {
        System.setProperty(ReliabilityLog.DIR_PROPERTY, root.toString());
        assertThrows(IllegalArgumentException.class, () -> ReliabilityLog.record("a\tb", "seal", 1, 1, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> ReliabilityLog.record("kill", "seal", 1, -1, 1, "x"));
    }
}

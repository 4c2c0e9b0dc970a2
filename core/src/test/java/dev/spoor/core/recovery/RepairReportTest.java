/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.recovery;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepairReportTest {
    @Test
    void aTerminalLineListsTheFirstDroppedBlocksAndCountsTheRestWhileTheAuditLineListsAll() {
        final List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 261; i++) {
            dropped.add("0x" + Integer.toHexString(i) + " lost: device d" + i + ", 4096 events");
        }
        final RepairReport.Action action = new RepairReport.Action(498891, "20261130-03F.cq4",
            RepairReport.Verb.REWRITE, "cut short", 84, 261, 372727, dropped);

        final String terminal = action.describe(10);
        assertTrue(terminal.contains("0x9 lost") && !terminal.contains("0xa lost"), terminal);
        assertTrue(terminal.endsWith("; and 251 more (every one in the audit log once repaired)"), terminal);
        assertTrue(terminal.startsWith("cycle 498891: rewrite queue/20261130-03F.cq4 keeping 84 intact blocks, "
            + "dropping 261 blocks, 372727 events (cut short); dropped: 0x0 lost"), terminal);

        final String audit = action.describe();
        assertTrue(audit.contains("0x104 lost: device d260"), "the audit line lists every block");
        assertFalse(audit.contains("more ("), audit);
        assertEquals(audit, action.describe(261), "nothing left out when all fit");
    }
}

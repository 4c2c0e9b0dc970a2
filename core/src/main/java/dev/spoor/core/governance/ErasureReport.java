/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.governance;

/**
 * What {@link Governance#erase(String, long, long)} recorded and what it covers, counted from the block index
 * when the erasure was recorded (blocks sealed later are covered too, but not counted here).
 *
 * @param erasure          the record appended to {@code erasures.spoor}.
 * @param blocksWhole      blocks lying entirely inside the range: readers skip them without reading them.
 * @param blocksPartly     blocks with some timestamps inside the range and some outside: readers decode them and
 *                         drop the erased events.
 * @param eventsWhole      events of {@code blocksWhole}: erased, exactly.
 * @param eventsPartly     events of {@code blocksPartly}: an upper bound of the further events erased (the index
 *                         does not know how many of them fall inside the range).
 * @param keysDestroyed    data keys destroyed (whole-device erasure of a journal that has encrypted), else 0.
 * @param keyRecordsRemoved records naming the device taken out of {@code devices.dict} (whole-device erasure),
 *                         else 0.
 * @param dictionaryProblem null, or why {@code devices.dict} may still name the device: bytes of it that did not
 *                         read as records and were kept as they are, or the file could not be rewritten (the
 *                         erasure itself is recorded and in force either way; {@code compact} tries again).
 * @param isAlreadyErased  true when earlier erasures covered it all: no erasure was recorded, the block and event
 *                         counts are 0; what an earlier run killed after its record left undone is done then (the
 *                         device's keys destroyed, its key taken out of {@code devices.dict}, the audit entry).
 * @param isAuditCompleted true when this run wrote the audit entry of an erasure an earlier run recorded and was
 *                         killed before auditing.
 */
public record ErasureReport(Erasure erasure, long blocksWhole, long blocksPartly, long eventsWhole,
    long eventsPartly, int keysDestroyed, int keyRecordsRemoved, String dictionaryProblem,
    boolean isAlreadyErased, boolean isAuditCompleted) {
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import java.nio.file.Path;
import java.util.List;

/**
 * What one ingest run did.
 *
 * @param files            input files.
 * @param filesAlreadyDone files skipped: all of them was stored by an earlier run and they have not changed.
 * @param filesResumed     files partly stored by an earlier run (a crash, or a file that grew): only the rest
 *                         was taken.
 * @param eventsAppended   events handed to the writer in this run (the privacy policy may drop some of them).
 * @param eventsSkipped    events of resumed files that earlier runs had stored, read past and not appended.
 * @param bytesRead        input bytes parsed (or checked) in this run.
 * @param seconds          wall time of the run.
 * @param rejections       rejected lines and warnings.
 * @param filesRefused     files of which every line was refused and nothing stored (most likely another format
 *                         than the run's): not recorded as ingested, so a run with the right format takes them.
 * @param filesWithoutConsent files read whole of which every event was of a device the consent list does not
 *                         name, so nothing of them is stored: not recorded as ingested, so a run whose consent list
 *                         names their devices takes them.
 * @param droppedWithoutConsent events of devices without consent, dropped by the policy.
 * @param droppedSecureInput    secure-input keys dropped by the policy.
 * @param droppedKeystrokes     keystrokes dropped by the policy.
 * @param droppedErased         events of erased devices or time ranges, dropped (not stored again).
 */
public record IngestReport(int files, int filesAlreadyDone, int filesResumed, long eventsAppended,
    long eventsSkipped, long bytesRead, double seconds, RejectionLog rejections, List<Path> filesRefused,
    List<Path> filesWithoutConsent, long droppedWithoutConsent, long droppedSecureInput, long droppedKeystrokes,
    long droppedErased) {

    /**
     * @return events appended per second of wall time.
     */
    public double eventsPerSecond() {
        return eventsAppended / Math.max(seconds, 1e-9);
    }

    /**
     * @return true when nothing was left to do: every file was already stored whole.
     */
    public boolean isNothingToDo() {
        return filesAlreadyDone == files;
    }
}

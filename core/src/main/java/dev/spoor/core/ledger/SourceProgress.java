/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.ledger;

/**
 * What the journal holds of one source file, as {@link IngestLedger#progress(String)} resolves it. A re-run
 * checks that the file's first {@code bytesCovered} bytes still hash to {@code coveredHash}, reads on from
 * there, skips the first {@code events - eventsCovered} events it parses (they are in the journal already, from a
 * batch a kill cut short), and appends the rest.
 *
 * @param sourceKey     the source, as the ingest named it.
 * @param events        events of the source in the journal (offered events: those the privacy policy dropped
 *                      count too), {@code >= eventsCovered}.
 * @param bytesCovered  the source's first bytes whose events are all in the journal.
 * @param coveredHash   the hash the ingest computed of those bytes ({@code PrefixHash}).
 * @param linesCovered  lines in those bytes.
 * @param isComplete    true when a COMPLETE record says the whole source (as it was then) is in.
 * @param eventsCovered events parsed from those bytes; the rest of {@code events} lie after them.
 */
public record SourceProgress(String sourceKey, long events, long bytesCovered, long coveredHash,
    long linesCovered, boolean isComplete, long eventsCovered) {
    /**
     * Progress whose events all lie in the covered bytes ({@code eventsCovered == events}).
     *
     * @param sourceKey    the source.
     * @param events       events in the journal, all within the covered bytes.
     * @param bytesCovered bytes covered.
     * @param coveredHash  their hash.
     * @param linesCovered their lines.
     * @param isComplete   true when the source is complete.
     */
    public SourceProgress(final String sourceKey, final long events, final long bytesCovered,
        final long coveredHash, final long linesCovered, final boolean isComplete) {
        this(sourceKey, events, bytesCovered, coveredHash, linesCovered, isComplete, events);
    }
}

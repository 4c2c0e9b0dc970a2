/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core;

import dev.spoor.codec.BlockLayout;
import dev.spoor.core.internal.StagingLayout;
import dev.spoor.core.privacy.PrivacyPolicy;

import java.time.InstantSource;

import java.nio.file.Path;

/**
 * Settings of a journal, in one place with their defaults ({@link #conclude()} checks them once).
 * {@link #blockEvents} and {@link #rollPeriod} are recorded in the journal when it is created and must
 * match when it is opened again; the rest are per process.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>blockEvents</td><td>4096</td><td>events per block (1..65536), recorded in the journal</td></tr>
 *   <tr><td>rollPeriod</td><td>HOURLY</td><td>file roll cycle, recorded in the journal</td></tr>
 *   <tr><td>maxBlockAgeMs</td><td>{@value #DEFAULT_MAX_BLOCK_AGE_MS}</td><td>an open block older than this
 *       is sealed, checked on every 1,024th append, by {@link JournalWriter#poll()} and by the idle sealer
 *       (visibilityMs); staging, not sealing, keeps events safe</td></tr>
 *   <tr><td>memoryBudgetBytes</td><td>256 MiB</td><td>staged bytes per writer; above it the least recently
 *       used devices are sealed early</td></tr>
 *   <tr><td>maxOpenBlocks</td><td>4096</td><td>devices with an open block per writer; the staging file has a
 *       quarter more slots (at least 16) for blocks on their way to the queue</td></tr>
 *   <tr><td>indexSpacing</td><td>64</td><td>blocks between entries of the sparse time index</td></tr>
 *   <tr><td>clock</td><td>system</td><td>epoch-millisecond clock for block age and roll cycles</td></tr>
 *   <tr><td>backgroundSealing</td><td>true</td><td>each writer encodes and appends blocks on a thread of its
 *       own</td></tr>
 *   <tr><td>visibilityMs</td><td>0 (off)</td><td>make every event visible to other processes within this many
 *       ms of its append, whether or not the collector keeps appending or calls {@link JournalWriter#poll()}:
 *       the journal's idle sealer checks each writer every {@code visibilityMs / 4} ms and blocks are sealed
 *       once {@link #sealAgeMs()} old</td></tr>
 *   <tr><td>blockFormatVersion</td><td>{@value BlockLayout#DEFAULT_WRITE_VERSION}</td><td>the newest block format
 *       version this process seals blocks in: 2, blocks as builds before version 3 wrote them (whole-pixel blocks as
 *       version 1; since 2026-12-02 a block whose timestamps sit on a Windows client's 15.6 ms clock is version 2
 *       with the time in clock ticks, 5.3% fewer bytes on the Balabit data), or 3, 4.6% fewer bytes on the Balabit
 *       data for about a tenth of decode speed
 *       (docs/decoder-tuning.md), which readers of builds before it cannot read. Compaction rewrites a block in its
 *       own version. Every version is always read</td></tr>
 *   <tr><td>clockLattice</td><td>true</td><td>blocks on a coarse clock code their time in its ticks
 *       ({@link #clockLattice(boolean)}); off for readers on builds from before 2026-12-02</td></tr>
 * </table>
 *
 * <h2>When other processes see an event</h2>
 * An event is visible to other processes once its block is sealed: when full, when older than
 * {@code maxBlockAgeMs} (checked on every 1,024th append, by {@link JournalWriter#poll()}, and by the idle
 * sealer when {@code visibilityMs} is set), on {@link JournalWriter#flush()} and on
 * {@link JournalWriter#close()}. Without {@code visibilityMs}, a writer that stops appending keeps its last
 * events to itself until the collector calls {@code poll()}, {@code flush()} or {@code close()}.
 */
public final class JournalConfig {
    /** Default for {@link #maxBlockAgeMs(long)}: see docs/format.md for the measurement behind it. */
    public static final long DEFAULT_MAX_BLOCK_AGE_MS = 300_000;

    private int blockEvents = BlockLayout.DEFAULT_EVENTS;
    private RollPeriod rollPeriod = RollPeriod.HOURLY;
    private long maxBlockAgeMs = DEFAULT_MAX_BLOCK_AGE_MS;
    private long memoryBudgetBytes = 256L << 20;
    private int maxOpenBlocks = 4096;
    private int indexSpacing = 64;
    private InstantSource clock = InstantSource.system();
    private boolean isBackgroundSealing = true;
    private long visibilityMs;
    private PrivacyPolicy privacyPolicy;
    private boolean isStrictPermissions;
    private Path pseudonymKeyFile;
    /** Null: the default, which depends on {@link #pseudonymKeyFile}. */
    private Boolean isDeviceDictionary;
    private int blockFormatVersion = BlockLayout.DEFAULT_WRITE_VERSION;
    private boolean isClockLattice = true;

    /**
     * @param blockEvents events per block, 1 to {@link BlockLayout#MAX_EVENTS}.
     * @return this.
     */
    public JournalConfig blockEvents(final int blockEvents) {
        this.blockEvents = blockEvents;
        return this;
    }

    /**
     * @return events per block.
     */
    public int blockEvents() {
        return blockEvents;
    }

    /**
     * @param rollPeriod the file roll cycle.
     * @return this.
     */
    public JournalConfig rollPeriod(final RollPeriod rollPeriod) {
        this.rollPeriod = rollPeriod;
        return this;
    }

    /**
     * @return the file roll cycle.
     */
    public RollPeriod rollPeriod() {
        return rollPeriod;
    }

    /**
     * @param maxBlockAgeMs age in ms after which an open block is sealed (by an append that checks the clock,
     *                      every 1,024th, by {@link JournalWriter#poll()}, or by the idle sealer when
     *                      {@link #visibilityMs(long)} is set, which may seal younger blocks).
     * @return this.
     */
    public JournalConfig maxBlockAgeMs(final long maxBlockAgeMs) {
        this.maxBlockAgeMs = maxBlockAgeMs;
        return this;
    }

    /**
     * @return the max block age in ms.
     */
    public long maxBlockAgeMs() {
        return maxBlockAgeMs;
    }

    /**
     * @param memoryBudgetBytes staged bytes per writer before least recently used devices are sealed.
     * @return this.
     */
    public JournalConfig memoryBudgetBytes(final long memoryBudgetBytes) {
        this.memoryBudgetBytes = memoryBudgetBytes;
        return this;
    }

    /**
     * @return the staging memory budget per writer.
     */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /**
     * @param maxOpenBlocks staging slots per writer.
     * @return this.
     */
    public JournalConfig maxOpenBlocks(final int maxOpenBlocks) {
        this.maxOpenBlocks = maxOpenBlocks;
        return this;
    }

    /**
     * @return staging slots per writer.
     */
    public int maxOpenBlocks() {
        return maxOpenBlocks;
    }

    /**
     * @param indexSpacing blocks between entries of the sparse time index.
     * @return this.
     */
    public JournalConfig indexSpacing(final int indexSpacing) {
        this.indexSpacing = indexSpacing;
        return this;
    }

    /**
     * @return blocks between entries of the sparse time index.
     */
    public int indexSpacing() {
        return indexSpacing;
    }

    /**
     * @param policy the privacy policy to apply from now on; stored as a new version when it differs from the
     *               journal's current one. Null (the default) keeps the journal's policy, or
     *               {@link PrivacyPolicy#defaults()} for a new journal.
     * @return this.
     */
    public JournalConfig privacyPolicy(final PrivacyPolicy policy) {
        this.privacyPolicy = policy;
        return this;
    }

    /**
     * @param keyFile a file outside the journal directory holding the 32-byte key that turns device keys into
     *                ids (HMAC-SHA256); created with mode 0600 when absent. Without it the journal alone does
     *                not tell which id is which person.
     * @return this.
     */
    public JournalConfig pseudonymKeyFile(final Path keyFile) {
        this.pseudonymKeyFile = keyFile;
        return this;
    }

    /**
     * @return the pseudonym key file, or null.
     */
    public Path pseudonymKeyFile() {
        return pseudonymKeyFile;
    }

    /**
     * Whether device keys are written to the journal's device dictionary ({@code devices.dict}), so tools show and
     * accept them. By default they are, unless the journal keeps keyed pseudonyms ({@link #pseudonymKeyFile}): a
     * dictionary would name in the journal the people its pseudonyms stand for, so there keys are written only when
     * asked for with {@code deviceDictionary(true)}.
     *
     * @param isKept true to write device keys to {@code devices.dict}, false to never write them to disk.
     * @return this.
     */
    public JournalConfig deviceDictionary(final boolean isKept) {
        this.isDeviceDictionary = isKept;
        return this;
    }

    /**
     * @return true when device keys are written to {@code devices.dict}: as set, else true without a pseudonym key
     *         file and false with one.
     */
    public boolean isDeviceDictionary() {
        return isDeviceDictionary != null ? isDeviceDictionary : pseudonymKeyFile == null;
    }

    /**
     * @return true when {@link #deviceDictionary(boolean)} was called: the journal then does as told, where by
     *         default a journal that holds devices and no {@code devices.dict} (written without one) goes on without.
     */
    boolean isDeviceDictionarySet() {
        return isDeviceDictionary != null;
    }

    /**
     * @param isStrict true to refuse opening a journal directory other users can read (default: a warning).
     * @return this.
     */
    public JournalConfig strictPermissions(final boolean isStrict) {
        this.isStrictPermissions = isStrict;
        return this;
    }

    /**
     * @return true when a journal readable by others is refused.
     */
    public boolean isStrictPermissions() {
        return isStrictPermissions;
    }

    /**
     * @return the policy to apply, or null to keep the journal's.
     */
    public PrivacyPolicy privacyPolicy() {
        return privacyPolicy;
    }

    /**
     * @param clock the wall clock, read in epoch milliseconds ({@link InstantSource#millis()}): roll cycles,
     *              block ages, policy and audit stamps; {@link InstantSource#system()} by default (tests inject
     *              their own).
     * @return this.
     * @throws IllegalArgumentException when clock is null.
     */
    public JournalConfig clock(final InstantSource clock) {
        if (clock == null) {
            throw new IllegalArgumentException("clock must not be null");
        }
        this.clock = clock;
        return this;
    }

    /**
     * @return the wall clock (epoch milliseconds through {@link InstantSource#millis()}).
     */
    public InstantSource clock() {
        return clock;
    }

    /**
     * @param isBackgroundSealing seal blocks on a thread of each writer's own (the default), so a collector
     *                            thread only stages events; false seals in the appending thread.
     * @return this.
     */
    public JournalConfig backgroundSealing(final boolean isBackgroundSealing) {
        this.isBackgroundSealing = isBackgroundSealing;
        return this;
    }

    /**
     * @return whether writers seal on a background thread.
     */
    public boolean isBackgroundSealing() {
        return isBackgroundSealing;
    }

    /**
     * Bounds how long an event stays invisible to other processes, without the collector's help: the journal
     * runs one daemon thread, the idle sealer, that every {@code visibilityMs / 4} ms (real time) seals each
     * writer's blocks that are {@link #sealAgeMs()} old by the journal's clock, so an event is visible within
     * {@code visibilityMs} of its append plus the few ms a block takes to encode and append, whether the
     * collector keeps appending, stops, or never calls {@link JournalWriter#poll()}. Shorter bounds make smaller
     * blocks for slow devices, which compress worse: on Balabit mouse data, blocks cut at 5 s of a 20 events/s
     * device take 3.64 bytes/event against 2.16 for full blocks ({@code docs/format.md}). While it is on, each
     * call of a writer takes and releases a one-word lock the idle sealer honours (see {@link JournalWriter});
     * off, writers pay nothing for it.
     *
     * @param visibilityMs the bound in ms, at least 4; 0 (the default) turns the idle sealer off.
     * @return this.
     */
    public JournalConfig visibilityMs(final long visibilityMs) {
        this.visibilityMs = visibilityMs;
        return this;
    }

    /**
     * @return the visibility bound in ms, or 0 when the idle sealer is off.
     */
    public long visibilityMs() {
        return visibilityMs;
    }

    /**
     * @return how often the idle sealer looks at each writer, ms: a quarter of {@link #visibilityMs()}, or 0
     *         when it is off.
     */
    public long idleSealPeriodMs() {
        return visibilityMs > 0 ? Math.max(1, visibilityMs / 4) : 0;
    }

    /**
     * @return the age at which writers seal an open block, ms: {@link #maxBlockAgeMs()}, or less when
     *         {@link #visibilityMs()} needs it ({@code visibilityMs - idleSealPeriodMs}), so that a block
     *         reaches that age and the idle sealer's next look within the bound.
     */
    public long sealAgeMs() {
        return visibilityMs > 0 ? Math.min(maxBlockAgeMs, visibilityMs - idleSealPeriodMs()) : maxBlockAgeMs;
    }

    /**
     * @param version the newest block format version to seal blocks in: {@link BlockLayout#VERSION_SUBPIXEL} (the
     *                default) or {@link BlockLayout#VERSION} (see the table above).
     * @return this.
     */
    public JournalConfig blockFormatVersion(final int version) {
        this.blockFormatVersion = version;
        return this;
    }

    /**
     * @return the newest block format version this process seals blocks in.
     */
    public int blockFormatVersion() {
        return blockFormatVersion;
    }

    /**
     * @param isEnabled whether blocks whose timestamps sit on a coarse clock (a Windows client's 15.6 ms) code their
     *                  time in its ticks, {@code BlockLayout.FLAG_CLOCK} (the default: 5.3% fewer bytes on the Balabit
     *                  data). Off, every block is written as builds before 2026-12-02 wrote it, for readers still on
     *                  such a build, which refuse the flag.
     * @return this.
     */
    public JournalConfig clockLattice(final boolean isEnabled) {
        this.isClockLattice = isEnabled;
        return this;
    }

    /**
     * @return whether sealed blocks may code their time in the ticks of a coarse clock.
     */
    public boolean isClockLattice() {
        return isClockLattice;
    }

    /**
     * Checks every setting.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting and its value.
     */
    public JournalConfig conclude() {
        check(blockEvents >= 1 && blockEvents <= BlockLayout.MAX_EVENTS,
            "blockEvents=" + blockEvents + " must be in 1.." + BlockLayout.MAX_EVENTS);
        check(rollPeriod != null, "rollPeriod must be set");
        check(maxBlockAgeMs > 0, "maxBlockAgeMs=" + maxBlockAgeMs + " must be positive");
        check(maxOpenBlocks >= 1, "maxOpenBlocks=" + maxOpenBlocks + " must be at least 1");
        check(memoryBudgetBytes >= blockEvents * (long)StagingLayout.EVENT_BYTES,
            "memoryBudgetBytes=" + memoryBudgetBytes + " must hold at least one full block ("
            + blockEvents * (long)StagingLayout.EVENT_BYTES + " bytes)");
        check(indexSpacing >= 1, "indexSpacing=" + indexSpacing + " must be at least 1");
        check(clock != null, "clock must be set");
        check(visibilityMs == 0 || visibilityMs >= 4, "visibilityMs=" + visibilityMs
            + " must be 0 (off) or at least 4");
        check(blockFormatVersion == BlockLayout.VERSION || blockFormatVersion == BlockLayout.VERSION_SUBPIXEL,
            "blockFormatVersion=" + blockFormatVersion + " must be " + BlockLayout.VERSION_SUBPIXEL + " or "
            + BlockLayout.VERSION);
        return this;
    }

    private static void check(final boolean isValid, final String message) {
        if (!isValid) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "JournalConfig[blockEvents=" + blockEvents + ", rollPeriod=" + rollPeriod + ", maxBlockAgeMs="
            + maxBlockAgeMs + ", memoryBudgetBytes=" + memoryBudgetBytes + ", maxOpenBlocks=" + maxOpenBlocks
            + ", indexSpacing=" + indexSpacing + ", visibilityMs=" + visibilityMs + "]";
    }
}

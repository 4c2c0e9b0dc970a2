/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a journal may keep, applied by every {@link JournalWriter} at ingest: how much of each keystroke
 * ({@link KeystrokeMode}), and optionally which devices consented to be recorded (events of any other
 * device are dropped and counted, never silently). A key event whose modifiers carry
 * {@link #SECURE_INPUT} (a password field) is dropped under every policy. Policies are stored in the
 * journal ({@code policy.spoor}), each change as a new version; see {@link Journal#policy()}.
 */
public final class PrivacyPolicy {
    /** Modifier bit a collector sets on key events typed into secure input (passwords): never stored. */
    public static final int SECURE_INPUT = 1 << 30;

    private final KeystrokeMode keystrokes;
    private final Set<String> consentedDevices;
    private final boolean isEncrypted;
    private final boolean isPseudonymous;

    private PrivacyPolicy(final KeystrokeMode keystrokes, final Set<String> consentedDevices,
        final boolean isEncrypted, final boolean isPseudonymous) {
        this.isEncrypted = isEncrypted;
        this.isPseudonymous = isPseudonymous;
        this.keystrokes = Objects.requireNonNull(keystrokes, "keystrokes");
        this.consentedDevices = consentedDevices == null ? null
            : Collections.unmodifiableSet(new TreeSet<>(consentedDevices));
    }

    /**
     * @return key classes only, every device recorded.
     */
    public static PrivacyPolicy defaults() {
        return new PrivacyPolicy(KeystrokeMode.CLASS, null, false, false);
    }

    /**
     * @param mode what to keep of keystrokes.
     * @return this policy with that mode.
     */
    public PrivacyPolicy keystrokes(final KeystrokeMode mode) {
        return new PrivacyPolicy(mode, consentedDevices, isEncrypted, isPseudonymous);
    }

    /**
     * @param deviceKeys the only devices that may be recorded, or null for every device.
     * @return this policy with that consent list.
     */
    public PrivacyPolicy consentedDevices(final Set<String> deviceKeys) {
        return new PrivacyPolicy(keystrokes, deviceKeys, isEncrypted, isPseudonymous);
    }

    /**
     * @param encrypted true to encrypt each device's blocks with a key of its own (AES-256-GCM), which makes
     *                  {@link Journal#erase(String)} possible.
     * @return this policy with that setting.
     */
    public PrivacyPolicy encryption(final boolean encrypted) {
        return new PrivacyPolicy(keystrokes, consentedDevices, encrypted, isPseudonymous);
    }

    /**
     * @param pseudonymous true when device ids are keyed HMAC-SHA256 pseudonyms (set by the journal when it is
     *                     opened with {@link JournalConfig#pseudonymKeyFile(java.nio.file.Path)}).
     * @return this policy with that setting.
     */
    public PrivacyPolicy pseudonymous(final boolean pseudonymous) {
        return new PrivacyPolicy(keystrokes, consentedDevices, isEncrypted, pseudonymous);
    }

    /**
     * @return true when device ids are keyed pseudonyms: device keys resolve to ids only with the key file.
     */
    public boolean isPseudonymous() {
        return isPseudonymous;
    }

    /**
     * @return true when blocks are encrypted per device.
     */
    public boolean isEncrypted() {
        return isEncrypted;
    }

    /**
     * @return what is kept of keystrokes.
     */
    public KeystrokeMode keystrokes() {
        return keystrokes;
    }

    /**
     * @return the devices that consented, or null when every device may be recorded.
     */
    public Set<String> consentedDevices() {
        return consentedDevices;
    }

    /**
     * @return a one-line summary, for stats and manifests.
     */
    public String describe() {
        return "keystrokes=" + keystrokes.name().toLowerCase(Locale.ROOT) + ", consent="
            + (consentedDevices == null ? "all devices" : consentedDevices.size() + " listed devices")
            + ", secure input dropped, " + (isEncrypted ? "blocks encrypted per device (erasable)" : "not encrypted")
            + (isPseudonymous ? ", device ids are keyed pseudonyms" : "");
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PrivacyPolicy && ((PrivacyPolicy)other).keystrokes == keystrokes
            && ((PrivacyPolicy)other).isEncrypted == isEncrypted
            && ((PrivacyPolicy)other).isPseudonymous == isPseudonymous
            && Objects.equals(((PrivacyPolicy)other).consentedDevices, consentedDevices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keystrokes, consentedDevices, isEncrypted, isPseudonymous);
    }

    @Override
    public String toString() {
        return describe();
    }
}

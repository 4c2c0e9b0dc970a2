/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import dev.spoor.core.Journal;
import dev.spoor.core.JournalConfig;
import dev.spoor.core.JournalWriter;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

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
    /** The consent list as device ids, sorted (a pseudonymous journal stores it so); null when kept as keys. */
    private final long[] consentedIds;
    private final boolean isEncrypted;
    private final boolean isPseudonymous;

    private PrivacyPolicy(final KeystrokeMode keystrokes, final Set<String> consentedDevices,
        final boolean isEncrypted, final boolean isPseudonymous) {
        this(keystrokes, consentedDevices, null, isEncrypted, isPseudonymous);
    }

    private PrivacyPolicy(final KeystrokeMode keystrokes, final Set<String> consentedDevices,
        final long[] consentedIds, final boolean isEncrypted, final boolean isPseudonymous) {
        this.isEncrypted = isEncrypted;
        this.isPseudonymous = isPseudonymous;
        this.keystrokes = Objects.requireNonNull(keystrokes, "keystrokes");
        this.consentedDevices = consentedDevices == null ? null
            : Collections.unmodifiableSet(new TreeSet<>(consentedDevices));
        this.consentedIds = consentedIds == null ? null : Arrays.stream(consentedIds).sorted().distinct().toArray();
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
        return new PrivacyPolicy(mode, consentedDevices, consentedIds, isEncrypted, isPseudonymous);
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
        return new PrivacyPolicy(keystrokes, consentedDevices, consentedIds, encrypted, isPseudonymous);
    }

    /**
     * @param pseudonymous true when device ids are keyed HMAC-SHA256 pseudonyms (set by the journal when it is
     *                     opened with {@link JournalConfig#pseudonymKeyFile(java.nio.file.Path)}).
     * @return this policy with that setting.
     */
    public PrivacyPolicy pseudonymous(final boolean pseudonymous) {
        return new PrivacyPolicy(keystrokes, consentedDevices, consentedIds, isEncrypted, pseudonymous);
    }

    /**
     * The consent list as the journal's device ids instead of keys: what a journal whose ids are keyed pseudonyms
     * stores, so that no journal file names the people its pseudonyms stand for (the ids are HMAC-SHA256 of the
     * keys, which the pseudonym key file alone turns keys into).
     *
     * @param idOfKey the journal's device id of a key.
     * @return this policy with its consent list as ids; itself when it has no list or holds ids already.
     */
    public PrivacyPolicy consentAsIds(final ToLongFunction<String> idOfKey) {
        if (consentedDevices == null) {
            return this;
        }
        return new PrivacyPolicy(keystrokes, null, consentedDevices.stream().mapToLong(idOfKey).toArray(),
            isEncrypted, isPseudonymous);
    }

    /**
     * The consent list read back as ids, as {@code policy.spoor} stores it for a pseudonymous journal.
     *
     * @param deviceIds the only devices that may be recorded.
     * @return this policy with that consent list.
     */
    public PrivacyPolicy consentedDeviceIds(final long[] deviceIds) {
        return new PrivacyPolicy(keystrokes, null, Objects.requireNonNull(deviceIds, "deviceIds").clone(),
            isEncrypted, isPseudonymous);
    }

    /**
     * @return true when only listed devices may be recorded (by key or by id).
     */
    public boolean hasConsentList() {
        return consentedDevices != null || consentedIds != null;
    }

    /**
     * @return devices on the consent list, -1 when every device may be recorded.
     */
    public int consentListSize() {
        return consentedDevices != null ? consentedDevices.size() : consentedIds != null ? consentedIds.length : -1;
    }

    /**
     * @return the consent list as device ids, sorted, or null when it is kept as keys or there is none.
     */
    public long[] consentedDeviceIds() {
        return consentedIds == null ? null : consentedIds.clone();
    }

    /**
     * @param deviceId a device's id in the journal.
     * @param idOfKey  the journal's device id of a key, for a list kept as keys.
     * @return true when the device's events may be stored.
     */
    public boolean consents(final long deviceId, final ToLongFunction<String> idOfKey) {
        if (consentedIds != null) {
            return Arrays.binarySearch(consentedIds, deviceId) >= 0;
        }
        return consentedDevices == null || consentedDevices.stream().anyMatch(key -> idOfKey.applyAsLong(key)
            == deviceId);
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
     * @return the keys of the devices that consented, or null when every device may be recorded or the list is
     *         kept as ids ({@link #hasConsentList()}, {@link #consentedDeviceIds()}).
     */
    public Set<String> consentedDevices() {
        return consentedDevices;
    }

    /**
     * @return a one-line summary, for stats and manifests.
     */
    public String describe() {
        return "keystrokes=" + keystrokes.name().toLowerCase(Locale.ROOT) + ", consent="
            + (hasConsentList() ? consentListSize() + " listed devices" : "all devices")
            + ", secure input dropped, " + (isEncrypted ? "blocks encrypted per device (erasable)" : "not encrypted")
            + (isPseudonymous ? ", device ids are keyed pseudonyms" : "");
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof PrivacyPolicy && ((PrivacyPolicy)other).keystrokes == keystrokes
            && ((PrivacyPolicy)other).isEncrypted == isEncrypted
            && ((PrivacyPolicy)other).isPseudonymous == isPseudonymous
            && Objects.equals(((PrivacyPolicy)other).consentedDevices, consentedDevices)
            && Arrays.equals(((PrivacyPolicy)other).consentedIds, consentedIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keystrokes, consentedDevices, isEncrypted, isPseudonymous) * 31
            + Arrays.hashCode(consentedIds);
    }

    @Override
    public String toString() {
        return describe();
    }
}

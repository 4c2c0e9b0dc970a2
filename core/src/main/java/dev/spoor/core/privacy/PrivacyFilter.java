/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

import dev.spoor.codec.EventCodes;
import org.agrona.collections.LongHashSet;

import java.util.function.ToLongFunction;

/**
 * Where the privacy policy is enforced at ingest: every event a {@code JournalWriter} accepts passes here
 * before it is staged, so nothing the policy forbids ever reaches a staging file, a block or a backup. In
 * order: events of devices outside the consent list are dropped; key events marked
 * {@link PrivacyPolicy#SECURE_INPUT} (a password field) are dropped under every policy; under
 * {@link KeystrokeMode#DROP} every key event is dropped; under {@link KeystrokeMode#CLASS} the key code is
 * replaced by its {@link KeyClass}. Each drop is counted.
 *
 * <p>Allocation free per event. Not thread safe: one per writer.
 */
public final class PrivacyFilter {
    private final KeystrokeMode keystrokes;
    private final LongHashSet consented;
    private long droppedWithoutConsent;
    private long droppedSecureInput;
    private long droppedKeystrokes;

    /**
     * @param policy        the policy in force.
     * @param deviceIdOfKey how the journal turns a consented device key into its id (pseudonyms included).
     */
    public PrivacyFilter(final PrivacyPolicy policy, final ToLongFunction<String> deviceIdOfKey) {
        this.keystrokes = policy.keystrokes();
        this.consented = consentedIds(policy, deviceIdOfKey);
    }

    /**
     * @param deviceId  the event's device.
     * @param typeCode  its {@link EventCodes} type.
     * @param modifiers for key events, the modifiers (with {@link PrivacyPolicy#SECURE_INPUT}); else ignored.
     * @return true when the event may be stored; false when the policy drops it (and it was counted).
     */
    public boolean admits(final long deviceId, final int typeCode, final int modifiers) {
        if (consented != null && !consented.contains(deviceId)) {
            droppedWithoutConsent++;
            return false;
        }
        if (!EventCodes.isKey(typeCode)) {
            return true;
        }
        if ((modifiers & PrivacyPolicy.SECURE_INPUT) != 0) {
            droppedSecureInput++;
            return false;
        }
        if (keystrokes == KeystrokeMode.DROP) {
            droppedKeystrokes++;
            return false;
        }
        return true;
    }

    /**
     * @param keyCode a key event's code as the collector saw it (a Windows virtual-key code).
     * @return what is stored: its key class code under {@link KeystrokeMode#CLASS}, the code itself under
     *     {@link KeystrokeMode#CODE}.
     */
    public int storedKey(final int keyCode) {
        return keystrokes == KeystrokeMode.CLASS ? KeyClass.ofKeyCode(keyCode).code() : keyCode;
    }

    /** @return events of devices outside the consent list, dropped. */
    public long droppedWithoutConsent() {
        return droppedWithoutConsent;
    }

    /** @return key events marked secure input, dropped. */
    public long droppedSecureInput() {
        return droppedSecureInput;
    }

    /** @return key events dropped because the policy keeps no keystrokes. */
    public long droppedKeystrokes() {
        return droppedKeystrokes;
    }

    private static LongHashSet consentedIds(final PrivacyPolicy policy, final ToLongFunction<String> idOfKey) {
        if (!policy.hasConsentList()) {
            return null;
        }
        final LongHashSet ids = new LongHashSet();
        final long[] stored = policy.consentedDeviceIds();
        if (stored != null) {
            for (final long id : stored) {
                ids.add(id);
            }
            return ids;
        }
        for (final String key : policy.consentedDevices()) {
            ids.add(idOfKey.applyAsLong(key));
        }
        return ids;
    }
}

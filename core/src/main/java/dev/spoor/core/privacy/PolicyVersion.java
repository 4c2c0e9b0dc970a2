/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.core.privacy;

/**
 * A privacy policy as the journal stored it.
 *
 * @param version 1 for the first policy, +1 for each change; 0 for a journal written before policies.
 * @param setAtMs when it was set, epoch ms.
 * @param policy  the policy.
 */
public record PolicyVersion(int version, long setAtMs, PrivacyPolicy policy) {
}

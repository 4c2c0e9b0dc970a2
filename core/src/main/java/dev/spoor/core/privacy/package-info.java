/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Privacy applied at ingest, before anything reaches a block: the journal's versioned
 * {@link dev.spoor.core.privacy.PrivacyPolicy} (keystrokes dropped, kept as {@link dev.spoor.core.privacy.KeyClass}
 * or as codes; secure input never stored; an optional consent list; per-device encryption; keyed pseudonyms),
 * and the code that enforces it on every append. Device keys become keyed HMAC-SHA256 pseudonyms under a key
 * file kept outside the journal ({@link dev.spoor.core.privacy.PseudonymKey}).
 */
package dev.spoor.core.privacy;

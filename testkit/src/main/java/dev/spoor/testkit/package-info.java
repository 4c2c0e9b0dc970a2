/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Helpers for tests and benchmarks: {@link dev.spoor.testkit.SharedData} finds the team's shared recordings,
 * {@link dev.spoor.testkit.BalabitReader} and {@link dev.spoor.testkit.AaltoReader} read them into an
 * {@link dev.spoor.testkit.EventSink}. Not for production code: the CLI's ingest has its own readers.
 */
package dev.spoor.testkit;

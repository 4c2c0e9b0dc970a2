/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Helpers for tests and benchmarks: {@link dev.spoor.testkit.SharedData} finds the team's shared recordings. It
 * does not read them: the ingest module's formats ({@code dev.spoor.ingest.format}) are the one set of parsers,
 * and this kit cannot depend on them, since the tests of the modules ingest depends on may use it.
 */
package dev.spoor.testkit;

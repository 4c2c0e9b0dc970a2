/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code spoor} command ({@link dev.spoor.cli.SpoorCli}, picocli): demo, ingest (balabit, aalto, csv,
 * jsonl), stats, scan, sessions, export, heatmap, verify, retain, erase, compact, audit. Exit codes 0 / 1 / 2,
 * messages that name the file, line and field, progress bars only on a terminal. Shaded into
 * {@code cli/target/spoor.jar}, whose manifest carries Chronicle's exports and opens; {@code ./spoor} builds
 * and runs it.
 */
package dev.spoor.cli;

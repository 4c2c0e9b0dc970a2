/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * The {@code spoor} command ({@link dev.spoor.cli.SpoorCli}, picocli): demo, ingest (balabit, aalto, csv,
 * jsonl, pynput, rrweb, owamcap), stats, devices, scan, sessions, export, heatmap, verify, retain, erase, compact,
 * repair, audit. Exit codes 0 (done), 1 (failed: the message names the file, line, field or device) and 2 (bad
 * usage, a bad option value included); a command never ends without a line saying why, Errors included. Commands
 * whose output stands for the journal's events refuse a damaged journal unless {@code --on-damage skip}
 * ({@link dev.spoor.cli.DamageOption}) and an unknown {@code --device} ({@link dev.spoor.cli.KnownDevices}).
 * Progress bars only on a terminal. Shaded into
 * {@code cli/target/spoor.jar}, whose manifest carries Chronicle's exports and opens; {@code ./spoor} builds
 * and runs it.
 */
package dev.spoor.cli;

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * A small streaming reader of MCAP files (mcap.dev/spec, major version 0), the container of the OWAMcap recordings
 * ({@link dev.spoor.ingest.format.OwaMcapFormat}). No MCAP library exists for Java; this one reads the records a
 * linear reader needs (Header, Schema, Channel, Message, Chunk with zstd, lz4 or no compression, Data End,
 * Footer), skips the index and summary records, checks every CRC the spec defines for them, and bounds every
 * length it reads by what is left of its container and by
 * {@link dev.spoor.ingest.format.mcap.McapReader#MAX_CHUNK_BYTES} before sizing anything by it. Damage is a
 * {@link dev.spoor.ingest.format.mcap.McapFormatException} naming the file, the byte offset and the record.
 */
package dev.spoor.ingest.format.mcap;

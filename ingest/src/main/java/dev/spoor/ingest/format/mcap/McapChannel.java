/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

/**
 * A Channel record (its metadata map is not kept).
 *
 * @param id              the channel id messages refer to.
 * @param schemaId        its schema's id, 0 for none.
 * @param topic           the topic, e.g. {@code mouse}.
 * @param messageEncoding how its messages are encoded, e.g. {@code json}.
 */
public record McapChannel(int id, int schemaId, String topic, String messageEncoding) {
}

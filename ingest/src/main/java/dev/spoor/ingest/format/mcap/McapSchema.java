/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest.format.mcap;

/**
 * A Schema record (its data, the schema text, is not kept).
 *
 * @param id       the schema id channels refer to.
 * @param name     its name, e.g. {@code desktop/MouseEvent}.
 * @param encoding the schema's encoding, e.g. {@code jsonschema}.
 */
public record McapSchema(int id, String name, String encoding) {
}

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.spoor.core.OutputFile;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every rejection of an ingest written to a file as it happens, one JSON object a line, so the whole list is
 * there however many lines were rejected while the report keeps only the first few in memory:
 * <pre>
 *   {"file":"in/a.csv","line":7,"kind":"MALFORMED","field":"x","value":"1.5.2","reason":"is not a number ..."}
 * </pre>
 * {@code field} and {@code value} are null where the rejection names none. Written with Jackson's generator;
 * thread safe (parse workers report concurrently).
 */
public final class RejectionFile implements Consumer<Rejection>, Closeable {
    private final Path path;
    private final BufferedWriter out;
    private final JsonGenerator json;

    /**
     * @param path the file, created or truncated.
     * @throws UncheckedIOException naming the path when it cannot be written.
     */
    public RejectionFile(final Path path) {
        this.path = path;
        try {
            this.out = Files.newBufferedWriter(OutputFile.target(path, "rejections file", List.of()),
                StandardCharsets.UTF_8);
            this.json = new JsonFactory().createGenerator(out);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the rejections to " + path + ": " + e.getMessage(), e);
        }
        json.setRootValueSeparator(null);
    }

    @Override
    public synchronized void accept(final Rejection rejection) {
        try {
            json.writeStartObject();
            json.writeStringField("file", rejection.file().toString());
            json.writeNumberField("line", rejection.line());
            json.writeStringField("kind", rejection.kind().name());
            json.writeStringField("field", rejection.field());
            json.writeStringField("value", rejection.value());
            json.writeStringField("reason", rejection.reason());
            json.writeEndObject();
            json.flush();
            out.write('\n');
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the rejections to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            json.close();
            out.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the rejections to " + path + ": " + e.getMessage(), e);
        }
    }
}

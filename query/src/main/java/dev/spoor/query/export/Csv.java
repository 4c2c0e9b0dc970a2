/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.query.export;

import java.io.IOException;
import java.io.Writer;

/** RFC 4180 field quoting. */
final class Csv {
    private Csv() {
    }

    /** Writes a field, quoted (with inner quotes doubled) when it holds a comma, quote, CR or LF. */
    static void writeField(final Writer out, final String field) throws IOException {
        boolean isQuoted = false;
        for (int i = 0; i < field.length() && !isQuoted; i++) {
            final char c = field.charAt(i);
            isQuoted = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!isQuoted) {
            out.write(field);
            return;
        }
        out.write('"');
        out.write(field.replace("\"", "\"\""));
        out.write('"');
    }
}

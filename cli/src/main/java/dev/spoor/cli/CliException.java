/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.cli;

/** A failure the user can act on; its message is printed as it is (exit code 1). */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(final String message) {
        super(message);
    }
}

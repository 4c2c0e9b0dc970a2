/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Implementation details of the journal (Chronicle access, staging files, metadata, varints). Other modules
 * must not import this package.
 */
package dev.spoor.core.internal;

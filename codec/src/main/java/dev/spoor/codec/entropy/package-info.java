/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
/**
 * Bit streams and canonical Huffman coding used inside the block's column section. Internal to the codec:
 * other modules use {@link dev.spoor.codec.BlockEncoder} and {@link dev.spoor.codec.BlockDecoder}.
 */
package dev.spoor.codec.entropy;

/*
 * Copyright 2026 the Spoor authors. Licensed under the Apache License, Version 2.0.
 */
package dev.spoor.codec;

import java.util.zip.CRC32C;

/** The CRC32C of a block: every byte except the checksum field itself. */
final class BlockChecksum {
    private BlockChecksum() {
    }

    static int compute(final CRC32C crc, final byte[] block, final int blockLength) {
        crc.reset();
        crc.update(block, 0, BlockLayout.CRC_OFFSET);
        final int afterCrc = BlockLayout.CRC_OFFSET + 4;
        crc.update(block, afterCrc, blockLength - afterCrc);
        return (int)crc.getValue();
    }
}

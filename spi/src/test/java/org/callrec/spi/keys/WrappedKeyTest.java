package org.callrec.spi.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WrappedKeyTest {
    @Test
    void cannotBeChangedThroughTheBytesItWasGivenOrReturns() {
        byte[] bytes = {1, 2, 3};
        WrappedKey key = new WrappedKey("k1", bytes);

        bytes[0] = 9;
        key.bytes()[1] = 9;

        assertArrayEquals(new byte[] {1, 2, 3}, key.bytes());
    }

    @Test
    void showsOnlyItsKeyIdAndLength() {
        assertEquals("WrappedKey[keyId=k1, 3 bytes]", new WrappedKey("k1", new byte[3]).toString());
    }

    @Test
    void refusesAnEmptyKey() {
        assertThrows(IllegalArgumentException.class, () -> new WrappedKey("k1", new byte[0]));
    }
}

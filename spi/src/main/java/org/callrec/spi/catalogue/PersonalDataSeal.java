package org.callrec.spi.catalogue;

/**
 * Seals the personal data a catalogue keeps (addresses and phone numbers) so that a copy of the
 * catalogue alone reveals no one's number, and derives the keyed hash (the blind index) under
 * which a normalised number is found again (clause 4.4, subject access).
 *
 * <p>The core supplies the implementation (an AEAD and a keyed PRF behind the key provider or a
 * dedicated keyset); a catalogue only stores what it returns. Implementations are safe for use
 * from many threads and never log what they seal.
 */
public interface PersonalDataSeal {
    /**
     * Seals a value; sealing the same value twice gives different text.
     *
     * @param clear the value; never null
     * @param context what the value is bound to (such as the call id); it must be given again to
     *     open it
     * @return printable text, safe to store; never null
     */
    String seal(String clear, String context);

    /**
     * Opens a sealed value.
     *
     * @throws IllegalStateException when the text was not sealed by this seal with this context
     */
    String open(String sealed, String context);

    /**
     * Returns the blind index of a normalised value such as an E.164 number: the same value
     * always gives the same index, and the index reveals nothing without the key.
     *
     * @return lower-case hexadecimal text; never null
     */
    String blindIndex(String normalised);
}

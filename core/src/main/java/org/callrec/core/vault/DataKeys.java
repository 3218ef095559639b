package org.callrec.core.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The per-recording data keys: how they are generated, encoded for wrapping, turned into a
 * streaming cipher, and bound to their recording by associated data.
 *
 * <p>A data key is 32 random bytes used as the key of Tink's AES-GCM-HKDF streaming cipher. What
 * is wrapped is {@link #RAW_KEY_FORM} followed by those bytes. Recordings stored before that form
 * existed have a serialised Tink keyset wrapped instead; {@link #streamingAead} reads both, and
 * both give the same ciphertext format, so every stored object opens with either.
 */
final class DataKeys {
    /** The size of one ciphertext segment: the unit that is encrypted and authenticated. */
    static final int SEGMENT_BYTES = 64 * 1024;

    /** The size of a data key in bytes. */
    static final int KEY_BYTES = 32;

    /**
     * AES-256-GCM-HKDF streaming with 64 KiB segments. A segment is the most plaintext held in
     * memory and the unit authenticated before any of it is released. 64 KiB keeps the per-segment
     * overhead near 0.03% of the audio and the GCM call short enough to run fast before the JIT has
     * compiled it, which megabyte segments do not. AES-256 because recordings can be kept for
     * years under a hold.
     */
    static final AesGcmHkdfStreamingParameters PARAMETERS = parameters();

    /**
     * The first bytes of a wrapped raw data key: a name and a version. A serialised Tink keyset
     * starts with a protobuf field tag (0x08 or 0x12), never with 'C', so the two forms cannot be
     * taken for each other.
     */
    static final byte[] RAW_KEY_FORM = "CRDK\u0002".getBytes(US_ASCII);

    private static final String KEY_BINDING = "callrec/recording-data-key/v1:";
    private static final String CONTENT_BINDING = "callrec/recording-audio/v1:";

    private DataKeys() {}

    /**
     * Generates a fresh data key and returns it in the form that is wrapped. A raw key from the
     * platform's strong random source costs a few microseconds, where generating and serialising
     * a Tink keyset per recording costs far more, most of all on the first call. The caller clears
     * the returned bytes as soon as they are wrapped; they are never written anywhere.
     */
    static byte[] generate(SecureRandom random) {
        byte[] encoded = Arrays.copyOf(RAW_KEY_FORM, RAW_KEY_FORM.length + KEY_BYTES);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        System.arraycopy(key, 0, encoded, RAW_KEY_FORM.length, KEY_BYTES);
        Arrays.fill(key, (byte) 0);
        return encoded;
    }

    /**
     * Returns the streaming cipher of an unwrapped data key, in either form: a raw key after
     * {@link #RAW_KEY_FORM}, or a serialised Tink keyset as recordings stored before kept. The
     * caller clears the bytes afterwards.
     */
    static StreamingAead streamingAead(byte[] unwrapped) throws GeneralSecurityException {
        if (!isRawKey(unwrapped)) {
            KeysetHandle keyset =
                    TinkProtoKeysetFormat.parseKeyset(unwrapped, InsecureSecretKeyAccess.get());
            return keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        }

        byte[] raw = Arrays.copyOfRange(unwrapped, RAW_KEY_FORM.length, unwrapped.length);
        try {
            SecretBytes key = SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get());
            return AesGcmHkdfStreaming.create(AesGcmHkdfStreamingKey.create(PARAMETERS, key));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private static boolean isRawKey(byte[] unwrapped) {
        return unwrapped.length == RAW_KEY_FORM.length + KEY_BYTES
                && Arrays.equals(unwrapped, 0, RAW_KEY_FORM.length,
                        RAW_KEY_FORM, 0, RAW_KEY_FORM.length);
    }

    /** The associated data a recording's data key is wrapped under: its recording id. */
    static byte[] keyAssociatedData(String recordingId) {
        return (KEY_BINDING + recordingId).getBytes(UTF_8);
    }

    /**
     * The associated data a recording's audio is encrypted under. The recording id has a fixed
     * form without ':', so the two ids cannot run into each other ambiguously.
     */
    static byte[] contentAssociatedData(String recordingId, String callId) {
        return (CONTENT_BINDING + recordingId + ":" + callId).getBytes(UTF_8);
    }

    private static AesGcmHkdfStreamingParameters parameters() {
        try {
            StreamingAeadConfig.register();
            return AesGcmHkdfStreamingParameters.builder()
                    .setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(SEGMENT_BYTES)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

package org.callrec.core.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/**
 * The per-recording data keys: how they are generated, serialised for wrapping, turned into a
 * streaming cipher, and bound to their recording by associated data.
 */
final class DataKeys {
    /** The size of one ciphertext segment: the unit that is encrypted and authenticated. */
    static final int SEGMENT_BYTES = 64 * 1024;

    /**
     * AES-256-GCM-HKDF streaming with 64 KiB segments. A segment is the most plaintext held in
     * memory and the unit authenticated before any of it is released. 64 KiB keeps the per-segment
     * overhead near 0.03% of the audio and the GCM call short enough to run fast before the JIT has
     * compiled it, which megabyte segments do not. AES-256 because recordings can be kept for
     * years under a hold.
     */
    static final AesGcmHkdfStreamingParameters PARAMETERS = parameters();

    private static final String KEY_BINDING = "callrec/recording-data-key/v1:";
    private static final String CONTENT_BINDING = "callrec/recording-audio/v1:";

    private DataKeys() {}

    /** Generates a fresh keyset holding one data key. */
    static KeysetHandle generate() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PARAMETERS);
    }

    /**
     * Serialises a data keyset, key material included, for wrapping. The caller clears the
     * returned bytes as soon as they are wrapped; they are never written anywhere.
     */
    static byte[] serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    /** Parses an unwrapped data keyset; the caller clears the bytes afterwards. */
    static KeysetHandle parse(byte[] serialized) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseKeyset(serialized, InsecureSecretKeyAccess.get());
    }

    /** Returns the streaming cipher of a data keyset. */
    static StreamingAead streamingAead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
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

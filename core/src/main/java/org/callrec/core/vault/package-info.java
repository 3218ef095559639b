/**
 * The recording vault: every recorded span is encrypted under its own data key and kept as an
 * immutable object, with its metadata and wrapped key in the catalogue.
 *
 * <p>{@link org.callrec.core.vault.RecordingVault} is the entry point. It stores a span by
 * generating a fresh Tink streaming-AEAD keyset (AES-GCM-HKDF, 64 KiB segments), wrapping it with
 * the {@link org.callrec.spi.keys.KeyProvider}, streaming the audio through the cipher into the
 * {@link org.callrec.spi.storage.StorageBackend}, and only then adding the
 * {@link org.callrec.spi.catalogue.RecordingEntry}; it reads a recording back by unwrapping its
 * key and decrypting as the caller reads. Plaintext audio never reaches the backend or the disk.
 *
 * <p>{@link org.callrec.core.vault.LocalKeysetKeyProvider} is a key provider that keeps its
 * key-encryption keys in a local file, fit for evaluation only; production deployments put a KMS
 * or an HSM behind the same contract.
 *
 * <p>The exceptions say which rule stopped a store or a read:
 * {@link org.callrec.core.vault.RecordingNotStoredException},
 * {@link org.callrec.core.vault.UnknownRecordingException},
 * {@link org.callrec.core.vault.RecordingKeyUnavailableException} and
 * {@link org.callrec.core.vault.RecordingIntegrityException}.
 */
package org.callrec.core.vault;

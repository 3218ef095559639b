/**
 * Key-encryption keys: the {@link org.callrec.spi.keys.KeyProvider} contract that wraps and
 * unwraps each recording's data key. It speaks bytes, not any crypto library's types, so a cloud
 * KMS or an HSM can stand behind it.
 */
package org.callrec.spi.keys;

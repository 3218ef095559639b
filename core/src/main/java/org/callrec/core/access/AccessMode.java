package org.callrec.core.access;

import java.util.Locale;

/** How the audio is to be used once read: heard, or taken away as a copy. */
public enum AccessMode {
    /** Listened to; the copy is not kept. */
    PLAY,
    /** Downloaded or exported: a decrypted copy leaves the vault. */
    DOWNLOAD;

    /** Returns the lower-case word the audit trail uses, such as {@code play}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

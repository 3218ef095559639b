package org.callrec.storage.breaking;

import org.callrec.core.vault.RecordingVault;

/** Breaks the rule that backends see only the SPI: it holds core's vault. */
public final class BackendUsingCore {
    private final RecordingVault vault;

    /** Creates the breaking backend over a vault. */
    public BackendUsingCore(RecordingVault vault) {
        this.vault = vault;
    }

    /** Returns the vault it should never have seen. */
    public RecordingVault vault() {
        return vault;
    }
}

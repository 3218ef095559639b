package org.callrec.core.breaking;

import java.io.IOException;
import java.nio.file.Path;
import org.callrec.storage.fs.FileSystemStorageBackend;

/** Breaks the rule that core sees no backend: it opens the file-system backend itself. */
public final class CoreUsingBackend {
    private CoreUsingBackend() {
    }

    /** Opens a backend that core should only ever see through the SPI. */
    public static FileSystemStorageBackend open(Path root) throws IOException {
        return new FileSystemStorageBackend(root);
    }
}

package org.callrec.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real captures, audio, policy and directories bundled with the tool for
 * {@code callrec demo}, written out to a folder so that every command the demo prints can be
 * run again by hand.
 */
public final class DemoInputs {
    /** Bundled resources, relative to {@code /callrec/}, written out unchanged. */
    static final List<String> FILES = List.of(
            "policy.yaml",
            "directory-hr.yaml",
            "directory-repairs.yaml",
            "demo/README.md",
            "demo/SHA256SUMS",
            "demo/LICENSES/cacofonisk-MIT.txt",
            "demo/ami/ab_success_a_hangup.ami",
            "demo/ami/xfer_blind_abbcac.ami",
            "demo/ami/xfer_attended_abbcac.ami",
            "demo/audio/demo-congrats.wav",
            "demo/audio/LICENSE-asterisk-core-en-1.4.27",
            "demo/audio/CREDITS-asterisk-core-en-1.4.27");

    private final Path folder;

    private DemoInputs(Path folder) {
        this.folder = folder;
    }

    /** Writes the bundled inputs under a folder and returns where they are. */
    public static DemoInputs writeTo(Path folder) throws IOException {
        for (String name : FILES) {
            Path target = folder.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = DemoInputs.class.getResourceAsStream("/callrec/" + name)) {
                if (in == null) {
                    throw new IOException("bundled demo input /callrec/" + name
                            + " is missing from the class path");
                }
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new DemoInputs(folder);
    }

    /** Returns the shipped policy file. */
    public Path policy() {
        return folder.resolve("policy.yaml");
    }

    /** Returns the directory in which extension 203 is a member of HR. */
    public Path directoryWithHr() {
        return folder.resolve("directory-hr.yaml");
    }

    /** Returns the directory in which extension 203 is a Responsive Repairs agent. */
    public Path directoryWithRepairs() {
        return folder.resolve("directory-repairs.yaml");
    }

    /** Returns a bundled capture by file name. */
    public Path capture(String name) {
        return folder.resolve("demo/ami").resolve(name);
    }

    /** Returns the audio that stands for each recorded span. */
    public Path audio() {
        return folder.resolve("demo/audio/demo-congrats.wav");
    }
}

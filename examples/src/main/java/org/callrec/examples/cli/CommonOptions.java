package org.callrec.examples.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.callrec.examples.Locations;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "callrec-data",
            description = "Folder of the embedded default installation"
                    + " (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--store", paramLabel = "URI",
            description = "Keep recordings in an S3-compatible object store: s3://BUCKET/PREFIX"
                    + " (default: recordings/ in the data folder). Credentials come from the AWS"
                    + " SDK's default chain, such as AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
    String store;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "The S3 API endpoint for --store, such as http://127.0.0.1:9000"
                    + " (default: AWS).")
    String endpoint;

    @Option(names = "--catalogue", paramLabel = "JDBC-URL",
            description = "The catalogue database, such as jdbc:postgresql://HOST:5432/callrec"
                    + " (default: embedded H2 in the data folder). The user and password come"
                    + " from CALLREC_CATALOGUE_USER and CALLREC_CATALOGUE_PASSWORD when set.")
    String catalogue;

    @Option(names = {"-v", "--verbose"},
            description = "Log decisions and show stack traces on failure.")
    boolean verbose;

    /** Returns where recordings and the catalogue live; the embedded defaults when not given. */
    Locations locations() {
        return new Locations(Optional.ofNullable(store), Optional.ofNullable(endpoint),
                Optional.ofNullable(catalogue),
                Optional.ofNullable(System.getenv("CALLREC_CATALOGUE_USER")),
                Optional.ofNullable(System.getenv("CALLREC_CATALOGUE_PASSWORD")));
    }
}

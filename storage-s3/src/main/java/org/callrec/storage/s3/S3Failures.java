package org.callrec.storage.s3;

import java.io.IOException;
import org.callrec.spi.storage.ObjectKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns the SDK's exceptions into {@link IOException}s naming the bucket, key and status. */
final class S3Failures {
    private final String bucket;

    S3Failures(String bucket) {
        this.bucket = bucket;
    }

    /** Describes a failed action on one object. */
    IOException of(String action, ObjectKey key, SdkException cause) {
        return new IOException("could not " + action + " object '" + key + "' in bucket '"
                + bucket + "': " + describe(cause), cause);
    }

    /** Describes a failed action on the bucket. */
    IOException ofBucket(String action, SdkException cause) {
        return new IOException("could not " + action + " bucket '" + bucket + "': "
                + describe(cause), cause);
    }

    /** Returns the status, error code and attempts of a failure, without credentials. */
    static String describe(SdkException cause) {
        if (cause instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? null
                    : s3.awsErrorDetails().errorCode();
            return "status " + s3.statusCode() + (code == null ? "" : " (" + code + ")")
                    + attempts(cause);
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "no answer from the store (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")"
                + attempts(cause);
    }

    private static String attempts(SdkException cause) {
        return cause.numAttempts() == null ? "" : " after " + cause.numAttempts() + " attempts";
    }
}

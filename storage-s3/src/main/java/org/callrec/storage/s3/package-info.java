/**
 * The storage backend on any S3-compatible object store, on the AWS SDK for Java v2 with a
 * synchronous client and a blocking HTTP client. Found through {@link java.util.ServiceLoader}
 * as {@code s3}; see {@link org.callrec.storage.s3.S3StorageProvider} for its settings.
 */
package org.callrec.storage.s3;

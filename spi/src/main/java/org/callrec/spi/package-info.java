/**
 * The contracts that telephony adapters, storage backends, catalogues, key providers and staff
 * directories implement, and the value types they exchange with the core.
 *
 * <p>Everything here uses plain JDK types so that an integrator can implement a contract without
 * pulling in the core or any crypto, database or YAML library. Implementations are found with
 * {@link java.util.ServiceLoader} through a small provider interface per contract, each with a
 * stable {@code name()} and a factory method that takes a {@link org.callrec.spi.ProviderConfig}.
 *
 * <p>No implementation may log a phone number, a person's name or audio content. Value types
 * that carry such data redact it in {@code toString()}.
 */
package org.callrec.spi;

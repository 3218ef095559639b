/**
 * Finding telephony adapters, storage backends, catalogues, key providers and staff directories:
 * {@link org.callrec.core.providers.ProviderRegistry} loads each provider type through
 * {@link java.util.ServiceLoader} in one place, refuses duplicate names, and also takes providers
 * registered explicitly, bypassing discovery.
 */
package org.callrec.core.providers;

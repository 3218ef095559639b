/**
 * The catalogue in SQL: {@link org.callrec.catalogue.jdbc.JdbcCatalogue} keeps calls, recordings
 * and retention deadlines in an embedded H2 database in file mode by default, or in any database
 * named by a JDBC URL whose dialect has migrations here (H2 and PostgreSQL).
 *
 * <p>{@link org.callrec.catalogue.jdbc.JdbcCatalogueProvider} is the {@code ServiceLoader} entry,
 * chosen by the name {@code jdbc}. The schema is brought up to date by Flyway when a catalogue is
 * opened, from {@code db/migration/common} and the vendor's own folder. Everything else in this
 * package is an implementation detail and package-private: the settings, the SQL of each group of
 * tables, and the column pair that keeps an instant exactly.
 */
package org.callrec.catalogue.jdbc;

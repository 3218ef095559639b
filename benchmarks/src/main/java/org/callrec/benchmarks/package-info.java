/**
 * JMH benchmarks of Callrec's hot paths, each beside the floor it is judged against (measured in
 * the same run, so each result reads as a ratio), and
 * {@link org.callrec.benchmarks.BenchmarkReport}, which renders a JMH JSON result into the table
 * of {@code benchmarks/README.md}.
 *
 * <p>Not published. Run with {@code benchmarks/run.sh}.
 */
package org.callrec.benchmarks;

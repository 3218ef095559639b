/**
 * The {@code callrec} command-line tool, built with picocli: {@code replay}, {@code recordings},
 * {@code explain} and {@code demo}. Exit codes: 0 for success, 2 for a usage error, 1 for bad
 * input (one line naming the file and line) or a failure; a stack trace only with
 * {@code --verbose}.
 */
package org.callrec.examples.cli;

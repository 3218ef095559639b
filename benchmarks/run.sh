#!/usr/bin/env bash
# Runs the benchmarks (all, or those matching the arguments) with the GC profiler, writes the
# JMH JSON result to benchmarks/target/results.json and renders it into benchmarks/README.md.
# Usage, from the repository root: benchmarks/run.sh [JMH regexp or options...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -B -ntp -DskipTests package -pl benchmarks -am
CP="benchmarks/target/classes:$(cat benchmarks/target/benchmark.classpath)"
COMMAND="benchmarks/run.sh $*"
java -cp "$CP" org.openjdk.jmh.Main -prof gc -rf json -rff benchmarks/target/results.json "$@"
java -cp "$CP" org.callrec.benchmarks.BenchmarkReport benchmarks/target/results.json \
    benchmarks/README.md "${COMMAND% }"

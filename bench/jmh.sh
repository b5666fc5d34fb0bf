#!/usr/bin/env bash
# The JMH microbenchmarks (bench/jmh): the cpu device's kernels and the training loop's overheads.
#
#   bench/jmh.sh                 every benchmark (about 15 minutes)
#   bench/jmh.sh Kernel          the kernels only; any JMH options may follow, e.g.
#   bench/jmh.sh Kernel -p threads=2 -p batch=1024x100
#   bench/jmh.sh TrainingStep    one warm W2 training step (add -prof gc for bytes per step)
#   bench/jmh.sh -l              list them
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/jmh/target/benchmarks.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
exec java -jar "$jar" "$@"

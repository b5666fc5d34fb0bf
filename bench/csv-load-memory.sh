#!/usr/bin/env bash
# The CSV memory target: a 1,000,000 × 100 file must load with peak heap under twice its float
# matrix (2 × 381 MiB). Generates the file once (about 0.9 GB, in $TMPDIR), then loads it through
# the csv data source with -Xmx at exactly twice the matrix: an OutOfMemoryError would fail it.
#
#   bench/csv-load-memory.sh [ROWS] [FEATURES]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
features=${2:-100}
file=${TMPDIR:-/tmp}/descent-bench-${rows}x${features}.csv
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
if [ ! -f "$file" ]; then
  echo "generating $file ..." >&2
  awk -v rows="$rows" -v d="$features" 'BEGIN {
    srand(1);
    for (j = 1; j <= d; j++) printf "x%d,", j; print "y";
    for (i = 0; i < rows; i++) {
      y = 4.2;
      for (j = 1; j <= d; j++) { v = rand() * 2 - 1; y += v; printf "%.5f,", v }
      printf "%.5f\n", y;
    }
  }' > "$file.tmp" && mv "$file.tmp" "$file"
fi
matrix_mib=$(( rows * features * 4 / 1048576 ))
limit=$(( 2 * matrix_mib ))
java -Xmx${limit}m -cp "$jar" bench/CsvLoadPeak.java "$file"

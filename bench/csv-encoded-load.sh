#!/usr/bin/env bash
# Loading a table with missing cells and category columns (issue 31): ROWS rows of 18 numbers (1% of
# cells empty) and 2 text columns (8 and 40 categories), loaded through the csv source with
# data.missing = mean, so the columns are read as written, filled, one-hot encoded and standardised.
# Reports the load time and the heap pools' peak against the float matrix it ends with.
#
#   bench/csv-encoded-load.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
file=${TMPDIR:-/tmp}/descent-bench-encoded-${rows}.csv
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
if [ ! -f "$file" ]; then
  echo "generating $file ..." >&2
  awk -v rows="$rows" 'BEGIN {
    srand(1);
    for (j = 1; j <= 18; j++) printf "x%d,", j; print "kind,region,y";
    for (i = 0; i < rows; i++) {
      y = 4.2;
      for (j = 1; j <= 18; j++) { v = rand() * 2 - 1; y += v; if (rand() < 0.01) printf ","; else printf "%.5f,", v }
      k = int(rand() * 8); r = int(rand() * 40);
      printf "kind%d,region%d,%.5f\n", k, r, y + k * 0.3;
    }
  }' > "$file.tmp" && mv "$file.tmp" "$file"
fi
java -cp "$jar" bench/CsvLoadPeak.java "$file" missing=mean target=y

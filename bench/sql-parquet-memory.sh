#!/usr/bin/env bash
# The SQL memory target (issue 31): a 5,000,000-row Parquet file trains through the built-in DuckDB
# (data = sql) with peak memory within 1.25 × its float features + 150 MiB. Generates the file once
# (in $TMPDIR), then trains one epoch on it as a process and reports the process's peak RSS.
#
#   bench/sql-parquet-memory.sh [ROWS] [FEATURES]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-5000000}
features=${2:-20}
file=${TMPDIR:-/tmp}/descent-bench-${rows}x${features}.parquet
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
if [ ! -f "$file" ]; then
  echo "generating $file ..." >&2
  java -cp "$jar" bench/MakeParquet.java "$file.tmp" "$rows" "$features" && mv "$file.tmp" "$file"
fi
features_mib=$(python3 -c "print(f'{$rows * $features * 4 / 2**20:.0f}')")
allowed_mib=$(python3 -c "print(f'{1.25 * $rows * $features * 4 / 2**20 + 150:.0f}')")
out=$(mktemp)
/usr/bin/time -f "%M %e" -o "$out" java -jar "$jar" train -q --set data=sql \
  --set "data.query=SELECT * FROM '$file'" --set data.target=y --set train.epochs=1 \
  --set train.batch-size=1024 --set train.epoch-figures=running
read -r rss_kib seconds < "$out"
rm -f "$out"
rss_mib=$(( rss_kib / 1024 ))
echo "$rows rows x $features features: float features $features_mib MiB; peak RSS $rss_mib MiB (allowed $allowed_mib MiB); $seconds s in all"
[ "$rss_mib" -le "$allowed_mib" ] && echo "met" || echo "missed"

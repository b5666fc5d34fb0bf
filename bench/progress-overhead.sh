#!/usr/bin/env bash
# What the progress bar costs: W2 (100,000 steps of 10 examples, the worst case for per-step
# overhead) with --progress always and --progress never, interleaved, REPS times each. Prints the
# median training seconds of each and the difference. Target: at most 2%.
#
#   [EXAMPLES=3000000] bench/progress-overhead.sh [REPS]   (the bar appears once an epoch passes 2 s)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-7}
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
examples=${EXAMPLES:-1000000}
w2="--set data.examples=$examples --set train.epochs=1"
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
on=(); off=()
for ((r = 0; r < reps; r++)); do
  for mode in always never; do
    # shellcheck disable=SC2086
    s=$(java -jar "$jar" train $w2 --progress $mode 2>&1 >/dev/null | grep -o 'in [0-9.]* s' | awk '{print $2}')
    if [ "$mode" = always ]; then on+=("$s"); else off+=("$s"); fi
  done
done
a=$(printf '%s\n' "${on[@]}" | median); b=$(printf '%s\n' "${off[@]}" | median)
awk -v a="$a" -v b="$b" -v n="$reps" -v e="$examples" 'BEGIN {printf "%d examples (batch 10), %d runs each: bar %.3f s, no bar %.3f s, difference %+.1f%%\n", e, n, a, b, (a - b) / b * 100}'

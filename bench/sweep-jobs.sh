#!/usr/bin/env bash
# How much --jobs 2 saves a sweep on this machine: issue 30's sweep of 12 trials (the MLP's learning
# rate × width on 6,000 Fashion-MNIST images, 20% held out, 3 epochs), with --jobs 1 and --jobs 2
# in turn, REPS pairs; prints each run's wall time, the median ratio, and whether the two sweeps'
# results (every trial's figures) are identical.
#
#   bench/sweep-jobs.sh [REPS]     # needs dataset-fashion-mnist (apt-get install dataset-fashion-mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
[ -f cli/target/descent.jar ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sweep() {   # $1: jobs, $2: results file; prints the wall seconds
  local start end
  start=$(date +%s.%N)
  bin/descent sweep -c examples/configs/fashion-mlp.properties --set data.examples=6000 \
    --set data.validation-fraction=0.2 --set train.epochs=3 --set test.examples=1000 \
    --grid optimizer.lr=0.03,0.1,0.3 --grid mlp.hidden=32,64,128,256 \
    --jobs "$1" --results "$2" --best "$work/best.properties" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.2f\n", e - s}'
}
same=yes
ratios=()
for r in $(seq 1 "$reps"); do
  one=$(sweep 1 "$work/one-$r.csv")
  two=$(sweep 2 "$work/two-$r.csv")
  ratio=$(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.3f", b / a}')
  ratios+=("$ratio")
  echo "pair $r: --jobs 1 ${one} s, --jobs 2 ${two} s, ratio ${ratio}"
  # every column but the seconds (the next to last)
  rev "$work/one-$r.csv" | cut -d, -f1,3- | rev > "$work/a"; rev "$work/two-$r.csv" | cut -d, -f1,3- | rev > "$work/b"
  cmp -s "$work/a" "$work/b" || same=no
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "median ratio (--jobs 2 / --jobs 1): $median on $(nproc) cores; identical results: $same"

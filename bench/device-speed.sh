#!/usr/bin/env bash
# Times the book's recipe on each device, through the public CLI and the real plugins, on the
# benchmark workloads of docs/performance.md. Prints a table of medians over REPS runs:
# training seconds (the trainer's own clock, from "trained ... in X s") and the whole process.
#
#   bench/device-speed.sh [REPS] [WORKLOADS] [DEVICES]     e.g. bench/device-speed.sh 3 "W1 W2" "cpu opencl"
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-3}
workloads=${2:-"W1 W2 W3 W4"}
devices=${3:-"cpu opencl"}
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }

settings() {
  case "$1" in
    W1) echo "" ;;
    W2) echo "--set data.examples=1000000 --set train.epochs=1" ;;
    W3) echo "--set data.examples=200000 --set data.random-weights=512 --set train.batch-size=256 --set train.epochs=1 --set optimizer.lr=0.01" ;;
    W4) echo "--set data.examples=2000000 --set data.random-weights=100 --set train.batch-size=1024 --set train.epochs=1 --set optimizer.lr=0.03" ;;
  esac
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-4s %-8s %12s %12s %14s\n' workload device train_s process_s final_loss
for w in $workloads; do
  for d in $devices; do
    train=(); proc=(); loss=""
    for ((r = 0; r < reps; r++)); do
      start=$(date +%s.%N)
      # shellcheck disable=SC2046
      out=$(java -Xmx12g -jar "$jar" train --set device="$d" $(settings "$w") 2>&1)
      end=$(date +%s.%N)
      train+=("$(grep -o 'in [0-9.]* s' <<<"$out" | awk '{print $2}')")
      proc+=("$(awk -v a="$start" -v b="$end" 'BEGIN {print b - a}')")
      loss=$(grep '^epoch' <<<"$out" | tail -1 | awk '{print $4}')
    done
    printf '%-4s %-8s %12.3f %12.3f %14s\n' "$w" "$d" \
      "$(printf '%s\n' "${train[@]}" | median)" "$(printf '%s\n' "${proc[@]}" | median)" "$loss"
  done
done

#!/usr/bin/env bash
# Where the start-up of `descent train` (W1, the book's run) goes: the median wall time of REPS runs
# of successively larger commands, each including everything before it.
#
#   bench/startup.sh [REPS]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-11}
jar=cli/target/descent.jar
[ -f "$jar" ] || { echo "build first: mvn -q -B -DskipTests package" >&2; exit 2; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() {   # wall seconds of one run of "$@", output discarded
  local start end
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN {printf "%.4f\n", e - s}'
}
cat > /tmp/Hello.java <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d /tmp /tmp/Hello.java
declare -A label=(
  [1]="JVM alone (hello world)"
  [2]="descent --version (jar opened, picocli)"
  [3]="descent plugins (+ logging, plugin scan, option metadata)"
  [4]="java -jar descent.jar train (+ Guice, data, training, exit)"
  [5]="bin/descent train (the same, with AppCDS and the serial GC)"
)
runs=([1]="java -cp /tmp Hello" [2]="java -jar $jar --version" [3]="java -jar $jar plugins" [4]="java -jar $jar train"
  [5]="bin/descent train")
bin/descent train >/dev/null 2>&1   # records the class-data archive if it is missing or stale
declare -A times
for ((r = 0; r < reps; r++)); do
  for i in 1 2 3 4 5; do
    # shellcheck disable=SC2086
    times[$i]+="$(seconds ${runs[$i]}) "
  done
done
printf '%-62s %s\n' "command ($reps runs each, interleaved)" "median s"
for i in 1 2 3 4 5; do
  printf '%-62s %.3f\n' "${label[$i]}" "$(tr ' ' '\n' <<<"${times[$i]}" | grep . | median)"
done
# The phases of `bin/descent train` as its --verbose line reports them (StartupClock), medians.
echo
printf '%-62s %s\n' "bin/descent train --verbose, phase ($reps runs)" "median s"
for ((r = 0; r < reps; r++)); do
  bin/descent train --verbose 2>&1 >/dev/null | grep 'start-up:' | sed 's/.*start-up: //; s/ (\(.*\) in all)/, in all \1/'
done | tr ',' '\n' | sed 's/^ //; s/ s$//' | awk '{t=$NF; $NF=""; sub(/ $/, ""); v[$0]=v[$0] " " t; if (!($0 in seen)) {seen[$0]=1; order[++n]=$0}}
  END {for (i = 1; i <= n; i++) print order[i] "\t" v[order[i]]}' | while IFS=$'\t' read -r phase values; do
  printf '%-62s %.3f\n' "  $phase" "$(tr ' ' '\n' <<<"$values" | grep . | median)"
done

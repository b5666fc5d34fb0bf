#!/usr/bin/env bash
# Coverage-guided fuzzing of the four readers of untrusted files, with Jazzer (docs/reliability.md).
#
#   bench/fuzz.sh                 # every target, 10 minutes each (the @FuzzTest maxDuration)
#   bench/fuzz.sh csv model       # some targets: csv, idx, config, model
#   ROUNDS=3 bench/fuzz.sh csv    # run a target several times in a row (the corpus carries over)
#
# Each round runs one target's @FuzzTest with JAZZER_FUZZ=1 through Maven. The corpus Jazzer grows
# lives in <module>/.cifuzz-corpus/ (not committed); an input that makes a target fail is written to
# the target's ...FuzzTestInputs/<method>/ folder under src/test/resources, where `mvn verify` runs
# it as a test from then on. Logs go to bench/results/fuzz-<target>-<time>.log; the summary line
# of each round (libFuzzer's "Done N runs in S seconds") is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A MODULE=([csv]=datakit [idx]=datakit [config]=core [model]=core)
declare -A CLASS=([csv]=CsvReaderFuzzTest [idx]=IdxReaderFuzzTest [config]=RunConfigFuzzTest [model]=ModelFilesFuzzTest)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv idx config model)
for t in "${targets[@]}"; do
  [ -n "${MODULE[$t]:-}" ] || { echo "fuzz.sh: no target '$t'; the targets are csv, idx, config, model" >&2; exit 2; }
done

mkdir -p bench/results
mvn -q -B -o install -pl api,datakit,core -am -DskipTests
summary=()
for t in "${targets[@]}"; do
  for round in $(seq 1 "${ROUNDS:-1}"); do
    log="bench/results/fuzz-$t-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "fuzzing $t (${CLASS[$t]}), round $round; log: $log"
    start=$(date +%s)
    status=0
    JAZZER_FUZZ=1 mvn -B -o test -pl "${MODULE[$t]}" -Dtest="${CLASS[$t]}" \
        -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
    seconds=$(( $(date +%s) - start ))
    done_line=$(grep -a -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || true)
    corpus=$(find "${MODULE[$t]}/.cifuzz-corpus" -type f 2>/dev/null | wc -l)
    verdict=$([ $status -eq 0 ] && echo "no finding" || echo "FAILED (see the log)")
    summary+=("$t round $round: ${done_line:-no libFuzzer summary}; ${seconds}s wall; corpus $corpus files; $verdict")
  done
done
printf '%s\n' "${summary[@]}"

#!/usr/bin/env bash
# The learning rate of every epoch under each bundled schedule, as Descent runs it (read from the
# trainer's --verbose log), as CSV: schedule,epoch,rate. docs/training.md's figure is drawn from it:
#
#   bench/schedule-rates.sh > /tmp/rates.csv && /usr/bin/python3 bench/plot-schedules.py /tmp/rates.csv docs/images/schedules.png
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=30
run() {
  local name=$1; shift
  bin/descent train --progress never -v --set train.epochs=$epochs --set optimizer.lr=0.1 "$@" 2>&1 >/dev/null \
    | sed -n "s/^DEBUG epoch \([0-9]*\) runs at learning rate \(.*\)$/$name,\1,\2/p"
}
echo "schedule,epoch,rate"
run constant
run "step (step-size 10; gamma 0.5)" --set schedule=step --set schedule.step-size=10 --set schedule.gamma=0.5
run "exponential (gamma 0.9)" --set schedule=exponential --set schedule.gamma=0.9
run "cosine (min-lr 0.01)" --set schedule=cosine --set schedule.min-lr=0.01
run "warmup-cosine (warmup 5; start-factor 0.2)" --set schedule=warmup-cosine --set schedule.warmup=5 --set schedule.start-factor=0.2

#!/usr/bin/env bash
# Draws the Experiments page's TensorBoard screenshots: a training run's scalars (the tensorboard
# callback) and a sweep in the HParams tab, each rendered by TensorBoard's own server on 127.0.0.1
# in headless Chromium. Needs the tensorboard package (pip install tensorboard) and chromium
# (apt-get install chromium). Run from the repository root after building:
#
#   docs/images/tensorboard-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
root=$PWD
(cd "$work" && "$root/bin/descent" train -c "$root/examples/configs/iris-softmax.properties" \
    --set data.path="$root/data/iris.csv" --set data.validation-fraction=0.2 --set train.epochs=60 \
    --set schedule=cosine --set callbacks=tensorboard --set tensorboard.dir=train/iris-softmax >/dev/null 2>&1)
(cd "$work" && "$root/bin/descent" sweep -c "$root/examples/configs/houses.properties" \
    --set data.path="$root/data/houses.csv" --grid optimizer=sgd,adam --grid optimizer.lr=0.003,0.03,0.3 \
    --tensorboard runs/houses-sweep >/dev/null 2>&1)
shot() {   # $1: log folder, $2: port, $3: page, $4: png
  tensorboard --logdir "$work/$1" --host 127.0.0.1 --port "$2" >/dev/null 2>&1 &
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$2/" >/dev/null && break; sleep 0.5; done
  chromium --headless --no-sandbox --enable-unsafe-swiftshader --use-angle=swiftshader --hide-scrollbars --window-size=1400,860 \
    --virtual-time-budget=15000 --screenshot="$4" "http://127.0.0.1:$2/?darkMode=false#$3" >/dev/null 2>&1
  kill %% 2>/dev/null || true
}
shot train 6131 scalars docs/images/tensorboard-scalars.png
shot runs/houses-sweep 6132 hparams docs/images/tensorboard-hparams.png
echo "wrote docs/images/tensorboard-scalars.png and docs/images/tensorboard-hparams.png"

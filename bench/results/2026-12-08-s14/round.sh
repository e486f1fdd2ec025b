#!/usr/bin/env bash
# session 14 round: `processes` (generated, foreign) before/after alternating with ~/.cache/anjian kept (each jar's
# archives trained by a warm-up run before: the steady state a user sees from a command's second run on)
# usage: round.sh OUT ROUNDS
set -u
B=/work/jars/bench-before.jar; OUT=$1; N=${2:-1}; mkdir -p $OUT
cd /work/main
for i in $(seq 1 $N); do
for set in gen foreign; do
  for which in before after; do
    f=$OUT/$set-$which-$i.txt
    uptime > $f
    if [ $set = gen ]; then
      java -jar $B processes --anjian /work/jars/$which.jar --forms 200 --rows 1000000 --dir /work/b14/data-gen >> $f 2>&1
    else
      java -jar $B processes --anjian /work/jars/$which.jar --forms-dir samples/inbox --reference samples/reference \
         --ledger /work/b14/foreign.xlsx --dir /work/b14/pf >> $f 2>&1
    fi
    uptime >> $f
  done
done
done

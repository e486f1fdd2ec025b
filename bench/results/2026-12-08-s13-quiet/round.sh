#!/usr/bin/env bash
# session 13 quiet round: `processes` (generated, foreign) before/after alternating with ~/.cache/anjian kept
# (each jar's archives trained by a round before: the steady state a user sees from a command's second run on),
# after ledger-ab.sh (the million-row ledgers' whole ingest beside fastexcel, 4 alternating triples, the first dropped)
set -u
B=/work/jars/bench-after.jar; OUT=/work/b13/quiet; mkdir -p $OUT
cd /work/wt-int13
for set in gen foreign; do
  for which in before after; do
    uptime > $OUT/$set-$which.txt
    if [ $set = gen ]; then
      java -jar $B processes --anjian /work/jars/$which.jar --forms 200 --rows 1000000 --dir /work/b13/data-gen >> $OUT/$set-$which.txt 2>&1
    else
      java -jar $B processes --anjian /work/jars/$which.jar --forms-dir samples/inbox --reference samples/reference \
         --ledger /work/b13/foreign.xlsx --dir /work/b13/data-foreign >> $OUT/$set-$which.txt 2>&1
    fi
    uptime >> $OUT/$set-$which.txt
  done
done

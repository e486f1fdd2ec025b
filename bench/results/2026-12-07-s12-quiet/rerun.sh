#!/usr/bin/env bash
# generated set again, alternating before/after, ~/.cache/anjian kept (the after jar's archives from the round exist: steady state)
set -u
cd /work/wt-int12
OUT=/work/bench12/quiet/rerun; mkdir -p $OUT
for i in 1 2; do
  for which in before after; do
    uptime > $OUT/gen-$which-$i.txt
    java -jar /work/jars/bench-after.jar processes --anjian /work/jars/$which.jar --forms 200 --rows 1000000 --dir /work/bench12/quiet/data-gen >> $OUT/gen-$which-$i.txt 2>&1
    uptime >> $OUT/gen-$which-$i.txt
  done
done

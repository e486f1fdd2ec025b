#!/usr/bin/env bash
# session 12 quiet round: processes (generated, foreign) before/after alternating, then warm-intake three alternating runs a build
set -u
cd /work/wt-int12
B=/work/jars/bench-after.jar; BEFORE=/work/jars/before.jar; AFTER=/work/jars/after.jar; OUT=/work/bench12/quiet
bash /work/bench12/scripts/run.sh $B $BEFORE $AFTER $OUT /work/bench12/foreign.xlsx
for i in 1 2 3; do
  bash /work/bench12/scripts/warm.sh $B $BEFORE $AFTER $OUT/warm$i $OUT/data-gen/forms-200
done
echo done > $OUT/ALLDONE

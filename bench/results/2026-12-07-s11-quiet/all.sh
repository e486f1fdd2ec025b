#!/usr/bin/env bash
# session 11 quiet round: processes (generated, foreign) before/after alternating, then warm-intake both builds
set -u
cd /work/wt-int11
B=/work/jars/bench-after.jar; BEFORE=/work/jars/before.jar; AFTER=/work/jars/after.jar; OUT=/work/bench11/quiet
bash /work/bench11/scripts/run.sh $B $BEFORE $AFTER $OUT /work/bench11/foreign.xlsx
bash /work/bench11/scripts/warm.sh $B $BEFORE $AFTER $OUT $OUT/data-gen/forms-200
echo done > $OUT/ALLDONE

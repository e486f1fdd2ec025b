#!/usr/bin/env bash
# session 10 quiet round: processes (generated, foreign) before/after alternating, then warm-intake both builds
set -u
cd /work/wt-int
B=/work/jars/bench-after.jar; BEFORE=/work/jars/before.jar; AFTER=/work/jars/after.jar; OUT=/work/bench10/quiet
bash /work/bench10/scripts/run.sh $B $BEFORE $AFTER $OUT /work/bench10/foreign.xlsx
bash /work/bench10/scripts/warm.sh $B $BEFORE $AFTER $OUT $OUT/data-gen/forms-200
echo done > $OUT/ALLDONE

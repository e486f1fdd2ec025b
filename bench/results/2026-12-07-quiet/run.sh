#!/usr/bin/env bash
# Quiet-machine before/after of issue 18's table: the same bench jar (the new one) times the old and the new anjian.jar.
# usage: FOREIGN_LEDGER=ledger.xlsx run.sh BENCH_JAR BEFORE_JAR AFTER_JAR OUTDIR  (ledger: bench/foreign/foreign_ledger.py)
set -u
B=$1; BEFORE=$2; AFTER=$3; OUT=$4; mkdir -p $OUT
REF=samples/reference   # run from the repository root
for which in before after; do
  jar=$BEFORE; [ $which = after ] && jar=$AFTER
  rm -rf $OUT/data-gen-$which $OUT/data-foreign-$which
  rm -rf ~/.cache/anjian   # the first process of each run unpacks DuckDB's library again
  mkdir -p $OUT/data-gen-$which && true  # (the session reused its generated inputs here)
  uptime > $OUT/gen-$which.txt
  java -jar $B processes --anjian $jar --forms 200 --rows 1000000 --dir $OUT/data-gen-$which >> $OUT/gen-$which.txt 2>&1
  uptime > $OUT/foreign-$which.txt
  java -jar $B processes --anjian $jar --forms-dir samples/inbox --reference $REF \
     --ledger "$FOREIGN_LEDGER" --dir $OUT/data-foreign-$which >> $OUT/foreign-$which.txt 2>&1
done

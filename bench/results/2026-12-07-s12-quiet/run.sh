#!/usr/bin/env bash
# Quiet-machine before/after of issue 18's table (sessions 10-12; all.sh runs it, then warm.sh): the new bench jar times the old and the new anjian.jar,
# generated then foreign inputs, alternating; then the warm per-form harness on both builds' classes.
# usage: run.sh BENCH_JAR BEFORE_JAR AFTER_JAR OUTDIR FOREIGN_LEDGER   (from the repository root)
set -u
B=$1; BEFORE=$2; AFTER=$3; OUT=$4; FL=$5; mkdir -p $OUT
for set in gen foreign; do
  for which in before after; do
    jar=$BEFORE; [ $which = after ] && jar=$AFTER
    rm -rf ~/.cache/anjian
    uptime > $OUT/$set-$which.txt
    if [ $set = gen ]; then
      java -jar $B processes --anjian $jar --forms 200 --rows 1000000 --dir $OUT/data-gen >> $OUT/$set-$which.txt 2>&1
    else
      java -jar $B processes --anjian $jar --forms-dir samples/inbox --reference samples/reference \
         --ledger "$FL" --dir $OUT/data-foreign >> $OUT/$set-$which.txt 2>&1
    fi
    uptime >> $OUT/$set-$which.txt
  done
done

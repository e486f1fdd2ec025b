#!/usr/bin/env bash
# warm-intake harness on each build's unpacked classes (the bench's classes first), alternating
# usage: warm-ab.sh BENCH_JAR BEFORE_JAR AFTER_JAR OUTDIR INBOX ORDER...   (ORDER: e.g. before after after before)
set -u
B=$1; BEFORE=$2; AFTER=$3; OUT=$4; INBOX=$5; shift 5; mkdir -p $OUT
X=$OUT/x; rm -rf $X; mkdir -p $X/bench $X/before $X/after
(cd $X/bench && unzip -q $B) ; (cd $X/before && unzip -q $BEFORE) ; (cd $X/after && unzip -q $AFTER)
n=0
for which in "$@"; do
  n=$((n+1))
  CP=$X/bench/BOOT-INF/classes:$X/$which/BOOT-INF/classes:$(ls $X/$which/BOOT-INF/lib/*.jar | tr '\n' ':')
  f=$OUT/warm-$n-$which.txt
  uptime > $f
  /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "$CP" org.anjian.bench.BenchMain warm-intake --forms-dir $INBOX \
     --dir $OUT/run-$n-$which >> $f 2>&1
  uptime >> $f
  rm -rf $OUT/run-$n-$which
done
rm -rf $X

#!/usr/bin/env bash
# warm-intake harness on each build's classes (the bench's own classes first), alternating before/after
# usage: warm.sh BENCH_JAR BEFORE_JAR AFTER_JAR OUTDIR INBOX [extra args]
set -u
B=$1; BEFORE=$2; AFTER=$3; OUT=$4; INBOX=$5; shift 5; mkdir -p $OUT
X=$OUT/x; rm -rf $X; mkdir -p $X/bench $X/before $X/after
(cd $X/bench && unzip -q $B) ; (cd $X/before && unzip -q $BEFORE) ; (cd $X/after && unzip -q $AFTER)
for which in before after; do
  CP=$X/bench/BOOT-INF/classes:$X/$which/BOOT-INF/classes:$(ls $X/$which/BOOT-INF/lib/*.jar | tr '\n' ':')
  tag=$(basename $INBOX)-$which
  uptime > $OUT/warm-$tag.txt
  /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "$CP" org.anjian.bench.BenchMain warm-intake --forms-dir $INBOX \
     --dir $OUT/warm-$tag "$@" >> $OUT/warm-$tag.txt 2>&1
  uptime >> $OUT/warm-$tag.txt
done
rm -rf $X

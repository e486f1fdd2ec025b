#!/usr/bin/env bash
# whole `ingest` of an inbox into a new home, as a user runs it, alternating builds
# usage: ingest-ab.sh BEFORE_JAR AFTER_JAR OUTDIR INBOX ORDER...
set -u
BEFORE=$1; AFTER=$2; OUT=$3; INBOX=$4; shift 4; mkdir -p $OUT
n=0
for which in "$@"; do
  n=$((n+1)); J=$BEFORE; [ $which = after ] && J=$AFTER
  f=$OUT/ingest-$n-$which.txt; H=$OUT/home-$n-$which; rm -rf $H
  uptime > $f
  /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -jar $J ingest --home $H --inbox $INBOX 2>&1 >/dev/null | tail -1 >> $f
  grep -o "收件耗时.*" $H/logs/*.log 2>/dev/null | tail -1 >> $f
  uptime >> $f
  rm -rf $H
done

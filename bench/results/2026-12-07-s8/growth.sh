#!/bin/bash
# one new form on a home holding 10M ledger rows (10 submitters x 1M, foreign generator) vs on an empty home,
# (as run in session 8: paths under /work/bench-s8; inbox/ held the ten ledgers, empty-inbox/ an empty folder)
# whole process, each trial on a fresh copy of the prepared home; usage: growth.sh JAR LABEL
JAR=$1; L=$2; cd /work/bench-s8/ten
FORM=/work/bench-s8/tiny/one-form
rm -rf prep-$L-10m prep-$L-empty
cp -a home10m prep-$L-10m
java -Xmx512m -jar $JAR ingest --home prep-$L-10m --inbox empty-inbox > /dev/null 2>&1   # migrations, if any, before timing
java -Xmx512m -jar $JAR ingest --home prep-$L-empty --inbox empty-inbox > /dev/null 2>&1
for t in 1 2 3; do
  for which in empty 10m; do
    rm -rf trial; cp -a prep-$L-$which trial; sync
    echo -n "$L $which trial $t load $(cut -d' ' -f1 /proc/loadavg): "
    /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -jar $JAR ingest --home trial --inbox $FORM 2>&1 >/dev/null | tail -1
  done
done

#!/bin/bash
# alternating before/after whole-process ingest timings; CPU = user+sys from /usr/bin/time
set -u
M=/tmp/ingest-m
REF=/work/wt-ingest/samples/reference
SAMPLES=/work/wt-ingest/samples/inbox
ROUNDS=${ROUNDS:-3}
W=$M/work
if [ ! -d $W ]; then
  mkdir -p $W/empty $W/one
  cp "$SAMPLES/2024-05/住建局5月报表.xlsx" $W/one/
  cp -r $SAMPLES $W/county-inbox
  mkdir -p $W/ledger-inbox; ln $M/ledger-1m.xlsx $W/ledger-inbox/hazard-ledger.xlsx
fi
t() { # label jar args...
  local label=$1 jar=$2; shift 2
  /usr/bin/time -o $W/time.txt -f '%e %U %S' java -Xmx512m -jar $jar "$@" >$W/out.txt 2>$W/err.txt
  local rc=$?
  read e u s < $W/time.txt
  printf '%-14s %-6s wall %6.2f s  cpu %6.2f s  load %s  exit %s  %s\n' "$label" "$(basename $jar .jar)" "$e" "$(echo "$u+$s" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" "$rc" "$(tail -1 $W/out.txt | cut -c1-50)"
}
for jar in /work/jars/before.jar $M/after.jar; do
  n=$(basename $jar .jar)
  # county home (nothing new) prepared once per jar, also warms the user cache
  [ -d $W/county-$n ] || java -Xmx512m -jar $jar ingest --home $W/county-$n --reference $REF --inbox $W/county-inbox >/dev/null 2>&1
done
for r in $(seq 1 $ROUNDS); do
  for jar in /work/jars/before.jar $M/after.jar; do
    n=$(basename $jar .jar)
    rm -rf $W/h-empty-$n $W/h-one-$n
    t empty-new     $jar ingest --home $W/h-empty-$n --reference $REF --inbox $W/empty
    t one-form      $jar ingest --home $W/h-one-$n --reference $REF --inbox $W/one
    t nothing-new   $jar ingest --home $W/county-$n --reference $REF --inbox $W/county-inbox
  done
done
if [ "${LEDGER:-1}" = 1 ]; then
  for r in $(seq 1 ${LEDGER_ROUNDS:-2}); do
    for jar in /work/jars/before.jar $M/after.jar; do
      n=$(basename $jar .jar)
      rm -rf $W/h-ledger-$n
      t ledger-1m   $jar ingest --home $W/h-ledger-$n --inbox $W/ledger-inbox
      grep -h "收件耗时" $W/h-ledger-$n/logs/anjian.log | sed 's/^.* - /    /' | cut -c1-200
    done
  done
fi

#!/bin/bash
# Session 12, class-data sharing through a relaunch: before (main, /work/jars/before.jar) and after, whole commands on a
# county home (samples/inbox less 2024-05/附件1-应急局-5月.xlsx, exported; that form alone is the "one new form"
# inbox), each run on a fresh copy of the home, alternating; a cache of its own (XDG_CACHE_HOME).
# First loop: each command's first run with an empty cds/ folder ("first") — but ingest1 there already had the
# archive ingest0 had just written (both are "ingest"), so it is not a first run. Last loop: the command's archive
# removed ("first"), then run again ("after"); ingest1's "after" there uses an archive an ingest of a form wrote.
# ab.txt: the final launcher; ab-first-version.txt: the first commit (launcher with lambdas/streams/String.format).
export XDG_CACHE_HOME=/tmp/cdsm/cache
B=/work/jars/before.jar; A=/work/wt-cds/jobs/target/anjian.jar; R=/work/main/samples/reference; D=/tmp/cdsm
args() { case $1 in
  status) echo "status --home $D/h";;
  rollup) echo "rollup --home $D/h --campaign QA2024 --period 2024-05 --kind month-end --reference $R";;
  export) echo "export --home $D/h --reference $R";;
  ingest0) echo "ingest --home $D/h --inbox $D/inbox17 --reference $R";;
  ingest1) echo "ingest --home $D/h --inbox $D/one --reference $R";;
esac; }
run() { # label jar cmd
  rm -rf $D/h; cp -a $D/county $D/h; sync
  /usr/bin/time -f "%e %U %S" -o $D/t.txt java -Xmx512m -jar $2 $(args $3) > $D/out-$3-$1.txt 2>$D/err-$3-$1.txt
  rc=$?; read e u s < $D/t.txt
  printf "%-8s %-7s %5.2f s  cpu %5.2f  rc %s  load %s\n" $3 $1 $e $(echo "$u + $s" | bc) $rc "$(cut -d' ' -f1 /proc/loadavg)"
}
first() { rm -f $D/cache/anjian/cds/*/$(args $1 | cut -d' ' -f1).*.jsa; run first $A $1; }
for c in status rollup export ingest0 ingest1; do run first $A $c; done
for i in 1 2 3; do for c in status rollup export ingest0 ingest1; do run before $B $c; run after $A $c; done; done
for i in 1 2; do for c in status rollup export ingest0 ingest1; do first $c; run after $A $c; done; done

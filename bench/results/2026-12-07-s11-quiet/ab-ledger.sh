#!/usr/bin/env bash
# alternating before/after: whole `ingest` of each ledger into a new home, three pairs each; the load beside each
set -u
Q=/work/bench11/quiet
for set in ${SETS:-foreign gen}; do
  inbox=$Q/data-gen/ledger-1000000; [ $set = foreign ] && inbox=$Q/data-foreign/ledger-given
  for i in 1 2 3; do
    for which in before after; do
      rm -rf /tmp/abh; 
      r=$( { /usr/bin/time -f '%e %U %S' java -Xmx512m -jar /work/jars/$which.jar ingest --home /tmp/abh --inbox $inbox >/dev/null 2>/tmp/ab-err; } 2>&1; tail -1 /tmp/ab-err)
      echo "ingest-ledger-$set $which $r load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done

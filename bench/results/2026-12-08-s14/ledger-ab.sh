#!/usr/bin/env bash
# whole `ingest` of each ledger into a new home, before/after alternating, beside fastexcel-reader's whole-process read
# usage: ledger-ab.sh BEFORE_JAR AFTER_JAR BENCH_JAR OUT PAIRS
set -u
BEFORE=$1; AFTER=$2; B=$3; OUT=$4; N=${5:-3}; mkdir -p $OUT
declare -A IN=([gen]=/work/b14/data-gen/ledger-1000000 [foreign]=/work/b14/data-foreign/ledger-given)
declare -A REF=([gen]="" [foreign]="--reference /work/main/samples/reference")
declare -A FILE=([gen]=/work/b14/data-gen/ledger-1000000/hazard-ledger.xlsx [foreign]=/work/b14/foreign.xlsx)
for i in $(seq 1 $N); do
  for set in gen foreign; do
    for which in before after fastexcel; do
      uptime >> $OUT/load.txt
      if [ $which = fastexcel ]; then
        /usr/bin/time -f "$set $which $i %e s %U u %S s" java -Xmx512m -jar $B yardstick --reader fastexcel --path ${FILE[$set]} >/dev/null 2>>$OUT/times.txt
      else
        jar=$BEFORE; [ $which = after ] && jar=$AFTER
        H=$OUT/home-$set-$which; rm -rf $H
        /usr/bin/time -f "$set $which $i %e s %U u %S s" java -Xmx512m -jar $jar ingest --home $H --inbox ${IN[$set]} ${REF[$set]} >/dev/null 2>>$OUT/times.txt
        grep -h "收件耗时\|model build: WHOLE\|model build: fingerprint" $H/logs/anjian.log | cut -c12-23,60-140 >> $OUT/logs-$set-$which-$i.txt
      fi
    done
  done
done
grep -E "^(gen|foreign) " $OUT/times.txt | sort

#!/usr/bin/env bash
# whole `ingest` of the 200 generated forms and of the sample county's 18 files into a new home, before/after alternating
# usage: forms-ab.sh BEFORE_JAR AFTER_JAR OUT PAIRS
set -u
BEFORE=$1; AFTER=$2; OUT=$3; N=${4:-3}; mkdir -p $OUT
declare -A IN=([forms200]=/work/b14/data-gen/forms-200 [samples]=/work/main/samples/inbox)
declare -A REF=([forms200]="" [samples]="--reference /work/main/samples/reference")
for i in $(seq 1 $N); do
  for set in forms200 samples; do
    for which in before after; do
      jar=$BEFORE; [ $which = after ] && jar=$AFTER
      H=$OUT/home-$set-$which; rm -rf $H
      uptime >> $OUT/load.txt
      /usr/bin/time -f "$set $which $i %e s %U u %S s" java -Xmx512m -jar $jar ingest --home $H --inbox ${IN[$set]} ${REF[$set]} >/dev/null 2>>$OUT/times.txt
    done
  done
done
grep -E "^(forms200|samples) " $OUT/times.txt | sort

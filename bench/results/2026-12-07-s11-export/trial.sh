#!/usr/bin/env bash
# usage: trial.sh JAR LABEL [extra java opts...]
JAR=$1; L=$2; shift 2
rm -rf /work/exp/T-$L && cp -a /work/exp/H0 /work/exp/T-$L
sync
LOAD=$(cut -d' ' -f1 /proc/loadavg)
nice -n ${NICE:-0} /usr/bin/time -f '%e s %U+%S cpu %M KB' -o /work/exp/time-$L.txt java -Xmx512m "$@" -jar $JAR export --home /work/exp/T-$L > /work/exp/out-$L.txt 2>&1
echo "$L $(cat /work/exp/time-$L.txt) load $LOAD $(grep -o 'tables in [0-9]* ms' /work/exp/T-$L/logs/*.log | tail -1)"

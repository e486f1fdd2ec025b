#!/usr/bin/env bash
# warm.sh CLASSDIR(unzipped anjian jar) OUTFILE INBOX/--forms args...
set -u
X=$1; OUT=$2; shift 2
CP=/tmp/fb/cp/bench/BOOT-INF/classes:$X/BOOT-INF/classes:$(ls $X/BOOT-INF/lib/*.jar | tr '\n' ':')
uptime > $OUT
/usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "$CP" org.anjian.bench.BenchMain warm-intake "$@" >> $OUT 2>&1
uptime >> $OUT

#!/usr/bin/env bash
cd /tmp/fb
CPA=/tmp/fb/cp/after/BOOT-INF/classes:$(ls /tmp/fb/cp/after/BOOT-INF/lib/*.jar | tr '\n' ':')
CPB=/tmp/fb/cp/before/BOOT-INF/classes:$(ls /tmp/fb/cp/before/BOOT-INF/lib/*.jar | tr '\n' ':')
for p in 1 2; do
  (uptime; /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "h/before2:$CPB" FeedbackTiming /tmp/fb/w0/forms-200 5 no many 2>&1 | tail -4; uptime) > res/many-before-$p.txt
  (uptime; /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "h/after2:$CPA" FeedbackTiming /tmp/fb/w0/forms-200 5 jaxp many 2>&1 | tail -4; uptime) > res/many-after-$p.txt
done
for w in before after; do
  J=/work/jars/before.jar; [ $w = after ] && J=/tmp/fb/after.jar
  rm -rf /tmp/fb/hj-$w
  (uptime; /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -XX:StartFlightRecording=filename=/tmp/fb/res/ingest-$w.jfr,settings=profile -jar $J ingest --home /tmp/fb/hj-$w --inbox /tmp/fb/w0/forms-200 2>&1 | tail -2; uptime) > res/jfr-$w.txt
done
echo done > res/DONE2

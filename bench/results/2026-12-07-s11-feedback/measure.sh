#!/usr/bin/env bash
cd /tmp/fb
CPA=/tmp/fb/cp/after/BOOT-INF/classes:$(ls /tmp/fb/cp/after/BOOT-INF/lib/*.jar | tr '\n' ':')
CPB=/tmp/fb/cp/before/BOOT-INF/classes:$(ls /tmp/fb/cp/before/BOOT-INF/lib/*.jar | tr '\n' ':')
for p in 1 2 3; do
  ./warm.sh /tmp/fb/cp/before /tmp/fb/res/warm-before-$p.txt --forms-dir /tmp/fb/w0/forms-200 --dir /tmp/fb/wb
  ./warm.sh /tmp/fb/cp/after /tmp/fb/res/warm-after-$p.txt --forms-dir /tmp/fb/w0/forms-200 --dir /tmp/fb/wa
done
for p in 1 2 3; do
  ./ingest.sh /work/jars/before.jar /tmp/fb/hb$p /tmp/fb/res/ing-before-$p.txt
  ./ingest.sh /tmp/fb/after.jar /tmp/fb/ha$p /tmp/fb/res/ing-after-$p.txt
done
for p in 2 3; do
  (uptime; /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "h/before:$CPB" FeedbackTiming /tmp/fb/w0/forms-200 6 2>&1 | tail -4; uptime) > res/harness-before-$p.txt
  (uptime; /usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "h/after:$CPA" FeedbackTiming /tmp/fb/w0/forms-200 6 jaxp 2>&1 | tail -4; uptime) > res/harness-after-$p.txt
done
echo done > res/DONE

#!/usr/bin/env bash
# the final jar (after the ingest-archive skip, 330fd82's build): generated set twice, ~/.cache/anjian emptied before the first
set -u
cd /work/wt-int12
for i in 1 2; do
  [ $i = 1 ] && rm -rf ~/.cache/anjian
  uptime > /work/bench12/quiet/skip/gen-after2-$i.txt
  java -jar /work/jars/bench-after2.jar processes --anjian /work/jars/after2.jar --forms 200 --rows 1000000 --dir /work/bench12/quiet/data-gen >> /work/bench12/quiet/skip/gen-after2-$i.txt 2>&1
  uptime >> /work/bench12/quiet/skip/gen-after2-$i.txt
done

#!/usr/bin/env bash
# session 8, after the Spring-free export (main 3955f03): the after jar alone, generated then foreign inputs
set -u
B=$1; JAR=$2; OUT=$3; FL=$4; mkdir -p $OUT
for set in gen foreign; do
  rm -rf ~/.cache/anjian
  uptime > $OUT/$set-after2.txt
  if [ $set = gen ]; then
    java -jar $B processes --anjian $JAR --forms 200 --rows 1000000 --dir $OUT/../out/data-gen >> $OUT/$set-after2.txt 2>&1
  else
    java -jar $B processes --anjian $JAR --forms-dir samples/inbox --reference samples/reference \
       --ledger "$FL" --dir $OUT/../out/data-foreign >> $OUT/$set-after2.txt 2>&1
  fi
  uptime >> $OUT/$set-after2.txt
done

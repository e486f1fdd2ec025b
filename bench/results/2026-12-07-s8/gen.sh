#!/bin/bash
# (as run in session 8, from /work/bench-s8/ten: writes inbox/QCnn-隐患台账.xlsx, one 1M-row ledger per demo-county submitter)
i=0
tail -n +2 /work/main/warehouse/src/main/resources/demo/reference/submitters.csv | cut -d, -f1,2 | while IFS=, read code name; do
  i=$((i+1))
  nice python3 /work/main/bench/foreign/foreign_ledger.py inbox/$code-隐患台账.xlsx 1000000 $((1000+i)) "$name" "乔庄街道,木鱼镇,沙州镇,青溪镇,竹园镇,青川县经济开发区"
done
echo done

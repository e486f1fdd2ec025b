#!/usr/bin/env bash
# ingest.sh JAR HOME OUT
rm -rf $2
echo "$(uptime)" > $3
/usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -jar $1 ingest --home $2 --inbox /tmp/fb/w0/forms-200 >> $3 2>&1
echo "$(uptime)" >> $3

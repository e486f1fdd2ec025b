# usage: warm.sh before|after-x-dir TAG INBOX [extra args]  -> warm-intake harness on that build's classes
X=$1; TAG=$2; INBOX=$3; shift 3
CP=/tmp/fw/bench-x/BOOT-INF/classes:$X/BOOT-INF/classes:$(ls $X/BOOT-INF/lib/*.jar | tr '\n' ':')
/usr/bin/time -f '%e s %U+%S cpu' java -Xmx512m -cp "$CP" org.anjian.bench.BenchMain warm-intake --forms-dir $INBOX --dir /tmp/fw/warm-$TAG "$@"

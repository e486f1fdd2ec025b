# usage: ref.sh JAR TAG  -> ingests three inputs into fresh homes, dumps tables + sorted progress
JAR=$1; TAG=$2; D=/tmp/fw/cmp-$TAG; rm -rf $D; mkdir -p $D
run() { name=$1; inbox=$2; shift 2
  /usr/bin/time -f '%e s %U+%S cpu' -o $D/$name.time java -Xmx512m -jar $JAR ingest --home $D/home-$name --inbox $inbox "$@" > $D/$name.out 2> $D/$name.err
  echo "rc=$?" >> $D/$name.time
  java -cp ~/.m2/repository/org/duckdb/duckdb_jdbc/2.0.0.1/duckdb_jdbc-2.0.0.1.jar /tmp/fw/Dump.java $D/home-$name $D/$name.dump > $D/$name.counts 2>&1
  sed -E 's/[0-9]+(\.[0-9]+)? ?(秒|毫秒|ms|s)\b/T/g' $D/$name.out | sort > $D/$name.progress
}
run gen /tmp/fw/forms200
run samples /tmp/fw/samples-inbox --reference /work/wt-forms/samples/reference
run samplesb /tmp/fw/samplesb-inbox --reference /work/wt-forms/samples-b/reference

package org.anjian.writers.exports;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The measurement behind the choice of DuckDB's COPY over parquet-java for the exports
 * (numbers in writers/README.md). Not a test (surefire skips the name); run by hand:
 * {@code java -cp <test classpath> org.anjian.writers.exports.ParquetWriterBenchmark 200000}.
 */
public final class ParquetWriterBenchmark {

	public static void main(String[] args) throws Exception {
		int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
		Path dir = Files.createTempDirectory("parquet-bench");
		try (Connection c = WarehouseFixture.open(); Statement st = c.createStatement()) {
			st.execute(
					"create table fact_bench as select 'sha' || (i % 1000) as sha256, 'HM0' || (i % 8) as submitter_code, "
							+ "date '2024-04-01' + to_months(cast(i % 7 as integer)) as period, 'ind' || (i % 9) as industry_code, "
							+ "cast(i % 97 as bigint) as hazards_total, cast((i % 1000) / 100.0 as decimal(18,4)) as fines_wan "
							+ "from range(" + rows + ") t(i)");
			for (int round = 0; round < 3; round++) {
				long t0 = System.nanoTime();
				st.execute("copy (select * from fact_bench) to '" + dir.resolve("duckdb-" + round + ".parquet")
						+ "' (format parquet)");
				long duck = System.nanoTime() - t0;
				t0 = System.nanoTime();
				parquetJava(c, dir.resolve("java-" + round + ".parquet"));
				long java = System.nanoTime() - t0;
				System.out.printf("rows=%d round=%d duckdb_copy_ms=%d parquet_java_ms=%d (sizes %d / %d bytes)%n", rows,
						round, duck / 1_000_000, java / 1_000_000,
						Files.size(dir.resolve("duckdb-" + round + ".parquet")),
						Files.size(dir.resolve("java-" + round + ".parquet")));
			}
		}
		finally {
			AtomicFiles.deleteTree(dir);
		}
	}

	/**
	 * Reads the table over JDBC and writes it with parquet-java's example Group writer,
	 * snappy like DuckDB.
	 */
	static void parquetJava(Connection c, Path file) throws Exception {
		MessageType schema = Types.buildMessage()
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("sha256")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("submitter_code")
			.optional(PrimitiveTypeName.INT32)
			.as(LogicalTypeAnnotation.dateType())
			.named("period")
			.optional(PrimitiveTypeName.BINARY)
			.as(LogicalTypeAnnotation.stringType())
			.named("industry_code")
			.optional(PrimitiveTypeName.INT64)
			.named("hazards_total")
			.optional(PrimitiveTypeName.INT64)
			.as(LogicalTypeAnnotation.decimalType(4, 18))
			.named("fines_wan")
			.named("fact_bench");
		SimpleGroupFactory groups = new SimpleGroupFactory(schema);
		try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
			.withType(schema)
			.withCompressionCodec(CompressionCodecName.SNAPPY)
			.build(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from fact_bench")) {
			while (rs.next()) {
				Group g = groups.newGroup();
				g.add("sha256", rs.getString(1));
				g.add("submitter_code", rs.getString(2));
				g.add("period", (int) rs.getDate(3).toLocalDate().toEpochDay());
				g.add("industry_code", rs.getString(4));
				g.add("hazards_total", rs.getLong(5));
				g.add("fines_wan", rs.getBigDecimal(6).setScale(4).unscaledValue().longValueExact());
				writer.write(g);
			}
		}
	}

}

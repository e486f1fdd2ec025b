package org.anjian.writers.exports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet with parquet-java (not DuckDB, which wrote it), turning each value into
 * the same text form as {@link #text(Object)} gives a JDBC value, so rows can be compared
 * across the two.
 */
final class ParquetFiles {

	private ParquetFiles() {
	}

	static MessageType schema(Path file) throws IOException {
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
			return reader.getFooter().getFileMetaData().getSchema();
		}
	}

	/** Every row as column name → text (null for a missing value). */
	static List<Map<String, String>> rows(Path file) throws IOException {
		List<Map<String, String>> out = new ArrayList<>();
		try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
			MessageType schema = reader.getFooter().getFileMetaData().getSchema();
			PageReadStore pages;
			while ((pages = reader.readNextRowGroup()) != null) {
				RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
					.getRecordReader(pages, new GroupRecordConverter(schema));
				for (long i = 0; i < pages.getRowCount(); i++) {
					Group g = records.read();
					Map<String, String> row = new LinkedHashMap<>();
					for (Type field : schema.getFields()) {
						String name = field.getName();
						row.put(name, g.getFieldRepetitionCount(name) == 0 ? null : value(g, field.asPrimitiveType()));
					}
					out.add(row);
				}
			}
		}
		return out;
	}

	private static String value(Group g, PrimitiveType type) {
		String name = type.getName();
		LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
		if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
			return LocalDate.ofEpochDay(g.getInteger(name, 0)).toString();
		}
		if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
			long unscaled = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32 ? g.getInteger(name, 0)
					: g.getLong(name, 0);
			return text(BigDecimal.valueOf(unscaled, d.getScale()));
		}
		if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t) {
			long v = g.getLong(name, 0);
			long micros = t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS ? v * 1000 : v;
			return LocalDateTime
				.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000,
						ZoneOffset.UTC)
				.toString();
		}
		if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
			return g.getString(name, 0);
		}
		return switch (type.getPrimitiveTypeName()) {
			case INT32 -> Integer.toString(g.getInteger(name, 0));
			case INT64 -> Long.toString(g.getLong(name, 0));
			case BOOLEAN -> Boolean.toString(g.getBoolean(name, 0));
			case DOUBLE -> Double.toString(g.getDouble(name, 0));
			case FLOAT -> Double.toString(g.getFloat(name, 0));
			default -> g.getValueToString(g.getType().getFieldIndex(name), 0);
		};
	}

	/** The common text form of a JDBC or Parquet value. */
	static String text(Object v) {
		if (v == null) {
			return null;
		}
		if (v instanceof BigDecimal d) {
			return d.stripTrailingZeros().toPlainString();
		}
		if (v instanceof java.sql.Date d) {
			return d.toLocalDate().toString();
		}
		if (v instanceof java.sql.Timestamp t) {
			return t.toLocalDateTime().toString();
		}
		if (v instanceof LocalDateTime t) {
			return t.toString();
		}
		if (v instanceof Integer || v instanceof Long || v instanceof Short) {
			return Long.toString(((Number) v).longValue());
		}
		if (v instanceof Double || v instanceof Float) {
			return Double.toString(((Number) v).doubleValue());
		}
		return v.toString();
	}

}

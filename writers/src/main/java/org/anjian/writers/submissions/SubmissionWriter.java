package org.anjian.writers.submissions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.anjian.readers.Finding;
import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.MeasureCatalog.Measure;
import org.anjian.warehouse.Warehouse;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records every audited inbox file in {@code audit_file} / {@code audit_issue} and lands accepted tables in
 * {@code land_submission_line}, one DuckDB transaction per file, so a crash never leaves half a file behind.
 *
 * <p>
 * Versions (CONTRACT.md "A later accepted table … supersedes the earlier one"): after landing, every accepted table
 * of the same (submitter, campaign, period) is re-ranked by received time (ties: the later path), so the outcome does
 * not depend on the order files arrive in. A file already recorded under the same path is skipped, which makes
 * re-ingesting an inbox a no-op.
 */
public class SubmissionWriter implements ItemWriter<AuditedFile> {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** Columns of land_submission_line before the measures, in table order. */
	private static final List<String> LINE_KEYS = List.of("sha256", "sheet", "row_number", "submitter_code", "campaign",
			"period", "region_code", "industry_code", "received_at");

	private final Warehouse warehouse;

	private final Clock clock;

	private final MeasureCatalog measures = MeasureCatalog.standard();

	private final SubmissionLedger ledger;

	public SubmissionWriter(Warehouse warehouse) {
		this(warehouse, Clock.system(SHANGHAI));
	}

	/** @param clock source of {@code ingested_at} (not a contract column; injectable for tests) */
	public SubmissionWriter(Warehouse warehouse, Clock clock) {
		this.warehouse = warehouse;
		this.clock = clock;
		this.ledger = new SubmissionLedger(warehouse);
	}

	/**
	 * Writes the chunk's files in received order (ties: path), so that of two copies of the same bytes in one chunk
	 * the one received first is the original and the other the duplicate.
	 */
	@Override
	public void write(Chunk<? extends AuditedFile> chunk) {
		List<AuditedFile> items = new ArrayList<>(chunk.getItems());
		items.sort(Comparator.comparing(AuditedFile::receivedAt).thenComparing(AuditedFile::path));
		for (AuditedFile item : items) {
			write(item);
		}
	}

	/** Records one file in its own transaction; returns the status it got (or already had). */
	public String write(AuditedFile file) {
		String[] status = new String[1];
		warehouse.inTransaction(() -> status[0] = record(file));
		return status[0];
	}

	private String record(AuditedFile file) throws SQLException {
		Optional<String> existing = statusOf(file.sha256(), file.path());
		if (existing.isPresent()) {
			return existing.get();
		}
		LocalDateTime ingestedAt = LocalDateTime.now(clock.withZone(SHANGHAI)).withNano(0);
		Optional<String> firstPath = ledger.firstPathOf(file.sha256());
		if (firstPath.isPresent()) {
			ledger.recordDuplicate(file.sha256(), file.path(), file.receivedAt(), file.sizeBytes(), file.format(),
					firstPath.get(), ingestedAt);
			return "duplicate";
		}
		long errors = file.findings().stream().filter(Finding::isError).count();
		long warnings = file.findings().size() - errors;
		if (!file.accepted()) {
			appendFile(file, "rejected", (int) errors, (int) warnings, ingestedAt);
			appendIssues(file);
			return "rejected";
		}
		if (file.submitterCode() == null || file.campaign() == null || file.period() == null
				|| file.regionCode() == null) {
			throw new IllegalArgumentException(
					"文件 " + file.path() + " 被接受但缺少填报单位、专项行动、月份或地区，不能入库");
		}
		appendFile(file, "loaded", (int) errors, (int) warnings, ingestedAt);
		appendIssues(file);
		appendLines(file);
		rankVersions(file.submitterCode(), file.campaign(), file.period());
		return statusOf(file.sha256(), file.path()).orElseThrow();
	}

	private Optional<String> statusOf(String sha256, String path) throws SQLException {
		try (PreparedStatement ps = connection()
			.prepareStatement("select status from audit_file where sha256 = ? and path = ?")) {
			ps.setString(1, sha256);
			ps.setString(2, path);
			try (ResultSet rs = ps.executeQuery()) {
				return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
			}
		}
	}

	private void appendFile(AuditedFile file, String status, int errors, int warnings, LocalDateTime ingestedAt)
			throws SQLException {
		try (DuckDBAppender a = appender("audit_file")) {
			a.beginRow()
				.append(file.sha256())
				.append(file.path())
				.append(file.receivedAt())
				.append(status)
				.append(file.submitterCode())
				.append(file.campaign());
			appendMonth(a, file.period());
			a.append(errors)
				.append(warnings)
				.append(file.sizeBytes())
				.append(file.format())
				.append(file.sheet())
				.append(file.form());
			a.appendNull(); // duplicate_of
			a.appendNull(); // superseded_by
			a.append(ingestedAt);
			a.appendNull(); // list_kind: a summary table is no list
			a.endRow();
		}
	}

	private void appendIssues(AuditedFile file) throws SQLException {
		try (DuckDBAppender a = appender("audit_issue")) {
			int no = 0;
			for (Finding f : file.findings()) {
				SubmissionLedger.appendIssue(a, file.sha256(), ++no, f);
			}
		}
	}

	/**
	 * Lands the industry rows through the Appender. Each row's values are converted before {@code beginRow}, so a
	 * bad value fails between rows; the enclosing transaction then discards the rows already appended.
	 */
	private void appendLines(AuditedFile file) throws SQLException {
		List<String> columns = columnsOf("land_submission_line");
		try (DuckDBAppender a = appender("land_submission_line")) {
			for (AuditedFile.FactLine line : file.lines()) {
				List<Object> measureValues = new ArrayList<>();
				for (String column : columns.subList(LINE_KEYS.size(), columns.size())) {
					measureValues.add(convert(file, line, column));
				}
				a.beginRow()
					.append(file.sha256())
					.append(file.sheet() == null ? "" : file.sheet())
					.append(line.rowNumber())
					.append(file.submitterCode())
					.append(file.campaign());
				appendMonth(a, file.period());
				a.append(file.regionCode()).append(line.industryCode()).append(file.receivedAt());
				for (Object value : measureValues) {
					if (value == null) {
						a.appendNull();
					}
					else if (value instanceof BigDecimal d) {
						a.append(d);
					}
					else {
						a.append((Long) value);
					}
				}
				a.endRow();
			}
		}
	}

	/** A measure value as the column wants it: long for counts, scale-4 decimal for fines_wan, null when absent. */
	private Object convert(AuditedFile file, AuditedFile.FactLine line, String column) {
		Map<String, BigDecimal> values = line.measures();
		BigDecimal value = values.get(column);
		if (value == null) {
			return null;
		}
		Measure measure = measures.get(column);
		if (measure.isDecimal()) {
			return value.setScale(4, RoundingMode.HALF_UP);
		}
		try {
			return value.longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new IllegalArgumentException("文件 " + file.path() + " 第" + line.rowNumber() + "行 " + measure.labelZh()
					+ "（" + column + "）：“" + value.toPlainString() + "”不是整数，不能入库", ex);
		}
	}

	/**
	 * Among the accepted tables of one (submitter, campaign, period) the latest received (ties: later path) is
	 * current; all others point to it.
	 */
	private void rankVersions(String submitterCode, String campaign, YearMonth period) throws SQLException {
		try (PreparedStatement ps = connection().prepareStatement("""
				with versions as (
				    select sha256, path,
				        row_number() over (order by received_at desc, path desc) as version_rank,
				        first_value(sha256) over (order by received_at desc, path desc) as current_sha256
				    from audit_file
				    where submitter_code = ? and campaign = ? and period = ? and status in ('loaded', 'superseded')
				)
				update audit_file
				set status = case when versions.version_rank = 1 then 'loaded' else 'superseded' end,
				    superseded_by = case when versions.version_rank = 1 then null else versions.current_sha256 end
				from versions
				where audit_file.sha256 = versions.sha256 and audit_file.path = versions.path""")) {
			ps.setString(1, submitterCode);
			ps.setString(2, campaign);
			ps.setObject(3, period.atDay(1));
			ps.executeUpdate();
		}
	}

	private static void appendMonth(DuckDBAppender a, YearMonth period) throws SQLException {
		if (period == null) {
			a.appendNull();
		}
		else {
			a.append(period.atDay(1));
		}
	}

	private List<String> columnsOf(String table) throws SQLException {
		List<String> out = new ArrayList<>();
		try (PreparedStatement ps = connection().prepareStatement(
				"select column_name from information_schema.columns where table_name = ? order by ordinal_position")) {
			ps.setString(1, table);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					out.add(rs.getString(1));
				}
			}
		}
		if (!out.subList(0, LINE_KEYS.size()).equals(LINE_KEYS)) {
			throw new IllegalStateException(table + " 的列与预期不符：" + out);
		}
		return out;
	}

	private DuckDBAppender appender(String table) throws SQLException {
		return connection().unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
	}

	private Connection connection() {
		return warehouse.connection();
	}

}

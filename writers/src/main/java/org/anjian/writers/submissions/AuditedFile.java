package org.anjian.writers.submissions;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.anjian.readers.Finding;
import org.anjian.writers.ledger.AuditLedger;

/**
 * One inbox file after reading, recognition and checks (审核): everything the warehouse
 * records about it, written in one transaction by {@link SubmissionWriter}.
 *
 * @param sha256 hex SHA-256 of the file's bytes
 * @param path path relative to the inbox, with '/' separators
 * @param receivedAt the file's mtime as Asia/Shanghai wall-clock time
 * @param sizeBytes file size
 * @param format xlsx, xls, csv or unknown
 * @param accepted true when no finding is an error: the table is loaded (or superseded by
 * a later one)
 * @param submitterCode recognised submitter, or null
 * @param campaign recognised campaign code, or null
 * @param period recognised month, or null
 * @param regionCode the submitter's region, or null
 * @param sheet sheet the table came from, or null
 * @param form form variant of the table, or null
 * @param findings every finding, errors and warnings, in report order
 * @param lines the industry rows to land when accepted (empty otherwise); for a form
 * whose rows are units (F-003-II) the unit's 累计数 row, industry ALL
 * @param monthLines the 本月数 rows to land beside them (F-003-II; empty otherwise)
 * @param header the table's measure headers as written (kept for an accepted table: the
 * next one of the submitter is compared with them, {@code TEMPLATE_CHANGED}); empty when
 * no table was found
 * @param explanation the submitter's 上报说明 in the workbook, or null
 */
public record AuditedFile(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
		boolean accepted, String submitterCode, String campaign, YearMonth period, String regionCode, String sheet,
		String form, List<Finding> findings, List<FactLine> lines, List<FactLine> monthLines, List<HeaderCell> header,
		String explanation) {

	/** A file without its header and explanation at hand. */
	public AuditedFile(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
			boolean accepted, String submitterCode, String campaign, YearMonth period, String regionCode, String sheet,
			String form, List<Finding> findings, List<FactLine> lines, List<FactLine> monthLines) {
		this(sha256, path, receivedAt, sizeBytes, format, accepted, submitterCode, campaign, period, regionCode, sheet,
				form, findings, lines, monthLines, List.of(), null);
	}

	/**
	 * One measure column's header as written.
	 *
	 * @param measure the measure code it was matched to
	 * @param cell its lowest header cell, e.g. {@code F5}
	 * @param text the header path, group and leaf joined by “/”
	 */
	public record HeaderCell(String measure, String cell, String text) {
	}

	/** A file without month rows. */
	public AuditedFile(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
			boolean accepted, String submitterCode, String campaign, YearMonth period, String regionCode, String sheet,
			String form, List<Finding> findings, List<FactLine> lines) {
		this(sha256, path, receivedAt, sizeBytes, format, accepted, submitterCode, campaign, period, regionCode, sheet,
				form, findings, lines, List.of());
	}

	/** This file as the audit ledger records it (a summary table: no list kind). */
	public AuditLedger.Entry entry() {
		return new AuditLedger.Entry(sha256, path, receivedAt, sizeBytes, format, submitterCode, campaign, period,
				sheet, form, null);
	}

	/**
	 * One accepted industry row.
	 *
	 * @param rowNumber 1-based sheet row (lineage)
	 * @param industryCode industry code from the reference data
	 * @param measures measure code → value; counts are whole numbers, fines_wan a decimal
	 */
	public record FactLine(int rowNumber, String industryCode, Map<String, BigDecimal> measures) {
	}

}

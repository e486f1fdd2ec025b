package org.anjian.writers.lists;

import java.time.LocalDateTime;
import java.time.YearMonth;

import org.anjian.readers.lists.ListKind;
import org.anjian.writers.ledger.AuditLedger;

/**
 * What ingest knows about a list file before its rows are read: its identity, where it
 * came from and what it is.
 *
 * @param sha256 hex SHA-256 of the file's bytes
 * @param path path relative to the inbox, with '/' separators
 * @param receivedAt the file's mtime as Asia/Shanghai wall-clock time
 * @param sizeBytes file size
 * @param format xlsx, xls or csv
 * @param kind which list it is
 * @param submitterCode recognised submitter, or null (county-wide directories and liaison
 * lists often name none)
 * @param sheet sheet the list came from, or null
 */
public record ListFile(String sha256, String path, LocalDateTime receivedAt, long sizeBytes, String format,
		ListKind kind, String submitterCode, String sheet) {

	/**
	 * This file as the audit ledger records it: no campaign, no form; {@code period} may
	 * be null.
	 */
	public AuditLedger.Entry entry(YearMonth period) {
		return new AuditLedger.Entry(sha256, path, receivedAt, sizeBytes, format, submitterCode, null, period, sheet,
				null, kind.code());
	}

}

package org.anjian.readers.lists;

import java.util.List;

/**
 * The record-level lists (明细清单) a county office collects besides the monthly summary
 * tables. Each kind fixes the canonical columns its rows carry, in this order:
 * {@link ListRow#values()} is aligned with {@link #columns()}.
 *
 * <p>
 * Values are normalised by the reader: dates as {@code yyyy-MM-dd}, amounts as plain
 * decimals, vocabularies as the codes named below, text trimmed (names kept as written),
 * USCC upper-cased. A value the file does not carry is null.
 */
public enum ListKind {

	/**
	 * 隐患排查治理台账 / 重大事故隐患台账清单: one row per hazard. {@code level}: major|general (重大/一般);
	 * {@code source}: self_check|enforcement (自查/执法检查); {@code status}:
	 * rectified|in_progress|not_started (已整改/整改中/未整改).
	 */
	HAZARD_LEDGER("hazard_ledger", "隐患台账",
			List.of("enterprise_name", "uscc", "township", "industry", "description", "level", "found_on", "source",
					"measures", "responsible", "funds_wan", "deadline", "status", "rectified_on", "contingency_plan",
					"remarks")),

	/**
	 * 执法统计表（一） (003 附件1): one row per inspection. {@code violations} is the cell as
	 * written; the reader also splits it into {@link ListRow#items()} (“1. … 2. …” → one
	 * item each).
	 */
	INSPECTION_RECORD("inspection_record", "执法检查明细",
			List.of("enterprise_name", "uscc", "inspected_on", "inspectors", "violations", "rectification",
					"case_number", "fines_wan", "legal_basis", "other_measures", "remarks")),

	/**
	 * 重点/一般检查企业名录库 (001 附件4/5). {@code list}: key|general (重点/一般), from the title or the
	 * header (主要风险 → key, 备注 only → general).
	 */
	ENTERPRISE_DIRECTORY("enterprise_directory", "企业名录库",
			List.of("list", "enterprise_name", "uscc", "industry", "township", "main_risk", "remarks")),

	/** 专职联络员统计表 (000 附件2, 001 附件3). {@code mobile}: 11 digits. */
	LIAISON_LIST("liaison_list", "联络员名单", List.of("name", "gender", "unit_and_post", "mobile", "remarks"));

	private final String code;

	private final String label;

	private final List<String> columns;

	ListKind(String code, String label, List<String> columns) {
		this.code = code;
		this.label = label;
		this.columns = columns;
	}

	/**
	 * Stable code, e.g. {@code hazard_ledger}; the warehouse names its tables after it.
	 */
	public String code() {
		return code;
	}

	/** Chinese name for messages. */
	public String label() {
		return label;
	}

	/** Canonical column codes, in the order of {@link ListRow#values()}. */
	public List<String> columns() {
		return columns;
	}

	/** Position of a column code in {@link #columns()}, or -1. */
	public int indexOf(String column) {
		return columns.indexOf(column);
	}

}

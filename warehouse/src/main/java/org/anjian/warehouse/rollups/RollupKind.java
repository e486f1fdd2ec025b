package org.anjian.warehouse.rollups;

/**
 * The two rollups of a month (DOMAIN.md "Rollups sent upward"); the one place their names
 * are defined.
 */
public enum RollupKind {

	/** As of the end of the holiday-shifted deadline day (22日汇总): cumulative figures. */
	CUTOFF("cutoff", "rollup_cutoff", "截止日汇总"),

	/** As of the end of the month (月末汇总): month figures, cumulative figures and rates. */
	MONTH_END("month-end", "rollup_month_end", "月末汇总");

	private final String code;

	private final String table;

	private final String label;

	RollupKind(String code, String table, String label) {
		this.code = code;
		this.table = table;
		this.label = label;
	}

	/**
	 * The value used on the command line, in {@code rollup_roster.kind} and in outbox
	 * folder names.
	 */
	public String code() {
		return code;
	}

	/** The rollup table it materializes. */
	public String table() {
		return table;
	}

	/** The office's name for it, as printed. */
	public String label() {
		return label;
	}

	public static RollupKind fromCode(String code) {
		for (RollupKind kind : values()) {
			if (kind.code.equals(code)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("未知的汇总类型“" + code + "”，应为 cutoff 或 month-end");
	}

}

package org.anjian.warehouse.rollups;

/**
 * Where one rollup's rows are: the official tables ({@code rollup_cutoff} /
 * {@code rollup_month_end} and {@code rollup_roster}, one set of rows per campaign month
 * and kind), or for a what-if ({@code rollup --as-of T}, T not the default; CONTRACT.md
 * "What-if rollups") the {@code whatif_} tables of the same columns, one set per
 * {@code as_of} as well. The one place these names are paired with a request.
 *
 * @param rollup the rollup table
 * @param roster the roster table
 * @param whatIf true for the what-if tables: rows are also selected by {@code as_of}
 */
public record RollupTables(String rollup, String roster, boolean whatIf) {

	/** The prefix of the what-if twins of the rollup tables. */
	public static final String WHAT_IF_PREFIX = "whatif_";

	/** The official tables of {@code kind}. */
	public static RollupTables official(RollupKind kind) {
		return new RollupTables(kind.table(), "rollup_roster", false);
	}

	/** The what-if tables of {@code kind}. */
	public static RollupTables whatIf(RollupKind kind) {
		return new RollupTables(WHAT_IF_PREFIX + kind.table(), WHAT_IF_PREFIX + "rollup_roster", true);
	}

	/** The official tables, or the what-if ones when {@code whatIf}. */
	public static RollupTables of(RollupKind kind, boolean whatIf) {
		return whatIf ? whatIf(kind) : official(kind);
	}

	/**
	 * The condition selecting one rollup's rows of {@link #rollup()}: parameters
	 * campaign, period (and as_of for a what-if).
	 */
	public String rollupWhere() {
		return whatIf ? "campaign = ? and period = ? and as_of = ?" : "campaign = ? and period = ?";
	}

	/**
	 * The condition selecting one rollup's rows of {@link #roster()}: parameters
	 * campaign, period, kind (and as_of for a what-if).
	 */
	public String rosterWhere() {
		return whatIf ? "campaign = ? and period = ? and kind = ? and as_of = ?"
				: "campaign = ? and period = ? and kind = ?";
	}

}

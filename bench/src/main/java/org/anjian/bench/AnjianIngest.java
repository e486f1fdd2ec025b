package org.anjian.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

import org.anjian.jobs.submissions.ListIntake;
import org.anjian.jobs.system.IntakeSettings;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;

/**
 * The whole ingest of one ledger, by the intake step's own classes ({@link ListIntake}):
 * SHA-256 of the file (its identity), the sniff that tells a list from a summary table
 * behind the list-sized limits (zip bomb, DTD, shared-strings budget) and recognises its
 * sender, then the streaming read with every row check while the loader appends on its
 * own thread, one DuckDB transaction, committed. The clock stops when the rows are
 * committed to the file. Not included: the marts rebuild the job runs once after all
 * files (measured separately, writers/README.md).
 */
final class AnjianIngest implements BenchWorkload {

	private Warehouse warehouse;

	private ListIntake intake;

	private String phases = "";

	@Override
	public String name() {
		return BenchWorkloads.INGEST;
	}

	@Override
	public String description() {
		return "anjian 全流程：哈希 + 识别 + 流式读取与逐行审核 + 另一线程 Appender 入库（一个事务）";
	}

	@Override
	public void prepare(Run run) throws Exception {
		// an empty warehouse with its schema and the demo county's reference data, as the
		// intake step finds it after
		// referenceLoad: the ledger's 填报单位 (青川县应急管理局) is a submitter there, so it loads
		// as a real one would
		warehouse = Warehouse.open(run.scratch().resolve("warehouse.duckdb"));
		ReferenceData reference = ReferenceDataLoader.loadDemo();
		ReferenceDataLoader.write(warehouse, reference);
		// the product's defaults, not this machine's ANJIAN_* variables
		intake = ListIntake.of(warehouse, reference, IntakeSettings.from(setting -> null));
		try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
			c.createStatement().close();
		}
	}

	@Override
	public long run(Run run) throws Exception {
		long[] marks = new long[3];
		long start = System.nanoTime();
		String status = intake.ingest(run.ledger(), new ListIntake.Phases() {

			@Override
			public void hashed() {
				marks[0] = System.nanoTime();
			}

			@Override
			public void recognised() {
				marks[1] = System.nanoTime();
			}

			@Override
			public void read() {
				marks[2] = System.nanoTime();
			}

		});
		long committed = System.nanoTime();
		if (!"loaded".equals(status)) {
			throw new IllegalStateException("台账未入库：" + status + " " + errors());
		}
		long rows = rowsHandled();
		warehouse.close();
		phases = String.format(Locale.ROOT, "阶段：哈希 %.2f 秒 · 识别（含限额检查）%.2f 秒 · 读取、审核与分块入库 %.2f 秒 · " + "入库收尾与提交 %.2f 秒",
				(marks[0] - start) / 1e9, (marks[1] - marks[0]) / 1e9, (marks[2] - marks[1]) / 1e9,
				(committed - marks[2]) / 1e9);
		return rows;
	}

	@Override
	public String phases() {
		return phases;
	}

	/**
	 * Rows landed plus rows refused by a row check: every data row the reader handled.
	 */
	private long rowsHandled() throws Exception {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st
					.executeQuery("select (select count(*) from raw_hazard_ledger) + (select count(distinct "
							+ "row_number) from audit_issue where severity = 'error' and row_number is not null)")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private String errors() throws Exception {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery("select string_agg(rule || ' ' || message, '；') from audit_issue "
						+ "where severity = 'error' and row_number is null")) {
			rs.next();
			return String.valueOf(rs.getString(1));
		}
	}

}

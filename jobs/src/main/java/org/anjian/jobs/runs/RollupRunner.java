package org.anjian.jobs.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.rollups.RollupRequest;
import org.anjian.warehouse.rollups.RollupTables;
import org.anjian.writers.official.OfficialTableExporter;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * 汇总: one rollup started as rollupJob ({@link JobStarts}), its 催报 roster and outbox files
 * printed. {@link Runs} (nightly, schedule, serve, demo) and the {@code rollup} command
 * without a Spring context ({@link JobsWithoutContext}) both run this, so the job
 * parameters, the job history and every printed line are the same either way.
 */
final class RollupRunner {

	private final JobStarts starts;

	private final Job rollupJob;

	private final ReferenceData reference;

	private final AnjianSettings settings;

	private final Warehouse warehouse;

	RollupRunner(JobStarts starts, Job rollupJob, ReferenceData reference, AnjianSettings settings,
			Warehouse warehouse) {
		this.starts = starts;
		this.rollupJob = rollupJob;
		this.reference = reference;
		this.settings = settings;
		this.warehouse = warehouse;
	}

	/**
	 * 汇总: one rollup materialized with its 催报 roster, and the official table written into
	 * the outbox. A what-if ({@link RollupRequest#isWhatIf}: an {@code as_of} other than
	 * the default) writes the {@code whatif_} tables and its own outbox folder and leaves
	 * the official rollup as it was.
	 */
	RollupRun rollup(RollupRequest request, RunProgress progress) throws Exception {
		calendarWarnings(reference, progress);
		boolean whatIf = request.isWhatIf(reference);
		// the rollup's own parameters, and the intake state: a rollup re-run after new
		// files landed is a new instance
		JobParametersBuilder params = new JobParametersBuilder();
		request.parameters().forEach(params::addString);
		if (!whatIf && officialRowsOfAnotherAsOf(request)) {
			// an older version's rollup --as-of replaced the official rows: the completed
			// instance's rows are gone, make them again
			params.addString("repair", java.time.Instant.now().toString());
		}
		JobStarts.Started started = starts.start(rollupJob,
				params.addString("inputs", intakeState()).toJobParameters());
		if (started.outcome() == RunOutcome.FAILED) {
			progress.problem(started.problem("汇总"));
			return new RollupRun(request, RunOutcome.FAILED, List.of(), started.failure());
		}
		String campaignName = reference.campaign(request.campaign()).map(c -> c.name()).orElse(request.campaign());
		progress.line((started.outcome() == RunOutcome.ALREADY_COMPLETE ? "汇总已是最新（输入未变）：" : "汇总完成：")
				+ (whatIf ? "假设汇总（what-if）" : "") + campaignName + " " + request.period() + " " + request.kind().label()
				+ "，截至 " + request.asOf().toString().replace('T', ' '));
		RollupTables tables = RollupTables.of(request.kind(), whatIf);
		if (whatIf) {
			progress.line("截至时刻不是默认的 "
					+ RollupRequest.of(reference, request.campaign(), request.period(), request.kind(), null)
						.asOf()
						.toString()
						.replace('T', ' ')
					+ "：正式汇总、催报名单和上报表不变；本次结果在 " + tables.rollup() + "、" + tables.roster() + "（as_of = "
					+ request.asOf().toString().replace('T', ' ') + "）");
		}
		printRoster(request, tables, progress);
		DeliverablesRoster.print(warehouse, request, progress);
		Path folder = OfficialTableExporter.folder(settings.outboxDir(), request, whatIf);
		List<Path> outbox = new ArrayList<>();
		if (Files.isDirectory(folder)) {
			// the official folder also holds the what-ifs' as-of-… folders
			try (Stream<Path> files = Files.list(folder)) {
				files.filter(Files::isRegularFile).sorted().forEach(outbox::add);
			}
		}
		outbox.forEach(f -> progress.line("上报表：" + f));
		return new RollupRun(request, started.outcome(), List.copyOf(outbox), null);
	}

	/**
	 * Whether the official roster of the request's rollup holds another {@code as_of}.
	 */
	private boolean officialRowsOfAnotherAsOf(RollupRequest request) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select count(*) from rollup_roster where campaign = ? and period = ? and kind = ?"
					+ " and as_of <> ?")) {
			ps.setString(1, request.campaign());
			ps.setObject(2, request.period().atDay(1));
			ps.setString(3, request.kind().code());
			ps.setObject(4, request.asOf());
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getLong(1) > 0;
			}
		}
	}

	/**
	 * The 催报 roster of a materialized rollup, one line per submitter; liaison and phone
	 * for the missing.
	 */
	private void printRoster(RollupRequest request, RollupTables tables, RunProgress out) throws SQLException {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select submitter_code, submitter_name, status, carried_forward, carried_from_period, "
					+ "received_at, liaison, phone, rejected_rules, rejected_at from " + tables.roster() + " where "
					+ tables.rosterWhere()
					+ " order by case status when 'missing' then 0 when 'late' then 1 else 2 end, submitter_code")) {
			ps.setString(1, request.campaign());
			ps.setObject(2, request.period().atDay(1));
			ps.setString(3, request.kind().code());
			if (tables.whatIf()) {
				ps.setObject(4, request.asOf());
			}
			try (ResultSet rs = ps.executeQuery()) {
				out.line("催报名单（" + request.period() + "）：");
				while (rs.next()) {
					String status = switch (rs.getString("status")) {
						case "missing" -> rs.getTimestamp("rejected_at") == null ? "未报" : rejected(rs);
						case "late" -> "逾期报送";
						default -> "按时报送";
					};
					StringBuilder line = new StringBuilder(String.format("  %-6s %-14s %s",
							rs.getString("submitter_code"), rs.getString("submitter_name"), status));
					if (rs.getBoolean("carried_forward")) {
						line.append("（沿用")
							.append(rs.getObject("carried_from_period") == null ? "—"
									: YearMonth.from(rs.getDate("carried_from_period").toLocalDate()))
							.append("数据）");
					}
					if (!"on_time".equals(rs.getString("status")) && rs.getString("liaison") != null) {
						line.append("  联络员 ").append(rs.getString("liaison")).append(' ').append(rs.getString("phone"));
					}
					out.line(line.toString());
				}
			}
		}
	}

	/**
	 * 已报被退回 with the rules of the rejected table and when it came in, e.g.
	 * {@code 已报被退回（审核未通过 TOTAL_MISMATCH，2024-05-14 20:35 收到）}.
	 */
	private static String rejected(ResultSet roster) throws SQLException {
		String rules = roster.getString("rejected_rules");
		String at = roster.getTimestamp("rejected_at").toLocalDateTime().withSecond(0).toString().replace('T', ' ');
		return "已报被退回（" + (rules == null ? "" : "审核未通过 " + rules.replace(",", "、") + "，") + at + " 收到）";
	}

	/**
	 * Intake state: a rollup re-run after new files landed is a new job instance;
	 * otherwise nothing changes.
	 */
	private String intakeState() throws SQLException {
		try (Statement st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery(
						"select count(*) || '/' || coalesce(max(ingested_at)::varchar, '-') from audit_file")) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * Campaign months whose deadline falls in a year no holiday calendar covers: said
	 * every run.
	 */
	static void calendarWarnings(ReferenceData reference, RunProgress progress) {
		new DeadlineCalendar(reference.holidays()).coverageWarnings(reference.campaigns()).forEach(progress::line);
	}

}

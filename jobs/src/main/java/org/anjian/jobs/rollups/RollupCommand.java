package org.anjian.jobs.rollups;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;

import org.anjian.jobs.cli.AnjianCommand;
import org.anjian.jobs.cli.CliArgs;
import org.anjian.jobs.cli.CliArgs.UsageException;
import org.anjian.jobs.cli.CommandOutput;
import org.anjian.jobs.cli.ExitCodes;
import org.anjian.jobs.system.AnjianSettings;
import org.anjian.jobs.system.JobRunner;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.calendar.DeadlineCalendar;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.rollups.RollupKind;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code rollup --campaign C --period YYYY-MM --kind cutoff|month-end [--as-of DATETIME]}: runs rollupJob and prints
 * the 催报 roster (who is on time, late, missing; whom to call).
 */
@Component
public class RollupCommand implements AnjianCommand {

	private final Job job;

	private final JobRunner runner;

	private final ReferenceData reference;

	private final Warehouse warehouse;

	private final AnjianSettings settings;

	RollupCommand(@Qualifier("rollupJob") Job job, JobRunner runner, ReferenceData reference, Warehouse warehouse,
			AnjianSettings settings) {
		this.job = job;
		this.runner = runner;
		this.reference = reference;
		this.warehouse = warehouse;
		this.settings = settings;
	}

	@Override
	public String name() {
		return "rollup";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		String campaignCode = args.required("campaign");
		Campaign campaign = reference.campaign(campaignCode)
			.orElseThrow(() -> new UsageException("未知专项行动“" + campaignCode + "”（见 campaigns.csv）"));
		YearMonth period;
		try {
			period = YearMonth.parse(args.required("period"));
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("选项 --period 应为 YYYY-MM，例如 2024-05");
		}
		if (!campaign.covers(period)) {
			throw new UsageException(period + " 不在“" + campaign.name() + "”期间（" + campaign.firstMonth() + " 至 "
					+ campaign.lastMonth() + "）");
		}
		RollupKind kind;
		try {
			kind = RollupKind.fromCode(args.required("kind"));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("选项 --kind 应为 cutoff 或 month-end");
		}
		LocalDateTime asOf = args.dateTime("as-of").orElse(null);
		return rollup(campaign, period, kind, asOf, out);
	}

	/** Runs one rollup; used by rollup, nightly, schedule and demo. */
	public int rollup(Campaign campaign, YearMonth period, RollupKind kind, LocalDateTime asOf, CommandOutput out)
			throws Exception {
		DeadlineCalendar calendar = new DeadlineCalendar(reference.holidays());
		LocalDateTime effectiveAsOf = asOf != null ? asOf
				: kind == RollupKind.CUTOFF ? calendar.cutoffAsOf(campaign, period)
						: DeadlineCalendar.monthEndAsOf(period);
		JobExecution execution = runner.run(job,
				new JobParametersBuilder().addString("campaign", campaign.code())
					.addString("period", period.toString())
					.addString("kind", kind.code())
					.addLocalDateTime("asOf", effectiveAsOf)
					.addString("inputs", intakeState())
					.toJobParameters());
		int outcome = JobRunner.outcome(execution, "汇总", out);
		if (outcome != ExitCodes.OK) {
			return outcome;
		}
		out.line((execution == null ? "汇总已是最新（输入未变）：" : "汇总完成：") + campaign.name() + " " + period + " "
				+ (kind == RollupKind.CUTOFF ? "截止日汇总" : "月末汇总") + "，截至 " + effectiveAsOf.toString().replace('T', ' '));
		printRoster(campaign, period, kind, out);
		Path folder = settings.outboxDir().resolve(campaign.code()).resolve(period.toString()).resolve(kind.code());
		if (Files.isDirectory(folder)) {
			try (Stream<Path> files = Files.list(folder)) {
				files.sorted().forEach(f -> out.line("上报表：" + f));
			}
		}
		return ExitCodes.OK;
	}

	/** The 催报 roster of a materialized rollup, one line per submitter; liaison and phone for the missing. */
	private void printRoster(Campaign campaign, YearMonth period, RollupKind kind, CommandOutput out) throws Exception {
		try (PreparedStatement ps = warehouse.connection()
			.prepareStatement("select submitter_code, submitter_name, status, carried_forward, carried_from_period, "
					+ "received_at, liaison, phone from rollup_roster where campaign = ? and period = ? and kind = ? "
					+ "order by case status when 'missing' then 0 when 'late' then 1 else 2 end, submitter_code")) {
			ps.setString(1, campaign.code());
			ps.setObject(2, period.atDay(1));
			ps.setString(3, kind.code());
			try (ResultSet rs = ps.executeQuery()) {
				out.line("催报名单（" + period + "）：");
				while (rs.next()) {
					String status = switch (rs.getString("status")) {
						case "missing" -> "未报";
						case "late" -> "逾期报送";
						default -> "按时报送";
					};
					StringBuilder line = new StringBuilder(String.format("  %-6s %-14s %s", rs.getString("submitter_code"),
							rs.getString("submitter_name"), status));
					if (rs.getBoolean("carried_forward")) {
						line.append("（沿用").append(rs.getObject("carried_from_period") == null ? "—"
								: YearMonth.from(rs.getDate("carried_from_period").toLocalDate())).append("数据）");
					}
					if (!"on_time".equals(rs.getString("status")) && rs.getString("liaison") != null) {
						line.append("  联络员 ").append(rs.getString("liaison")).append(' ').append(rs.getString("phone"));
					}
					out.line(line.toString());
				}
			}
		}
	}

	/** Intake state: a rollup re-run after new files landed is a new job instance; otherwise nothing changes. */
	private String intakeState() throws Exception {
		try (var st = warehouse.connection().createStatement();
				ResultSet rs = st.executeQuery(
						"select count(*) || '/' || coalesce(max(ingested_at)::varchar, '-') from audit_file")) {
			rs.next();
			return rs.getString(1);
		}
	}

}

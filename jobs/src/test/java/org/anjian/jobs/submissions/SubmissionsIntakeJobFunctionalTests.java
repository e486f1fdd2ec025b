package org.anjian.jobs.submissions;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.anjian.jobs.cli.Cli;
import org.anjian.jobs.runs.IngestRequest;
import org.anjian.jobs.runs.IngestResult;
import org.anjian.jobs.runs.Runs;
import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.jobs.system.HomeLock;
import org.anjian.jobs.system.RunProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches the ingest command on the sample county, as a user would, and checks the
 * contract tables.
 */
class SubmissionsIntakeJobFunctionalTests {

	@TempDir
	Path tmp;

	SampleCounty samples;

	Path inbox;

	Path home;

	@BeforeEach
	void setUp() {
		samples = SampleCounty.load();
		inbox = samples.copyInbox(tmp.resolve("inbox"));
		home = tmp.resolve("home");
	}

	CliRun ingest() {
		return CliRun.of("ingest", "--home", home.toString(), "--reference", samples.reference().toString(), "--inbox",
				inbox.toString());
	}

	@Test
	void sampleInboxEndsWithTheExpectedAuditStatuses() {
		// when
		CliRun run = ingest();

		// then
		assertThat(run.exitCode()).as(run.toString()).isZero();
		Map<String, String> actual = WarehouseQueries.query(home, "select path, status from audit_file order by path")
			.stream()
			.collect(Collectors.toMap(r -> (String) r.get("path"), r -> (String) r.get("status")));
		Map<String, String> expected = samples.files()
			.stream()
			.collect(Collectors.toMap(f -> (String) f.get("path"), f -> (String) f.get("status")));
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void recognisedSubmitterCampaignAndPeriodMatchTheSamples() {
		// when
		ingest();

		// then
		Map<String, List<Object>> actual = new HashMap<>();
		for (Map<String, Object> r : WarehouseQueries.query(home,
				"select path, submitter_code, campaign, strftime(period, '%Y-%m') as period from audit_file where status <> 'duplicate'")) {
			actual.put((String) r.get("path"), List.of(r.get("submitter_code"), r.get("campaign"), r.get("period")));
		}
		for (Map<String, Object> f : samples.files()) {
			if (f.containsKey("submitter_code")) {
				assertThat(actual.get((String) f.get("path"))).as((String) f.get("path"))
					.containsExactly(f.get("submitter_code"), f.get("campaign"), f.get("period"));
			}
		}
	}

	@Test
	void rejectedTableIsReportedOnItsTotalRowInChinese() {
		// when
		ingest();

		// then
		for (Map<String, Object> f : samples.files()) {
			if (!"rejected".equals(f.get("status"))) {
				continue;
			}
			List<Map<String, Object>> issues = WarehouseQueries.query(home,
					"select rule, sheet, row_number, column_name, message from audit_issue where severity = 'error' and sha256 = '"
							+ f.get("sha256") + "' order by issue_no");
			assertThat(issues).isNotEmpty();
			assertThat(issues).allSatisfy(i -> {
				assertThat(i.get("rule")).isEqualTo("TOTAL_MISMATCH");
				assertThat(i.get("row_number")).isEqualTo(((Number) f.get("error_row")).intValue());
				assertThat(i.get("sheet")).isEqualTo(f.get("sheet"));
				assertThat((String) i.get("message")).contains("合计").contains("≠ 各行之和");
			});
			Map<String, Object> counts = WarehouseQueries
				.query(home, "select error_count from audit_file where sha256 = '" + f.get("sha256") + "'")
				.get(0);
			assertThat(((Number) counts.get("error_count")).intValue()).isEqualTo(issues.size());
		}
	}

	@Test
	void lateTableIsLoadedWithAWarning() {
		// when
		ingest();

		// then
		for (Map<String, Object> f : samples.files()) {
			if (Boolean.TRUE.equals(f.get("expect_warning"))) {
				List<Map<String, Object>> rows = WarehouseQueries.query(home,
						"select f.status, f.warning_count, i.rule from audit_file f join audit_issue i using (sha256) where i.severity = 'warning' and f.sha256 = '"
								+ f.get("sha256") + "'");
				assertThat(rows).extracting(r -> r.get("rule")).contains("LATE");
				assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("loaded"));
			}
		}
	}

	@Test
	void aprilFiguresAddUpToTheExpectedCountyTotals() {
		// given every submitter reported April on time, so the April cutoff is the plain
		// sum of the April tables
		Map<String, Object> expectedAll = ((List<Map<String, Object>>) samples.read(
				"$.rollups[?(@.period == '2024-04' && @.kind == 'cutoff')].rows[?(@.region_code == '519902' && @.industry_code == 'ALL')].measures"))
			.get(0);

		// when
		ingest();

		// then
		Map<String, Object> sums = WarehouseQueries.query(home, "select "
				+ expectedAll.keySet().stream().map(m -> "sum(" + m + ") as " + m).collect(Collectors.joining(", "))
				+ " from land_submission_line l join audit_file f using (sha256) where f.status = 'loaded' and l.period = date '2024-04-01'")
			.get(0);
		expectedAll
			.forEach((measure, value) -> assertThat(new BigDecimal(String.valueOf(sums.get(measure)))).as(measure)
				.isEqualByComparingTo(new BigDecimal(String.valueOf(value))));
	}

	@Test
	void ingestingTwiceChangesNothing() {
		// given
		ingest();
		List<Map<String, Object>> filesBefore = contractFiles();
		List<Map<String, Object>> issuesBefore = WarehouseQueries.query(home,
				"select * from audit_issue order by sha256, issue_no");
		List<Map<String, Object>> linesBefore = WarehouseQueries.query(home,
				"select * from land_submission_line order by sha256, row_number");

		// when
		CliRun second = ingest();

		// then
		assertThat(second.exitCode()).as(second.toString()).isZero();
		assertThat(contractFiles()).isEqualTo(filesBefore);
		assertThat(WarehouseQueries.query(home, "select * from audit_issue order by sha256, issue_no"))
			.isEqualTo(issuesBefore);
		assertThat(WarehouseQueries.query(home, "select * from land_submission_line order by sha256, row_number"))
			.isEqualTo(linesBefore);
	}

	/**
	 * {@code schedule} (and {@code schedule --serve}'s uploads) run many intakes in one
	 * process: each must see what the ones before it recorded (the files, the tables its
	 * checks compare with, the versions it ranks), as separate processes do.
	 */
	@Test
	void twoIntakesInOneProcessEndAsOneIntakeOfTheWholeInbox() throws Exception {
		// given an intake in one process of the files received by 16 May noon (石门镇's
		// first May table among them), then one of the rest (its correction among them)
		LocalDateTime split = LocalDateTime.parse("2024-05-16T12:00:00");
		RunProgress quiet = new RunProgress() {
			@Override
			public void line(String text) {
			}

			@Override
			public void problem(String text) {
			}
		};
		IngestResult first;
		IngestResult second;
		try (HomeLock lock = HomeLock.acquire(home);
				ConfigurableApplicationContext context = Cli.context(home, samples.reference(), "schedule", Map.of())) {
			Runs runs = context.getBean(Runs.class);
			first = runs.ingest(new IngestRequest(inbox, split), quiet);
			second = runs.ingest(new IngestRequest(inbox, null), quiet);
		}
		// and the whole inbox in one intake, elsewhere
		Path oneGo = tmp.resolve("one-go");
		CliRun whole = CliRun.of("ingest", "--home", oneGo.toString(), "--reference", samples.reference().toString(),
				"--inbox", inbox.toString());
		assertThat(whole.exitCode()).as(whole.toString()).isZero();

		// then the second intake read only the files the first had not seen
		long later = samples.files()
			.stream()
			.filter(f -> LocalDateTime.parse((String) f.get("received_at")).isAfter(split))
			.count();
		assertThat(second.statuses().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(later);
		assertThat(first.statuses().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(samples.files().size() - later);
		// and the correction superseded the table the first intake loaded
		Map<String, String> statuses = WarehouseQueries.query(home, "select path, status from audit_file")
			.stream()
			.collect(Collectors.toMap(r -> (String) r.get("path"), r -> (String) r.get("status")));
		assertThat(statuses).containsEntry("2024-05/石门镇5月统计表.xlsx", "superseded")
			.containsEntry("2024-05/石门镇5月统计表（更正）.xlsx", "loaded");
		// and everything recorded, found and counted is what one intake of the whole
		// inbox gives
		for (String sql : List.of(
				"select path, status, superseded_by, duplicate_of, error_count, warning_count from audit_file order by path",
				"select f.path, i.issue_no, i.rule, i.message from audit_issue i join audit_file f using (sha256) "
						+ "where f.status <> 'duplicate' order by f.path, i.issue_no",
				"select submitter_code, campaign, period, industry_code, hazards_total from fact_submission_line "
						+ "where is_current order by all")) {
			assertThat(WarehouseQueries.query(home, sql)).as(sql).isEqualTo(WarehouseQueries.query(oneGo, sql));
		}
	}

	private List<Map<String, Object>> contractFiles() {
		return WarehouseQueries.query(home,
				"select sha256, path, received_at, status, submitter_code, campaign, period, error_count, warning_count from audit_file order by path");
	}

}

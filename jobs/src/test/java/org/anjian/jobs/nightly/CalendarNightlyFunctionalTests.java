package org.anjian.jobs.nightly;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.anjian.jobs.support.CliRun;
import org.anjian.jobs.support.ExpectedRollups;
import org.anjian.jobs.support.SampleCounty;
import org.anjian.jobs.support.WarehouseQueries;
import org.anjian.schedules.DueRollup;
import org.anjian.schedules.DueRollups;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The second-round calendars (report_from, deadline_month, holiday shifts across month
 * ends) end to end: nightly replayed at 2024-10-01 02:00 over samples-b, for its F-001
 * campaign GJ2023 (次月1日, 提前) and its F-000 campaign HH2024 (20日, from April, cumulative
 * from March). ZF2024 (form F-003-II) is left out of the reference data here, so its
 * files are rejected and not asserted on; F003NightlyFunctionalTests covers it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalendarNightlyFunctionalTests {

	static final Set<String> CAMPAIGNS = Set.of("GJ2023", "HH2024");

	SampleCounty samples;

	Path reference;

	Path home;

	CliRun nightly;

	@BeforeAll
	void replayNightly(@TempDir Path tmp) {
		samples = SampleCounty.load("../samples-b");
		reference = samples.copyReference(tmp.resolve("reference"), "ZF2024");
		Path inbox = samples.copyInbox(tmp.resolve("inbox"));
		home = tmp.resolve("home");
		nightly = CliRun.of("nightly", "--home", home.toString(), "--reference", reference.toString(), "--inbox",
				inbox.toString(), "--now", "2024-10-01T02:00");
	}

	List<Map<String, Object>> deadlines() {
		List<Map<String, Object>> all = samples.read("$.deadlines");
		return all.stream().filter(d -> CAMPAIGNS.contains(d.get("campaign"))).toList();
	}

	@Test
	void everyDeadlineOfExpectedJsonIsTheDefaultAsOfAndTheCalendarAsksForNoOther() {
		// given
		ReferenceData data = ReferenceDataLoader.load(reference);
		Set<String> expected = new TreeSet<>();
		for (Map<String, Object> d : deadlines()) {
			String campaign = (String) d.get("campaign");
			YearMonth period = YearMonth.parse((String) d.get("period"));
			// then: RollupRequest decides the default as_of
			assertThat(RollupRequest.of(data, campaign, period, RollupKind.CUTOFF, null).asOf())
				.as(campaign + " " + period + " cutoff")
				.isEqualTo(LocalDateTime.parse((String) d.get("cutoff_as_of")));
			assertThat(RollupRequest.of(data, campaign, period, RollupKind.MONTH_END, null).asOf())
				.as(campaign + " " + period + " month-end")
				.isEqualTo(LocalDateTime.parse((String) d.get("month_end_as_of")));
			expected.add(campaign + " " + period + " cutoff " + d.get("cutoff_as_of"));
			expected.add(campaign + " " + period + " month-end " + d.get("month_end_as_of"));
		}
		assertThat(expected).hasSize(2 * (6 + 6));
		// and the calendar holds exactly these rollups: none for HH2024 2024-03
		Set<String> calendar = new TreeSet<>();
		for (DueRollup r : new DueRollups(data).calendar()) {
			calendar.add(r.campaign() + " " + r.period() + " " + r.kind() + " " + r.asOf());
		}
		assertThat(calendar).containsExactlyElementsOf(expected);
	}

	@Test
	void nightlyProducesEveryRollupDueAtItsDefaultAsOfAndNoneBeforeReportFrom() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		Set<String> expected = new TreeSet<>();
		for (Map<String, Object> d : deadlines()) {
			String month = (String) d.get("period");
			// due by 2024-10-01 02:00: everything but HH2024's September month-end
			// (as of 2024-09-30 23:59:59, due at midnight — produced as well); a month
			// with no table received by the as_of is not rolled up (nothing to add up)
			for (String kind : List.of("cutoff", "month-end")) {
				String asOf = (String) d.get("cutoff".equals(kind) ? "cutoff_as_of" : "month_end_as_of");
				if (samples.anyAcceptedTableBy((String) d.get("campaign"), month, asOf)) {
					expected.add(d.get("campaign") + " " + month + " " + kind + " " + asOf);
				}
			}
		}
		assertThat(expected).contains("GJ2023 2023-07 cutoff 2023-08-01T23:59:59")
			.doesNotContain("GJ2023 2023-09 cutoff 2023-09-28T23:59:59")
			.hasSize(12);
		assertThat(nightly.out()).contains("暂不汇总 重大事故隐患集中攻坚2023行动：2023-09 截止日汇总、2023-09 月末汇总、2023-10 截止日汇总");
		List<Object> produced = WarehouseQueries.query(home, """
				select distinct campaign || ' ' || strftime(period, '%Y-%m') || ' ' || kind || ' '
				    || strftime(as_of, '%Y-%m-%dT%H:%M:%S') as r
				from rollup_roster order by 1""").stream().map(r -> r.get("r")).toList();
		assertThat(produced).containsExactlyElementsOf(expected);
		assertThat(WarehouseQueries.query(home,
				"select * from rollup_cutoff where campaign = 'HH2024' and period = date '2024-03-01'"))
			.isEmpty();
	}

	@Test
	void filesGetTheirStatusesAndLateExactlyWhereExpected() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		List<Map<String, Object>> files = samples.files();
		int checked = 0;
		for (Map<String, Object> f : files) {
			if (!CAMPAIGNS.contains(f.get("campaign"))) {
				continue;
			}
			String path = (String) f.get("path");
			String quoted = "'" + path.replace("'", "''") + "'";
			List<Map<String, Object>> audit = WarehouseQueries.query(home,
					"select status, campaign, strftime(period, '%Y-%m') as period, submitter_code from audit_file where path = "
							+ quoted);
			assertThat(audit).as(path).hasSize(1);
			assertThat(audit.get(0).get("status")).as(path).isEqualTo(f.get("status"));
			assertThat(audit.get(0).get("campaign")).as(path).isEqualTo(f.get("campaign"));
			assertThat(audit.get(0).get("period")).as(path).isEqualTo(f.get("period"));
			assertThat(audit.get(0).get("submitter_code")).as(path).isEqualTo(f.get("submitter_code"));
			List<Object> rules = WarehouseQueries
				.query(home,
						"select i.rule from audit_issue i join audit_file f using (sha256) where f.path = " + quoted)
				.stream()
				.map(r -> r.get("rule"))
				.toList();
			if ("LATE".equals(f.get("warning_rule"))) {
				assertThat(rules).as(path).contains("LATE");
			}
			else {
				assertThat(rules).as(path).doesNotContain("LATE");
			}
			// HH2024's titles start at March, the campaign's first month: no RANGE_START
			assertThat(rules).as(path).doesNotContain("RANGE_START", "PERIOD_OUTSIDE_CAMPAIGN");
			checked++;
		}
		assertThat(checked).isEqualTo(19);
		// ZF2024 is not in this reference data: none of its tables is loaded
		assertThat(WarehouseQueries.query(home,
				"select count(*) as n from audit_file where status in ('loaded', 'superseded') and (campaign is null or campaign not in ('GJ2023', 'HH2024'))"))
			.extracting(r -> ((Number) r.get("n")).intValue())
			.containsExactly(0);
		assertThat(files.stream()
			.filter(f -> CAMPAIGNS.contains(f.get("campaign")))
			.filter(f -> "LATE".equals(f.get("warning_rule")))
			.count()).isEqualTo(4);
	}

	@Test
	void rollupRowsAndRostersMatchExpectedJson() {
		assertThat(nightly.exitCode()).as(nightly.toString()).isZero();
		List<Map<String, Object>> rollups = samples.read("$.rollups");
		List<String> checked = new ArrayList<>();
		for (Map<String, Object> expected : rollups) {
			String campaign = (String) expected.get("campaign");
			if (!CAMPAIGNS.contains(campaign)) {
				continue;
			}
			String kind = (String) expected.get("kind");
			String label = campaign + " " + expected.get("period") + " " + kind;
			ExpectedRollups.assertAsOfAndRoster(home, expected, label);
			String roster = "select submitter_code from rollup_roster where campaign = '" + campaign
					+ "' and period = date '" + expected.get("period") + "-01' and kind = '" + kind + "'";
			assertThat(WarehouseQueries.query(home, roster)).as(label + " expected").hasSize(8);
			ExpectedRollups.assertRows(home, samples, expected, label);
			checked.add(label);
		}
		assertThat(checked).containsExactly("GJ2023 2023-08 cutoff", "GJ2023 2023-08 month-end",
				"GJ2023 2023-12 cutoff", "GJ2023 2023-12 month-end", "HH2024 2024-04 cutoff",
				"HH2024 2024-04 month-end", "HH2024 2024-05 cutoff", "HH2024 2024-05 month-end");
	}

}

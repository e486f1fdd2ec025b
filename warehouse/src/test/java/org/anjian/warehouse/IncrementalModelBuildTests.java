package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.junit.jupiter.api.Test;

/**
 * The marts brought up to date after each intake equal the marts rebuilt whole: random
 * sequences of intakes over a generated county — summary tables, corrections (a newer or
 * an older version of the same table), duplicates, rejected files, hazard ledgers,
 * inspection records, enterprise directories and liaison lists, enterprises written with
 * and without a valid USCC (their own or another's) and under varying names — applied
 * alike to two warehouses; one is brought up to date by {@link Warehouse#buildModels()},
 * the other rebuilt by {@link Warehouse#rebuildModels()}, and every mart is compared as a
 * multiset of rows ({@code except all} both ways).
 */
class IncrementalModelBuildTests {

	static final String COUNTY = "511100";

	static final String[] INDUSTRIES = { "应急管理", "住建", "交通", "未知行业" };

	@Test
	void incrementalBuildsEqualWholeRebuildsOverRandomIntakes() {
		long base = Long.getLong("anjian.incremental.seed", System.nanoTime());
		for (int run = 0; run < 2; run++) {
			long seed = base + run;
			try {
				sequence(seed, 10);
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError(
						"seed " + seed + " (rerun with -Danjian.incremental.seed=" + seed + "): " + ex.getMessage(),
						ex);
			}
		}
	}

	@Test
	void aChangedReferenceOrNothingNewIsNotAnIncrement() {
		try (Warehouse w = Warehouse.inMemory()) {
			County county = new County(new Random(7), w);
			ReferenceDataLoader.write(w, county.reference);
			assertThat(w.buildModels()).isEqualTo(Warehouse.Build.WHOLE);
			county.summaryTable();
			assertThat(w.buildModels()).isEqualTo(Warehouse.Build.INCREMENTAL);
			assertThat(w.buildModels()).isEqualTo(Warehouse.Build.NOTHING_NEW);
			// a submitter moved to another township: every fact keyed by its region may
			// change
			List<Submitter> moved = new ArrayList<>(county.reference.submitters());
			Submitter first = moved.get(0);
			moved.set(0, new Submitter(first.code(), first.name(), first.kind(), COUNTY, first.aliases(),
					first.liaison(), first.phone()));
			ReferenceDataLoader.write(w, new ReferenceData(county.reference.regions(), county.reference.industries(),
					moved, county.reference.campaigns(), List.of(), List.of()));
			assertThat(w.buildModels()).isEqualTo(Warehouse.Build.WHOLE);
		}
	}

	void sequence(long seed, int intakes) {
		Random random = new Random(seed);
		try (Warehouse incremental = Warehouse.inMemory(); Warehouse whole = Warehouse.inMemory()) {
			County county = new County(random, incremental, whole);
			ReferenceDataLoader.write(incremental, county.reference);
			ReferenceDataLoader.write(whole, county.reference);
			int incrementalBuilds = 0;
			for (int intake = 0; intake < intakes; intake++) {
				int files = 1 + random.nextInt(3);
				List<String> done = new ArrayList<>();
				for (int f = 0; f < files; f++) {
					done.add(county.randomFile());
				}
				Warehouse.Build build = incremental.buildModels();
				whole.rebuildModels();
				if (build == Warehouse.Build.INCREMENTAL) {
					incrementalBuilds++;
				}
				assertSameMarts(incremental, whole, "after intake " + (intake + 1) + " " + done);
			}
			assertThat(incrementalBuilds).as("builds after the first were incremental").isEqualTo(intakes - 1);
		}
	}

	static void assertSameMarts(Warehouse incremental, Warehouse whole, String when) {
		for (String model : Warehouse.index("marts/")) {
			String table = Warehouse.modelName(model);
			List<String> a = rows(incremental, table);
			List<String> b = rows(whole, table);
			List<String> onlyIncremental = exceptAll(a, b);
			List<String> onlyWhole = exceptAll(b, a);
			assertThat(onlyIncremental).as(table + " rows only in the incremental build, " + when).isEmpty();
			assertThat(onlyWhole).as(table + " rows only in the whole rebuild, " + when).isEmpty();
			assertThat(a).as(table + " row count, " + when).hasSameSizeAs(b);
		}
	}

	static List<String> rows(Warehouse w, String table) {
		return Given.rows(w, "select * from " + table).stream().map(String::valueOf).toList();
	}

	static List<String> exceptAll(List<String> left, List<String> right) {
		Map<String, Integer> counts = new HashMap<>();
		right.forEach(row -> counts.merge(row, 1, Integer::sum));
		List<String> out = new ArrayList<>();
		for (String row : left) {
			if (counts.getOrDefault(row, 0) > 0) {
				counts.merge(row, -1, Integer::sum);
			}
			else {
				out.add(row);
			}
		}
		return out;
	}

	/** A generated county, and files landed alike in every warehouse given. */
	static final class County {

		final Random random;

		final List<Warehouse> warehouses;

		final ReferenceData reference;

		final List<String> townships = new ArrayList<>();

		final List<String> submitters = new ArrayList<>();

		/** Enterprises: a name as usually written and the valid USCC some lists give. */
		final List<String[]> enterprises = new ArrayList<>();

		final List<String[]> accepted = new ArrayList<>();

		LocalDateTime clock = LocalDateTime.of(2024, 4, 25, 9, 0);

		int files;

		County(Random random, Warehouse... warehouses) {
			this.random = random;
			this.warehouses = List.of(warehouses);
			List<Region> regions = new ArrayList<>(List.of(new Region(COUNTY, "生成县", "county", null)));
			List<Submitter> units = new ArrayList<>();
			int n = 3 + random.nextInt(3);
			for (int i = 1; i <= n; i++) {
				String code = COUNTY + String.format("%03d", 100 + i);
				String name = "第" + i + "镇";
				regions.add(new Region(code, name, "township", COUNTY));
				townships.add(name);
				units.add(
						new Submitter("S" + i, name + "人民政府", "township", code, List.of(), "联络" + i, "1380000000" + i));
				submitters.add("S" + i);
			}
			units.add(new Submitter("D1", "生成县应急管理局", "department", COUNTY, List.of(), "王五", "13800000009"));
			submitters.add("D1");
			this.reference = new ReferenceData(regions,
					List.of(new Industry("yjgl", "应急管理", List.of()), new Industry("zj", "住建", List.of()),
							new Industry("jt", "交通", List.of())),
					units, List.of(new Campaign("X", "生成专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 7), 22,
							List.of("生成"), "F-000", "earlier")),
					List.of(), List.of());
			for (int i = 0; i < 8 + random.nextInt(8); i++) {
				enterprises.add(new String[] { "生成" + (char) ('甲' + i) + "化工有限责任公司",
						Given.uscc(String.format("91511100MA%07d", 1000 + i)) });
			}
		}

		String randomFile() {
			int pick = random.nextInt(100);
			if (pick < 35) {
				return summaryTable();
			}
			if (pick < 45 && !accepted.isEmpty()) {
				return duplicate();
			}
			if (pick < 50) {
				return rejected();
			}
			if (pick < 70) {
				return hazardLedger();
			}
			if (pick < 82) {
				return inspectionRecord();
			}
			if (pick < 93) {
				return directory();
			}
			return liaisons();
		}

		String summaryTable() {
			String sha = sha("table");
			String submitter = pick(submitters);
			YearMonth period = YearMonth.of(2024, 4 + random.nextInt(4));
			LocalDateTime received = received();
			exec("""
					insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
					    error_count, warning_count, ingested_at)
					values (?, ?, ?, 'loaded', ?, 'X', ?, 0, 0, ?)""", sha, sha + ".xlsx", received, submitter,
					period.atDay(1), clock);
			String region = reference.submitters()
				.stream()
				.filter(s -> s.code().equals(submitter))
				.findFirst()
				.orElseThrow()
				.regionCode();
			for (String industry : List.of("yjgl", "zj")) {
				long major = random.nextInt(4);
				long general = random.nextInt(9);
				exec("""
						insert into land_submission_line (sha256, sheet, row_number, submitter_code, campaign, period,
						    region_code, industry_code, received_at, hazards_total, hazards_major, hazards_general,
						    rectified_total, rectified_major, rectified_general, fines_wan, enterprises_inspected, cases_filed)
						values (?, 'Sheet1', ?, ?, 'X', ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)""",
						sha, industry.equals("yjgl") ? 7 : 8, submitter, period.atDay(1), region, industry, received,
						major + general, major, general, random.nextInt(30) / 10.0, random.nextInt(5),
						random.nextInt(3));
			}
			if (random.nextBoolean()) {
				exec("""
						insert into land_submission_month_line (sha256, sheet, row_number, submitter_code, campaign,
						    period, region_code, industry_code, received_at, enterprises_inspected, cases_filed, fines_wan)
						values (?, 'Sheet1', 9, ?, 'X', ?, ?, 'ALL', ?, ?, ?, ?)""",
						sha, submitter, period.atDay(1), region, received, random.nextInt(4), random.nextInt(3),
						random.nextInt(20) / 10.0);
			}
			each(w -> rank(w, FileVersions.Scope.summary(submitter, "X", period)));
			accepted.add(new String[] { sha, sha + ".xlsx" });
			return "table " + submitter + " " + period;
		}

		String duplicate() {
			String[] original = pick(accepted);
			exec("""
					insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
					    error_count, warning_count, ingested_at, duplicate_of, list_kind)
					select sha256, ?, ?, 'duplicate', submitter_code, campaign, period, 0, 0, ?, path, list_kind
					from audit_file where sha256 = ? and path = ?""", "copy-" + (++files) + ".xlsx", received(), clock,
					original[0], original[1]);
			return "duplicate of " + original[0];
		}

		String rejected() {
			String sha = sha("rejected");
			exec("""
					insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
					    error_count, warning_count, ingested_at)
					values (?, ?, ?, 'rejected', ?, 'X', date '2024-05-01', 1, 0, ?)""", sha, sha + ".xlsx", received(),
					pick(submitters), clock);
			return "rejected";
		}

		String hazardLedger() {
			String submitter = pick(submitters);
			String sha = listFile("hazard_ledger", submitter);
			int rows = 1 + random.nextInt(8);
			for (int r = 0; r < rows; r++) {
				String[] enterprise = pick(enterprises);
				String found = "2024-0" + (4 + random.nextInt(4)) + "-1" + random.nextInt(10);
				listRow("raw_hazard_ledger", sha, 3 + r, "enterprise_name", name(enterprise), "uscc", uscc(enterprise),
						"township", random.nextInt(4) == 0 ? "不存在镇" : pick(townships), "industry", pick(INDUSTRIES),
						"level", random.nextInt(3) == 0 ? "major" : "general", "found_on", found, "source",
						random.nextBoolean() ? "self_check" : "enforcement", "status", "in_progress", "funds_wan",
						String.valueOf(random.nextInt(50) / 10.0));
			}
			rankList(sha);
			return "hazard ledger " + submitter + " " + sha;
		}

		String inspectionRecord() {
			String submitter = pick(submitters);
			String sha = listFile("inspection_record", submitter);
			int rows = 1 + random.nextInt(6);
			for (int r = 0; r < rows; r++) {
				String[] enterprise = random.nextInt(6) == 0 ? new String[] { "无名小作坊" + random.nextInt(3), null }
						: pick(enterprises);
				listRow("raw_inspection_record", sha, 5 + r, "enterprise_name", name(enterprise), "uscc",
						uscc(enterprise), "inspected_on",
						"2024-0" + (4 + random.nextInt(4)) + "-0" + (1 + random.nextInt(9)), "case_number",
						random.nextBoolean() ? "（2024）" + random.nextInt(5) + "号" : null, "fines_wan",
						String.valueOf(random.nextInt(30) / 10.0));
				for (int item = 1; item <= random.nextInt(3); item++) {
					listRow("raw_inspection_violation", sha, 5 + r, "item_no", String.valueOf(item), "violation",
							"违法行为" + item);
				}
			}
			rankList(sha);
			return "inspection record " + submitter + " " + sha;
		}

		String directory() {
			String submitter = random.nextInt(3) == 0 ? pick(submitters) : null;
			String sha = listFile("enterprise_directory", submitter);
			// a 重点 or a 一般 directory: the title decides, for the whole file
			String tier = random.nextBoolean() ? "key" : "general";
			int rows = 1 + random.nextInt(enterprises.size());
			for (int r = 0; r < rows; r++) {
				String[] enterprise = pick(enterprises);
				listRow("raw_enterprise_directory", sha, 4 + r, "list", tier, "enterprise_name", name(enterprise),
						"uscc", uscc(enterprise), "industry", pick(INDUSTRIES), "township", pick(townships));
			}
			rankList(sha);
			return tier + " directory " + submitter + " " + sha;
		}

		String liaisons() {
			String submitter = pick(submitters);
			String sha = listFile("liaison_list", submitter);
			listRow("raw_liaison_list", sha, 3, "name", "联络员" + random.nextInt(9), "gender", "女", "unit_and_post",
					pick(townships) + "人民政府 安办主任", "mobile", "1390000000" + random.nextInt(10));
			rankList(sha);
			return "liaisons " + submitter;
		}

		/**
		 * A list file, accepted; {@link #rankList} once its rows are landed.
		 */
		String listFile(String kind, String submitter) {
			String sha = sha(kind);
			exec("""
					insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
					    error_count, warning_count, ingested_at, list_kind)
					values (?, ?, ?, 'loaded', ?, null, null, 0, 0, ?, ?)""", sha, sha + ".xlsx", received(), submitter,
					clock, kind);
			accepted.add(new String[] { sha, sha + ".xlsx" });
			return sha;
		}

		/**
		 * As the writers' ListLoad does once a list's rows are landed: its scope from its
		 * rows, then ranked among its versions.
		 */
		void rankList(String sha) {
			each(w -> rank(w, sql(() -> FileVersions.scopeList(w, sha, sha + ".xlsx"))));
		}

		/** The one version ranking, the writers' AuditLedger's. */
		static void rank(Warehouse w, FileVersions.Scope scope) {
			sql(() -> {
				FileVersions.rank(w, scope);
				return null;
			});
		}

		interface SqlCall<T> {

			T call() throws java.sql.SQLException;

		}

		static <T> T sql(SqlCall<T> call) {
			try {
				return call.call();
			}
			catch (java.sql.SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/**
		 * The name as a list writes it: as usual, 有限公司 for 有限责任公司, with spaces, or its
		 * new name (another name key for the same code).
		 */
		String name(String[] enterprise) {
			return switch (random.nextInt(5)) {
				case 0 -> enterprise[0].replace("有限责任公司", "有限公司");
				case 1 -> " " + enterprise[0].substring(0, 2) + " " + enterprise[0].substring(2);
				case 2 -> enterprise[0].replace("化工", "新材料");
				default -> enterprise[0];
			};
		}

		/**
		 * The valid code, none, a mistyped one, or another enterprise's (valid, so the
		 * name key has two codes and none is its own).
		 */
		String uscc(String[] enterprise) {
			if (enterprise[1] == null) {
				return null;
			}
			return switch (random.nextInt(6)) {
				case 0, 1 -> enterprise[1];
				case 2 -> enterprise[1].substring(0, 17) + (enterprise[1].charAt(17) == '0' ? '1' : '0');
				case 3 -> pick(enterprises)[1];
				default -> null;
			};
		}

		/**
		 * Some files arrive late: received before the version they then do not supersede.
		 */
		LocalDateTime received() {
			clock = clock.plusHours(1 + random.nextInt(30));
			return random.nextInt(5) == 0 ? clock.minusDays(10) : clock;
		}

		String sha(String kind) {
			return String.format("%s-%03d", kind, ++files);
		}

		<T> T pick(List<T> from) {
			return from.get(random.nextInt(from.size()));
		}

		String pick(String[] from) {
			return from[random.nextInt(from.length)];
		}

		void exec(String sql, Object... params) {
			each(w -> Given.exec(w, sql, params));
		}

		void listRow(String table, String sha, int row, String... columnsAndValues) {
			each(w -> Given.listRow(w, table, sha, row, columnsAndValues));
		}

		void each(Consumer<Warehouse> work) {
			warehouses.forEach(work);
		}

	}

}

package org.anjian.warehouse;

import static org.anjian.warehouse.Given.COUNTY;
import static org.anjian.warehouse.Given.EAST;
import static org.anjian.warehouse.Given.WEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.warehouse.rollups.RollupBuilder;
import org.anjian.warehouse.rollups.RollupKind;
import org.anjian.warehouse.rollups.RollupRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * Every model's sibling {@code .yml} is its contract: the grain sentence, every column
 * documented, and the declared checks (not_null, unique, relationships, accepted_values,
 * expressions) hold on a warehouse built from a handful of rows, with both rollups
 * materialized.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarehouseModelContractTests {

	static final List<String> MODEL_FOLDERS = List.of("staging", "marts", "rollups");

	Warehouse warehouse;

	@BeforeAll
	void buildWarehouse() {
		warehouse = Warehouse.inMemory();
		ReferenceData tiny = Given.tinyCounty();
		ReferenceData reference = new ReferenceData(tiny.regions(), tiny.industries(), tiny.submitters(),
				tiny.campaigns(), Given.sampleReference().holidays(), List.of(liaisonDeliverable()));
		ReferenceDataLoader.write(warehouse, reference);
		YearMonth april = YearMonth.of(2024, 4);
		YearMonth may = YearMonth.of(2024, 5);
		LocalDateTime t = LocalDateTime.of(2024, 4, 10, 9, 0);
		table("t1-apr", "T1", EAST, april, t, 1, 4, 1, 2);
		table("t2-apr", "T2", WEST, april, t.plusHours(1), 0, 6, 0, 3);
		table("d1-apr", "D1", COUNTY, april, t.plusHours(2), 2, 9, 1, 8);
		table("t1-may-old", "T1", EAST, may, t.plusDays(30), 1, 5, 1, 3);
		table("t1-may", "T1", EAST, may, t.plusDays(35), 1, 6, 1, 4);
		Given.exec(warehouse,
				"update audit_file set status = 'superseded', superseded_by = 't1-may' where sha256 = 't1-may-old'");
		table("d1-may", "D1", COUNTY, may, LocalDateTime.of(2024, 5, 23, 9, 10), 2, 10, 2, 9);
		Given.exec(warehouse,
				"""
						insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
						    error_count, warning_count, ingested_at)
						values ('t2-may', 't2-may.xlsx', timestamp '2024-05-14 20:35:01', 'rejected', 'T2', 'X', date '2024-05-01',
						    1, 0, timestamp '2024-05-14 20:40:00')""");
		Given.exec(warehouse, """
				insert into audit_issue (sha256, issue_no, severity, rule, sheet, row_number, column_name, message)
				values ('t2-may', 1, 'error', 'NEGATIVE', 'Sheet1', 7, 'G', '第7行“应急管理”G列：-1 不能为负数')""");
		lists(t);
		// a unit's 本月数 row beside its table (F-003-II lands one per table)
		Given.exec(warehouse,
				"""
						insert into land_submission_month_line (sha256, sheet, row_number, submitter_code, campaign, period,
						    region_code, industry_code, received_at, enterprises_supervised, enterprises_inspected, hazards_total)
						values ('d1-may', 'Sheet1', 6, 'D1', 'X', date '2024-05-01', ?, 'ALL', timestamp '2024-05-23 09:10:00',
						    40, 3, 1)""",
				COUNTY);
		// D1 sends its liaison list as a Word document, after the 15 April due day
		Given.exec(warehouse, """
				insert into audit_file (sha256, path, received_at, status, submitter_code, campaign, period,
				    error_count, warning_count, ingested_at, format)
				values ('doc-1', 'D1/联络员.docx', timestamp '2024-04-20 10:00:00', 'loaded', 'D1', 'X', null, 0, 0,
				    timestamp '2024-04-20 10:05:00', 'docx')""");
		Given.exec(warehouse, """
				insert into land_deliverable_document values ('doc-1', 'D1/联络员.docx', 'D1', 'X', 'LIAISON', 'once',
				    timestamp '2024-04-20 10:00:00', 'file_name', '联络员')""");
		warehouse.buildModels();
		RollupBuilder rollups = new RollupBuilder(warehouse, reference);
		rollups.materialize(RollupRequest.of(reference, "X", april, RollupKind.CUTOFF, null));
		rollups.materialize(RollupRequest.of(reference, "X", april, RollupKind.MONTH_END, null));
		rollups.materialize(RollupRequest.of(reference, "X", may, RollupKind.MONTH_END, null));
		rollups.materialize(RollupRequest.of(reference, "X", may, RollupKind.CUTOFF, null));
	}

	/** Campaign X's liaison list, due 15 April from everyone, as a list or a document. */
	static ReferenceData.Deliverable liaisonDeliverable() {
		java.time.LocalDate due = java.time.LocalDate.of(2024, 4, 15);
		return new ReferenceData.Deliverable("X", "LIAISON", "专职联络员统计表", List.of("联络员"), "once", "2024-04-15", "all",
				List.of("T1", "T2", "D1"), List.of("liaison_list", "document"), List.of(new ReferenceData.Due("once",
						java.time.LocalDate.of(2024, 4, 1), java.time.LocalDate.of(2024, 6, 30), due, due)));
	}

	void table(String sha, String submitter, String region, YearMonth period, LocalDateTime receivedAt, long hm,
			long hg, long rm, long rg) {
		Given.file(warehouse, sha, submitter, period, receivedAt, "loaded");
		Given.line(warehouse, sha, 7, submitter, region, period, "yjgl", receivedAt, hm, hg, rm, rg);
		Given.line(warehouse, sha, 8, submitter, region, period, "zj", receivedAt, 0, 1, 0, 1);
	}

	/**
	 * One of each list kind: a directory, T1's hazard ledger (a May figure that disagrees
	 * with its May table), an inspection record naming an enterprise in no directory, a
	 * liaison list, and a superseded ledger left out.
	 */
	void lists(LocalDateTime t) {
		String acme = Given.uscc("91510000MA6CAB12X");
		Given.listFile(warehouse, "dir-1", "enterprise_directory", null, t, "loaded");
		Given.listRow(warehouse, "raw_enterprise_directory", "dir-1", 4, "list", "key", "enterprise_name", "东镇化工有限责任公司",
				"uscc", acme, "industry", "应急管理", "township", "东镇", "main_risk", "危险化学品");
		Given.listRow(warehouse, "raw_enterprise_directory", "dir-1", 5, "list", "general", "enterprise_name", "西镇建材厂",
				"industry", "住建", "township", "西镇");
		Given.listFile(warehouse, "ledger-old", "hazard_ledger", "T1", t, "superseded");
		Given.listRow(warehouse, "raw_hazard_ledger", "ledger-old", 3, "enterprise_name", "东镇化工有限公司", "level", "major",
				"found_on", "2024-05-02");
		Given.listFile(warehouse, "ledger-1", "hazard_ledger", "T1", t.plusDays(40), "loaded");
		Given.listRow(warehouse, "raw_hazard_ledger", "ledger-1", 3, "enterprise_name", "东镇化工有限公司", "township", "东镇",
				"description", "储罐区未设置可燃气体报警", "level", "major", "found_on", "2024-04-12", "source", "enforcement",
				"funds_wan", "2.5", "deadline", "2024-06-30", "status", "rectified", "rectified_on", "2024-05-20");
		Given.listRow(warehouse, "raw_hazard_ledger", "ledger-1", 4, "enterprise_name", "东镇化工有限公司", "uscc", acme,
				"level", "major", "found_on", "2024-05-03", "source", "self_check", "status", "in_progress");
		Given.listRow(warehouse, "raw_hazard_ledger", "ledger-1", 5, "enterprise_name", "东镇化工有限公司", "level", "major",
				"found_on", "2024-05-09", "source", "self_check", "status", "not_started");
		Given.listFile(warehouse, "insp-1", "inspection_record", "D1", t.plusDays(41), "loaded");
		Given.listRow(warehouse, "raw_inspection_record", "insp-1", 5, "enterprise_name", "东镇化工有限公司", "inspected_on",
				"2024-05-10", "inspectors", "王五、赵六", "violations", "1. 未培训 2. 未演练", "case_number", "（2024）001号",
				"fines_wan", "1.2");
		Given.listRow(warehouse, "raw_inspection_record", "insp-1", 6, "enterprise_name", "南山小作坊", "inspected_on",
				"2024-05-11");
		Given.listRow(warehouse, "raw_inspection_violation", "insp-1", 5, "item_no", "1", "violation", "未培训");
		Given.listRow(warehouse, "raw_inspection_violation", "insp-1", 5, "item_no", "2", "violation", "未演练");
		Given.listFile(warehouse, "liaison-1", "liaison_list", null, t, "loaded");
		Given.listRow(warehouse, "raw_liaison_list", "liaison-1", 3, "name", "陈七", "gender", "女", "unit_and_post",
				"东镇人民政府 安办主任", "mobile", "13900000007");
	}

	@AfterAll
	void close() {
		warehouse.close();
	}

	static Path resourceRoot() {
		try {
			return Path
				.of(WarehouseModelContractTests.class.getClassLoader().getResource("warehouse/models.index").toURI())
				.getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<Path> files(String extension) throws IOException {
		List<Path> out = new ArrayList<>();
		for (String folder : MODEL_FOLDERS) {
			try (Stream<Path> s = Files.list(resourceRoot().resolve(folder))) {
				s.filter(p -> p.toString().endsWith(extension)).sorted().forEach(out::add);
			}
		}
		return out;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> contract(Path yml) throws IOException {
		try (InputStream in = Files.newInputStream(yml)) {
			return (Map<String, Object>) new Yaml().load(in);
		}
	}

	@Test
	void everyModelHasAContractWithAGrainAndIsInTheIndex() throws IOException {
		List<String> indexed = new ArrayList<>();
		MODEL_FOLDERS.forEach(f -> indexed.addAll(Warehouse.index(f + "/")));
		for (Path sql : files(".sql")) {
			String name = Warehouse.modelName(sql.getFileName().toString());
			String entry = sql.getParent().getFileName() + "/" + sql.getFileName();
			Path yml = sql.resolveSibling(name + ".yml");
			assertThat(yml).as("sibling .yml of " + entry).exists();
			Map<String, Object> contract = contract(yml);
			assertThat(contract.get("model")).as("model name in " + yml.getFileName()).isEqualTo(name);
			assertThat(String.valueOf(contract.get("grain"))).as("grain of " + name)
				.startsWith("One row per")
				.endsWith(".");
			assertThat(indexed).as("models.index").contains(entry);
		}
		for (String entry : indexed) {
			assertThat(resourceRoot().resolve(entry)).as("index entry " + entry).exists();
		}
	}

	@Test
	void indexListsStagingBeforeMarts() {
		String index = Warehouse.resource("models.index");
		assertThat(index.lastIndexOf("\nstaging/")).isLessThan(index.indexOf("\nmarts/"));
		assertThat(index.lastIndexOf("\nmarts/")).isLessThan(index.indexOf("\nrollups/"));
	}

	@TestFactory
	Stream<DynamicTest> everyDeclaredCheckHolds() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path yml : files(".yml")) {
			Map<String, Object> contract = contract(yml);
			String model = (String) contract.get("model");
			tests.add(DynamicTest.dynamicTest(model + ": documented columns are its columns", () -> {
				List<String> documented = columns(contract).stream().map(c -> (String) c.get("name")).toList();
				List<String> actual = Given
					.rows(warehouse, "select column_name from (describe " + model + ") order by all")
					.stream()
					.map(r -> r.get(0))
					.toList();
				assertThat(documented).as(model).containsExactlyInAnyOrderElementsOf(actual);
				columns(contract).forEach(
						c -> assertThat((String) c.get("description")).as(model + "." + c.get("name")).isNotBlank());
				assertThat(count("select count(*) from " + model)).as(model + " has rows to check").isPositive();
			}));
			for (Map<String, Object> column : columns(contract)) {
				for (Object check : list(column.get("tests"))) {
					String col = (String) column.get("name");
					tests.add(DynamicTest.dynamicTest(model + "." + col + " " + check,
							() -> assertThat(count(columnCheck(model, col, check))).as(model + "." + col + " " + check)
								.isZero()));
				}
			}
			for (Object check : list(contract.get("tests"))) {
				tests.add(DynamicTest.dynamicTest(model + " " + check,
						() -> assertThat(count(modelCheck(model, check))).as(model + " " + check).isZero()));
			}
		}
		return tests.stream();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> columns(Map<String, Object> contract) {
		return (List<Map<String, Object>>) contract.get("columns");
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return value == null ? List.of() : (List<Object>) value;
	}

	/** A query counting the rows that violate a column check. */
	@SuppressWarnings("unchecked")
	static String columnCheck(String model, String col, Object check) {
		if ("not_null".equals(check)) {
			return "select count(*) from " + model + " where " + col + " is null";
		}
		if ("unique".equals(check)) {
			return "select count(*) from (select " + col + " from " + model + " where " + col + " is not null group by "
					+ col + " having count(*) > 1)";
		}
		Map<String, Object> map = (Map<String, Object>) check;
		if (map.containsKey("accepted_values")) {
			List<String> values = (List<String>) map.get("accepted_values");
			return "select count(*) from " + model + " where " + col + " not in ('" + String.join("', '", values)
					+ "')";
		}
		if (map.containsKey("relationships")) {
			Map<String, String> rel = (Map<String, String>) map.get("relationships");
			return "select count(*) from " + model + " where " + col + " is not null and " + col + " not in (select "
					+ rel.get("field") + " from " + rel.get("to") + ")";
		}
		throw new IllegalArgumentException("未知的列检查 " + check + "（" + model + "." + col + "）");
	}

	/** A query counting the rows that violate a model-level check. */
	@SuppressWarnings("unchecked")
	static String modelCheck(String model, Object check) {
		Map<String, Object> map = (Map<String, Object>) check;
		if (map.containsKey("unique")) {
			String cols = String.join(", ", (List<String>) map.get("unique"));
			return "select count(*) from (select " + cols + " from " + model + " group by " + cols
					+ " having count(*) > 1)";
		}
		if (map.containsKey("expression")) {
			return "select count(*) from " + model + " where not coalesce((" + map.get("expression") + "), true)";
		}
		if (map.containsKey("relationship_pair")) {
			Map<String, Object> rel = (Map<String, Object>) map.get("relationship_pair");
			List<String> cols = (List<String>) rel.get("columns");
			List<String> fields = (List<String>) rel.get("fields");
			return "select count(*) from " + model + " m where not exists (select 1 from " + rel.get("to")
					+ " r where r." + fields.get(0) + " = m." + cols.get(0) + " and r." + fields.get(1) + " = m."
					+ cols.get(1) + ")";
		}
		throw new IllegalArgumentException("未知的模型检查 " + check + "（" + model + "）");
	}

	long count(String sql) {
		return Long.parseLong(Given.rows(warehouse, sql).get(0).get(0));
	}

}

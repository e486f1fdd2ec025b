package org.anjian.writers.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.anjian.readers.lists.ListKind;
import org.anjian.readers.lists.ListRow;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.warehouse.reference.ReferenceData.Campaign;
import org.anjian.warehouse.reference.ReferenceData.Industry;
import org.anjian.warehouse.reference.ReferenceData.Region;
import org.anjian.warehouse.reference.ReferenceData.Submitter;
import org.anjian.warehouse.reference.ReferenceDataLoader;
import org.anjian.writers.analyst.DataDictionary;
import org.anjian.writers.exports.WarehouseExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists loaded by ListWriter, through the warehouse models, out through the exports and
 * the data dictionary.
 */
class ListsIntoMartsAndExportsTests {

	static final String COUNTY = "519902";

	static final String TAOYUAN = "519902101";

	@TempDir
	Path dir;

	Warehouse warehouse;

	@BeforeEach
	void open() {
		warehouse = Warehouse.open(dir.resolve("warehouse.duckdb"));
		ReferenceDataLoader.write(warehouse, new ReferenceData(
				List.of(new Region(COUNTY, "鹤鸣县", "county", null), new Region(TAOYUAN, "桃源镇", "township", COUNTY)),
				List.of(new Industry("yjgl", "应急管理", List.of("应急")), new Industry("zj", "住建", List.of("住建局"))),
				List.of(new Submitter("HM02", "桃源镇", "township", TAOYUAN, List.of("桃源镇人民政府"), "彭永刚", "15082637714"),
						new Submitter("HM08", "鹤鸣县应急管理局", "department", COUNTY, List.of(), "蒋红", "13678004152")),
				List.of(new Campaign("QA2024", "强安2024监管执法专项行动", YearMonth.of(2024, 4), YearMonth.of(2024, 10), 22,
						List.of("强安2024"), "F-000", "earlier")),
				List.of()));
		ListWriter writer = new ListWriter(warehouse);
		load(writer, ListKind.ENTERPRISE_DIRECTORY, "dir", null, List
			.of(new ListRow(3, new String[] { "key", "桃源化工有限责任公司", null, "应急", "桃源镇", "危化品", null }, List.of())));
		load(writer, ListKind.HAZARD_LEDGER, "ledger", "HM02", List.of(
				new ListRow(4,
						new String[] { "桃源化工有限公司", null, "桃源镇", null, "未设报警", "major", "2024-05-03", "self_check", "加装",
								"张三", "3", "2024-06-30", "in_progress", null, "有", null },
						List.of()),
				new ListRow(5, new String[] { "桃源化工有限公司", null, null, "住建局", "脚手架", "general", "2024-06-11",
						"enforcement", "整改", "李四", null, "2024-07-30", "rectified", "2024-06-20", null, null },
						List.of())));
		load(writer, ListKind.INSPECTION_RECORD, "insp", "HM08", List.of(new ListRow(6, new String[] { "桃源化工有限公司", null,
				"2024-05-10", "王五", "1. 未培训 2. 未演练", "已整改", "001", "1.2", null, null, null }, List.of("未培训", "未演练"))));
		load(writer, ListKind.LIAISON_LIST, "liaisons", null,
				List.of(new ListRow(3, new String[] { "陈七", "女", "桃源镇人民政府 安办主任", "13900000007", null }, List.of())));
		warehouse.buildModels();
	}

	@AfterEach
	void close() {
		warehouse.close();
	}

	static void load(ListWriter writer, ListKind kind, String sha, String submitter, List<ListRow> rows) {
		try (ListLoad load = writer.open(new ListFile(sha, sha + ".xlsx", LocalDateTime.of(2024, 6, 25, 9, 0), 100,
				"xlsx", kind, submitter, null))) {
			rows.forEach(load::row);
			assertThat(load.commit()).isEqualTo("loaded");
		}
	}

	List<String> column(String sql) throws Exception {
		List<String> out = new ArrayList<>();
		try (Statement st = warehouse.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
			while (rs.next()) {
				out.add(rs.getString(1));
			}
		}
		return out;
	}

	@Test
	void factsArePartitionedByPeriodAndLiaisonMobilesAreMaskedInTheExports() throws Exception {
		// when
		Path exports = dir.resolve("exports");
		new WarehouseExporter(warehouse.connection()).exportAll(exports);
		// then
		for (String fact : List.of("fact_hazard", "fact_inspection", "fact_violation")) {
			try (Stream<Path> partitions = Files.list(exports.resolve(fact))) {
				assertThat(partitions.map(p -> p.getFileName().toString()).sorted().toList()).as(fact)
					.isEqualTo("fact_hazard".equals(fact) ? List.of("period=2024-05-01", "period=2024-06-01")
							: List.of("period=2024-05-01"));
			}
		}
		assertThat(exports.resolve("dim_enterprise/data.parquet")).exists();
		assertThat(column("select mobile from read_parquet('" + exports.resolve("dim_liaison/data.parquet") + "')"))
			.containsExactly("139****0007");
		assertThat(column("select count(*) from read_parquet('" + exports.resolve("fact_hazard/*/data.parquet")
				+ "') where industry_code is not null and region_code = '" + TAOYUAN + "'"))
			.containsExactly("2");
	}

	@Test
	void theDataDictionaryLabelsEveryColumnOfTheNewTables() throws Exception {
		// when
		List<DataDictionary.Entry> entries = DataDictionary.entries(warehouse.connection());
		// then
		List<String> tables = List.of("dim_enterprise", "dim_liaison", "fact_hazard", "fact_inspection",
				"fact_violation");
		assertThat(entries).filteredOn(e -> tables.contains(e.table()))
			.hasSizeGreaterThan(50)
			.allSatisfy(e -> assertThat(e.labelZh()).as(e.table() + "." + e.column()).isNotBlank());
		assertThat(entries).filteredOn(e -> e.table().equals("fact_hazard") && e.column().equals("deadline"))
			.singleElement()
			.satisfies(e -> assertThat(e.labelZh()).isEqualTo("整改期限"));
		assertThat(entries).filteredOn(e -> e.table().equals("fact_hazard") && e.column().equals("funds_wan"))
			.singleElement()
			.satisfies(e -> assertThat(e.unit()).isEqualTo("万元"));
	}

}

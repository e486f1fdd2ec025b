package org.anjian.writers.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.anjian.warehouse.Warehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDictionaryTests {

	@TempDir
	Path dir;

	@Test
	void everyColumnOfEveryDimFactAndRollupTableIsDocumented() throws Exception {
		try (Connection c = AnalystSnapshotTests.county()) {
			// when
			List<DataDictionary.Entry> entries = DataDictionary.write(c, dir);
			// then every column of the live schema is listed, in both files
			List<String> expected = new ArrayList<>();
			try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
					select table_name || '.' || column_name from information_schema.columns
					where regexp_matches(table_name, '^(dim|fact|rollup)_') order by all""")) {
				while (rs.next()) {
					expected.add(rs.getString(1));
				}
			}
			assertThat(expected).hasSizeGreaterThan(100);
			assertThat(entries).extracting(e -> e.table() + "." + e.column()).containsAll(expected);
			String csv = Files.readString(dir.resolve("data_dictionary.csv"), StandardCharsets.UTF_8);
			String md = Files.readString(dir.resolve("data_dictionary.md"), StandardCharsets.UTF_8);
			assertThat(csv).startsWith("\uFEFFtable,column,type,unit,中文名称,description\n");
			for (String column : expected) {
				String[] tc = column.split("\\.");
				assertThat(csv).contains(tc[0] + "," + tc[1] + ",");
			}
			assertThat(md).contains("## rollup_month_end", "## dim_submitter");
		}
	}

	@Test
	void theSnapshotsDictionaryCoversTheAnalystViewsEveryColumnLabelled() throws Exception {
		try (Connection c = AnalystSnapshotTests.county()) {
			// when
			AnalystSnapshot.publish(c, dir);
			// then
			String csv = Files.readString(dir.resolve("analyst/data_dictionary.csv"), StandardCharsets.UTF_8);
			String md = Files.readString(dir.resolve("analyst/data_dictionary.md"), StandardCharsets.UTF_8);
			List<String> missing = new ArrayList<>();
			for (String view : AnalystSnapshot.views()) {
				String name = AnalystSnapshot.viewName(view);
				assertThat(md).contains("## " + name);
				try (Connection s = AnalystSnapshotTests.readOnly(dir.resolve("analyst/anjian.duckdb"));
						Statement st = s.createStatement();
						ResultSet rs = st.executeQuery("select column_name from information_schema.columns "
								+ "where table_name = '" + name + "' order by ordinal_position")) {
					while (rs.next()) {
						String column = rs.getString(1);
						if (!csv.contains("\n" + name + "," + column + ",")) {
							missing.add(name + "." + column + " (not listed)");
						}
						else if (DataDictionary.labelZh(name, column).isBlank()) {
							missing.add(name + "." + column + " (no 中文名称)");
						}
					}
				}
			}
			assertThat(missing).isEmpty();
		}
	}

	@Test
	void everyColumnOfEveryTableAndViewOfTheRealWarehouseAndTheSnapshotHasAChineseLabel() throws Exception {
		// given the warehouse as anjian builds it (schema, staging views, marts), empty
		try (Warehouse warehouse = Warehouse.inMemory()) {
			warehouse.buildModels();
			// when
			AnalystSnapshot.publish(warehouse.connection(), dir);
			// then every column the snapshot's dictionary lists has its 中文名称
			List<String> lines = Files.readAllLines(dir.resolve("analyst/data_dictionary.csv"), StandardCharsets.UTF_8);
			List<String> unlabelled = new ArrayList<>();
			for (String line : lines.subList(1, lines.size())) {
				String[] cells = line.split(",", -1);
				if (cells[4].isBlank()) {
					unlabelled.add(cells[0] + "." + cells[1]);
				}
			}
			assertThat(lines).as("tables, views and the analysts' views").hasSizeGreaterThan(500);
			assertThat(lines).anyMatch(l -> l.startsWith("v_late_submitters,"))
				.anyMatch(l -> l.startsWith("stg_submissions__files,"))
				.anyMatch(l -> l.startsWith("audit_issue,"))
				.anyMatch(l -> l.startsWith("whatif_rollup_roster,"));
			assertThat(unlabelled).isEmpty();
		}
	}

	@Test
	void measureColumnsCarryTheCatalogsLabelsAndUnits() throws Exception {
		try (Connection c = AnalystSnapshotTests.county()) {
			// when
			List<DataDictionary.Entry> entries = DataDictionary.entries(c);
			// then
			assertThat(entries)
				.filteredOn(e -> e.table().equals("rollup_month_end") && e.column().equals("fines_wan_cum"))
				.singleElement()
				.satisfies(e -> {
					assertThat(e.unit()).isEqualTo("万元");
					assertThat(e.labelZh()).isEqualTo("行政处罚/罚款（累计数）");
					assertThat(e.type()).isEqualTo("DECIMAL(18,4)");
				});
			assertThat(entries)
				.filteredOn(e -> e.table().equals("rollup_month_end") && e.column().equals("hazards_total"))
				.singleElement()
				.satisfies(e -> assertThat(e.labelZh()).isEqualTo("发现隐患数量/总计（本月数）"));
			assertThat(entries).filteredOn(e -> e.table().equals("rollup_roster") && e.column().equals("liaison"))
				.singleElement()
				.satisfies(e -> assertThat(e.labelZh()).isEqualTo("联络员"));
			// the rollups' own columns are all labelled
			assertThat(entries).filteredOn(e -> e.table().startsWith("rollup_"))
				.allSatisfy(e -> assertThat(e.labelZh()).as(e.table() + "." + e.column()).isNotBlank());
		}
	}

	@Test
	void aColumnCommentInTheWarehouseWinsOverTheCatalog() throws Exception {
		try (Connection c = AnalystSnapshotTests.county()) {
			// given
			try (Statement st = c.createStatement()) {
				st.execute("comment on column dim_region.level is '区划级别：县、镇、街道、园区'");
			}
			// then
			assertThat(DataDictionary.entries(c))
				.filteredOn(e -> e.table().equals("dim_region") && e.column().equals("level"))
				.singleElement()
				.satisfies(e -> assertThat(e.description()).isEqualTo("区划级别：县、镇、街道、园区"));
		}
	}

}

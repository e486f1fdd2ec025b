package org.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class MeasureCatalogTests {

	MeasureCatalog catalog = MeasureCatalog.standard();

	@Test
	void catalogListsTheDomainMeasuresInOrderWithOnlyFinesDecimal() {
		assertThat(catalog.codes()).hasSize(31).startsWith("inspection_teams", "inspectors", "experts");
		assertThat(catalog.measures()).filteredOn(MeasureCatalog.Measure::isDecimal)
			.extracting(MeasureCatalog.Measure::code)
			.containsExactly("fines_wan");
		assertThat(catalog.get("emergency_measures").description()).contains("licence withheld, temporary shutdown");
		assertThat(catalog.get("fines_wan").unit()).isEqualTo("万元");
		assertThatThrownBy(() -> catalog.get("nope")).hasMessageContaining("nope");
	}

	@Test
	void everyMeasureIsAColumnOfTheLandingAndRollupTables() {
		try (Warehouse warehouse = Warehouse.inMemory()) {
			for (String table : List.of("land_submission_line", "rollup_cutoff", "rollup_month_end")) {
				List<String> columns = Given.rows(warehouse,
						"select column_name from information_schema.columns where table_name = ? order by ordinal_position",
						table)
					.stream()
					.map(r -> r.get(0))
					.toList();
				assertThat(columns).as(table).containsSubsequence(catalog.codes());
			}
		}
	}

}

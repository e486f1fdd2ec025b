package org.anjian.warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.reference.CsvTable;

/**
 * The canonical measures (DOMAIN.md), read from {@code warehouse/measures.csv}: the code
 * is the warehouse column name in every landing, fact and rollup table, in the catalog's
 * order.
 */
public final class MeasureCatalog {

	/**
	 * One measure.
	 *
	 * @param code warehouse column name, e.g. {@code hazards_total}
	 * @param labelZh header text of the forms, e.g. 发现隐患数量/总计
	 * @param unit unit, e.g. 项 or 万元
	 * @param type {@code integer} or {@code decimal}
	 * @param description English description
	 */
	public record Measure(String code, String labelZh, String unit, String type, String description) {

		/** Only fines_wan is a decimal; every other measure is a whole count. */
		public boolean isDecimal() {
			return "decimal".equals(type);
		}

	}

	private static final MeasureCatalog STANDARD = parse(Warehouse.resource("measures.csv"));

	private final Map<String, Measure> byCode;

	private MeasureCatalog(List<Measure> measures) {
		Map<String, Measure> map = new LinkedHashMap<>();
		measures.forEach(m -> map.put(m.code(), m));
		this.byCode = map;
	}

	/** The catalog bundled with the warehouse. */
	public static MeasureCatalog standard() {
		return STANDARD;
	}

	static MeasureCatalog parse(String csv) {
		List<Measure> measures = new ArrayList<>();
		for (CsvTable.Row row : CsvTable
			.parse("measures.csv", csv, List.of("code", "label_zh", "unit", "type", "description"), List.of())
			.rows()) {
			measures.add(new Measure(row.get("code"), row.get("label_zh"), row.get("unit"), row.get("type"),
					row.get("description")));
		}
		return new MeasureCatalog(measures);
	}

	public List<Measure> measures() {
		return List.copyOf(byCode.values());
	}

	/** Measure codes in catalog order. */
	public List<String> codes() {
		return List.copyOf(byCode.keySet());
	}

	/** The measure with this code; throws when unknown. */
	public Measure get(String code) {
		Measure m = byCode.get(code);
		if (m == null) {
			throw new IllegalArgumentException("未知的指标代码：" + code);
		}
		return m;
	}

	public boolean contains(String code) {
		return byCode.containsKey(code);
	}

}

package org.anjian.jobs.demo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.anjian.writers.official.FormLayout;

/**
 * One month's activity of one industry, as a submitter reports it on form F-000 or F-001:
 * figures consistent with every mandatory and advisory check rule (总计 = 重大 + 一般,
 * rectified ≤ found, inspectors ≥ teams …). Drawn from the caller's {@link Random}, so a
 * seeded generator gives the same figures every time. Used by the demo inbox and by the
 * seed-office tests' generated inboxes.
 */
public final class DemoFigures {

	private final Random random;

	public DemoFigures(Random random) {
		this.random = random;
	}

	/** The month's figures for the measures of {@code form} (measure code → value). */
	public Map<String, BigDecimal> month(String form) {
		int teams = 1 + random.nextInt(6);
		int major = random.nextInt(10) < 2 ? 1 : 0;
		int general = 3 + random.nextInt(25);
		int rectifiedMajor = major > 0 && random.nextBoolean() ? 1 : 0;
		int rectifiedGeneral = general - random.nextInt(4);
		int cases = random.nextInt(4);
		int selfcheck = 5 + random.nextInt(20);
		Map<String, BigDecimal> m = new LinkedHashMap<>();
		m.put("inspection_teams", n(teams));
		m.put("inspectors", n(teams * (2 + random.nextInt(3))));
		m.put("experts", n(random.nextInt(3)));
		m.put("enterprises_inspected", n(teams * 3 + random.nextInt(5)));
		m.put("hazards_total", n(major + general));
		m.put("hazards_major", n(major));
		m.put("hazards_general", n(general));
		m.put("rectified_total", n(rectifiedMajor + rectifiedGeneral));
		m.put("rectified_major", n(rectifiedMajor));
		m.put("rectified_general", n(rectifiedGeneral));
		m.put("emergency_measures", n(random.nextInt(3)));
		m.put("cases_filed", n(cases));
		m.put("fines_wan", BigDecimal.valueOf(cases * (5 + random.nextInt(300)), 2));
		m.put("double_penalty_cases", n(cases > 0 ? random.nextInt(cases + 1) : 0));
		m.put("closures_requested", n(random.nextInt(20) == 0 ? 1 : 0));
		m.put("licenses_revoked", n(0));
		m.put("suspensions_ordered", n(random.nextInt(5) == 0 ? 1 : 0));
		m.put("enforcement_documents", n(teams * 2 + random.nextInt(6)));
		m.put("joint_punishments", n(random.nextInt(10) == 0 ? 1 : 0));
		m.put("criminal_transfers", n(random.nextInt(25) == 0 ? 1 : 0));
		m.put("selfcheck_enterprises", n(selfcheck));
		m.put("selfcheck_hazards", n(selfcheck * 2 + random.nextInt(10)));
		m.put("selfcheck_hazards_major", n(random.nextInt(3)));
		if ("F-000".equals(form)) {
			return m;
		}
		// the other forms' own columns (F-001: 进行曝光, 移交案件/一般移交), drawn after the
		// F-000 ones so that the demo's F-000 figures stay what they were
		m.put("exposures", n(random.nextInt(3)));
		m.put("transfers_general", n(random.nextInt(4) == 0 ? 1 : 0));
		List<String> columns = FormLayout.of(form).measureCodes();
		m.keySet().retainAll(columns);
		return m;
	}

	private static BigDecimal n(int v) {
		return BigDecimal.valueOf(v);
	}

}

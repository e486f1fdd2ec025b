package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The period range of a form title, however it is typed. */
class PeriodRangeTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			（2024年4月至 5 月）           | 2024-04 | 2024-05
			(2024年4月至5月)               | 2024-04 | 2024-05
			（２０２４年４月至　５　月）   | 2024-04 | 2024-05
			2024年4-5月                    | 2024-04 | 2024-05
			2024 年 4 月至 2024 年 6 月    | 2024-04 | 2024-06
			（2024年4月至   月）           | 2024-04 | null
			2024年11月至2月                | 2024-11 | 2025-02
			2024年5月                      | 2024-05 | 2024-05
			""")
	void readsTheFirstAndLastMonth(String text, String first, String last) {
		// when
		PeriodRange range = PeriodRange.find(text);

		// then
		assertThat(range.first()).isEqualTo(YearMonth.parse(first));
		assertThat(range.last()).isEqualTo(last == null ? null : YearMonth.parse(last));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			填报时间：2024年5月14日
			全县安全生产“强安2024”监管执法专项行动统计汇总表
			2024年13月
			""")
	void findsNoPeriodInDatesTitlesOrImpossibleMonths(String text) {
		// when / then
		assertThat(PeriodRange.find(text)).isNull();
	}

}

package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a measure cell's text becomes a number. */
class CellNumbersTests {

	@ParameterizedTest(name = "“{0}” is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			'12'        | 12
			'１２'      | 12
			' 7　'      | 7
			'1,234'     | 1234
			'1，234'    | 1234
			'12,345.5'  | 12345.5
			'1.50'      | 1.5
			'３．５'    | 3.5
			'0.0'       | 0
			'/'         | 0
			'／'        | 0
			'—'         | 0
			'——'        | 0
			'－'        | 0
			'-'         | 0
			'--'        | 0
			'无'        | 0
			''          | 0
			'-3'        | -3
			""")
	void understandsNumbersAndZeroWords(String text, String expected) {
		assertThat(CellNumbers.parse(text)).isEqualByComparingTo(expected);
	}

	@ParameterizedTest(name = "“{0}” is not a number")
	@ValueSource(strings = { "12项", "约5", "50%", "1,23", "一", "#DIV/0!", "TRUE" })
	void leavesEverythingElseUnparsed(String text) {
		assertThat(CellNumbers.parse(text)).isNull();
	}

}

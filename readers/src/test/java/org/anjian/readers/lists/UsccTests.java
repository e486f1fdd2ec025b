package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsccTests {

	@Test
	void publishedCodesAreValid() {
		// both pass the GB 32100-2015 algorithm (worked by hand: weighted sums 1018 → 'Y'
		// … see checkCharacter)
		assertThat(Uscc.problem("91350100M000100Y43")).isNull();
		assertThat(Uscc.problem("91110000600037341L")).isNull();
		assertThat(Uscc.divisionCode("91350100M000100Y43")).isEqualTo("350100");
	}

	@Test
	void codesBuiltWithTheirCheckCharacterAreValidAndEveryOtherLastCharacterIsNot() {
		String[] bodies = { "91330106MA27XF6T9", "12100000400000624", "52110000500000001", "93350181MA2XYK0L2",
				"31330000MD0000000" };
		for (String body : bodies) {
			char check = Uscc.checkCharacter(body);
			assertThat(Uscc.isValid(body + check)).as(body).isTrue();
			for (char other : Uscc.ALPHABET.toCharArray()) {
				if (other != check) {
					assertThat(Uscc.problem(body + other)).isEqualTo(Uscc.Problem.WRONG_CHECK_CHARACTER);
				}
			}
		}
	}

	@Test
	void theCheckCharacterFollowsTheWeightedSum() {
		// sum of value × weight for 91350100M000100Y4:
		// 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+21·20+0·29+0·25+0·13
		// +1·8+0·24+0·10+30·30+4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3
		assertThat(Uscc.checkCharacter("91350100M000100Y4")).isEqualTo('3');
	}

	@Test
	void malformedCodes() {
		assertThat(Uscc.problem("91350100M000100Y4")).isEqualTo(Uscc.Problem.MALFORMED); // 17
																							// characters
		assertThat(Uscc.problem("91350100M000100Y433")).isEqualTo(Uscc.Problem.MALFORMED);
		assertThat(Uscc.problem("91350100I000100Y43")).isEqualTo(Uscc.Problem.MALFORMED); // I
																							// is
																							// not
																							// used
		assertThat(Uscc.problem("91350100m000100Y43")).isEqualTo(Uscc.Problem.MALFORMED); // lower
																							// case
		assertThat(Uscc.problem("")).isEqualTo(Uscc.Problem.MALFORMED);
		assertThat(Uscc.problem(null)).isEqualTo(Uscc.Problem.MALFORMED);
		assertThat(Uscc.problem("91350100M000100Y44")).isEqualTo(Uscc.Problem.WRONG_CHECK_CHARACTER);
		assertThatThrownBy(() -> Uscc.checkCharacter("9135O100M000100Y4")).isInstanceOf(IllegalArgumentException.class);
	}

}

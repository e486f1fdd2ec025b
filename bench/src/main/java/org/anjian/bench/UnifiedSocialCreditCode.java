package org.anjian.bench;

import java.util.random.RandomGenerator;

import org.anjian.readers.lists.Uscc;

/**
 * 统一社会信用代码 (GB 32100-2015): 登记管理部门 + 机构类别 + 6-digit 行政区划码 + 9-char 组织机构代码 (whose last
 * char is the GB 11714 check) + the GB 32100 check character. Generated ledgers carry
 * valid codes so a reader's USCC check passes them and only the planted bad rows are
 * rejected. Validation is the readers' {@link Uscc}.
 */
public final class UnifiedSocialCreditCode {

	/**
	 * The 31 characters a code may use: 0-9 and A-Z without I, O, S, V, Z; the index is
	 * the character's value.
	 */
	static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	/** GB 11714 weights of the organisation code's first eight characters. */
	private static final int[] ORG_WEIGHTS = { 3, 7, 9, 10, 5, 8, 4, 2 };

	private UnifiedSocialCreditCode() {
	}

	/**
	 * A random valid code for an organisation registered in {@code regionCode}.
	 * @param registrar 登记管理部门代码, '9' = 市场监管 (工商)
	 * @param category 机构类别代码, '1' 企业, '2' 个体工商户, '3' 农民专业合作社
	 */
	public static String random(RandomGenerator random, char registrar, char category, String regionCode) {
		StringBuilder code = new StringBuilder(18).append(registrar).append(category).append(regionCode);
		// Organisation code: 8 body characters then the GB 11714 check (a digit or X,
		// both code characters)
		int sum = 0;
		for (int i = 0; i < 8; i++) {
			// real organisation codes are mostly digits; letters appear in newer ones
			char c = random.nextInt(5) == 0 ? CHARSET.charAt(10 + random.nextInt(21))
					: (char) ('0' + random.nextInt(10));
			code.append(c);
			sum += Character.digit(c, 36) * ORG_WEIGHTS[i];
		}
		int check = 11 - sum % 11;
		code.append(check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check));
		return code.append(Uscc.checkCharacter(code)).toString(); // the readers' GB 32100
																	// check
	}

}

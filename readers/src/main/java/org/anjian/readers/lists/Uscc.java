package org.anjian.readers.lists;

/**
 * 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from 0-9 and the
 * capitals without I, O, S, V, Z; the 18th is a check character computed from the first
 * 17 (weights 3^i mod 31); characters 3–8 are the administrative division code (行政区划码) of
 * the registering authority.
 */
public final class Uscc {

	/** The 31 characters of the code, in the order of their values 0–30. */
	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	/** What is wrong with a code. */
	public enum Problem {

		/** not 18 characters, or a character outside the alphabet */
		MALFORMED,
		/** well-formed but the 18th character is not the one the first 17 give */
		WRONG_CHECK_CHARACTER

	}

	private Uscc() {
	}

	/**
	 * @return null when the code is valid, else what is wrong (the code is compared as
	 * given: upper-case first)
	 */
	public static Problem problem(String code) {
		if (code == null || code.length() != 18) {
			return Problem.MALFORMED;
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(code.charAt(i)) < 0) {
				return Problem.MALFORMED;
			}
		}
		return checkCharacter(code) == code.charAt(17) ? null : Problem.WRONG_CHECK_CHARACTER;
	}

	public static boolean isValid(String code) {
		return problem(code) == null;
	}

	/**
	 * The check character for the first 17 characters of {@code code}.
	 * @throws IllegalArgumentException when one of them is outside the alphabet or there
	 * are fewer than 17
	 */
	public static char checkCharacter(CharSequence code) {
		if (code.length() < 17) {
			throw new IllegalArgumentException("need 17 characters: " + code);
		}
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			int value = ALPHABET.indexOf(code.charAt(i));
			if (value < 0) {
				throw new IllegalArgumentException("not a USCC character: " + code.charAt(i));
			}
			sum += value * WEIGHTS[i];
		}
		return ALPHABET.charAt((31 - sum % 31) % 31);
	}

	/**
	 * Characters 3–8: the division code of the registering authority (e.g. 350100), or
	 * null when too short.
	 */
	public static String divisionCode(String code) {
		return code == null || code.length() < 8 ? null : code.substring(2, 8);
	}

}

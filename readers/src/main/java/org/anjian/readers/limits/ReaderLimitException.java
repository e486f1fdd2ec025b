package org.anjian.readers.limits;

/** A file exceeds one of the {@link ReaderLimits}; the message is Chinese and names the limit's value. */
public class ReaderLimitException extends Exception {

	private final String rule;

	public ReaderLimitException(String rule, String message) {
		super(message);
		this.rule = rule;
	}

	/** The rule code, one of the constants of {@link ReaderLimits}. */
	public String rule() {
		return rule;
	}

}

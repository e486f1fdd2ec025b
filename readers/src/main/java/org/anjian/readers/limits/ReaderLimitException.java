package org.anjian.readers.limits;

/**
 * A file exceeds one of the {@link ReaderLimits}; the message is Chinese and names the
 * limit's value.
 */
public class ReaderLimitException extends Exception {

	private final String rule;

	public ReaderLimitException(String rule, String message) {
		super(message);
		this.rule = rule;
	}

	/**
	 * The limit a parser or a read-ahead thread wrapped on its way out of a read
	 * (IOException causes, StAX's nested exceptions), or null.
	 */
	public static ReaderLimitException in(Throwable failure) {
		Throwable t = failure;
		for (int depth = 0; t != null && depth < 10; depth++) {
			if (t instanceof ReaderLimitException limit) {
				return limit;
			}
			Throwable next = t instanceof javax.xml.stream.XMLStreamException xml && xml.getNestedException() != null
					? xml.getNestedException() : t.getCause();
			t = next == t ? null : next;
		}
		return null;
	}

	/** The rule code, one of the constants of {@link ReaderLimits}. */
	public String rule() {
		return rule;
	}

}

package org.anjian.writers.feedback;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * 怎么改: the fix hint of each rule code, written for a township clerk, from
 * {@code feedback/hints.properties} (one line per rule code).
 */
public final class FeedbackHints {

	private static final String RESOURCE = "/feedback/hints.properties";

	private final Map<String, String> hints;

	private FeedbackHints(Map<String, String> hints) {
		this.hints = Map.copyOf(hints);
	}

	/** The bundled hints. */
	public static FeedbackHints bundled() {
		Properties properties = new Properties();
		try (InputStream in = FeedbackHints.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("缺少资源文件 " + RESOURCE);
			}
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, String> hints = new TreeMap<>();
		properties.forEach((rule, hint) -> hints.put(rule.toString().strip(), hint.toString().strip()));
		return new FeedbackHints(hints);
	}

	/** The hint of a rule, or a general one for a rule without its own line. */
	public String hint(String rule) {
		return hints.getOrDefault(rule, "请根据左侧的问题说明核对并改正；如有疑问，请联系安委办。");
	}

	/** Every rule code that has a hint. */
	public java.util.Set<String> rules() {
		return hints.keySet();
	}

}

package org.anjian.writers.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule code anjian reports has its 怎么改 line in {@code feedback/hints.properties}:
 * the codes are collected from the sources (the rule literals of {@code Finding.error} /
 * {@code Finding.warning} calls, the rule constants {@code X = "X"}, and the rule arrays
 * of the sum checks), so a new rule without a hint fails here.
 */
class FeedbackHintsTests {

	private static final Pattern FINDING_CALL = Pattern
		.compile("Finding\\.(?:error|warning)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");

	private static final Pattern RULE_CONSTANT = Pattern.compile("static final String ([A-Z][A-Z0-9_]+) = \"\\1\"");

	private static final Pattern RULE_ARRAY = Pattern.compile("\\{\\s*\"([A-Z][A-Z0-9_]+)\",\\s*\"[a-z_]+\"");

	/** Constants named like rules that are not rule codes. */
	private static final Set<String> NOT_RULES = Set.of("DOCTYPE", "ENTITY");

	@Test
	void everyRuleCodeHasAHint() throws IOException {
		Set<String> codes = new TreeSet<>();
		Path root = Path.of("..").toAbsolutePath().normalize();
		for (String module : new String[] { "readers", "writers", "jobs" }) {
			try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
				for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
					String source = Files.readString(file);
					for (Pattern pattern : new Pattern[] { FINDING_CALL, RULE_CONSTANT, RULE_ARRAY }) {
						Matcher m = pattern.matcher(source);
						while (m.find()) {
							if (!m.group(1).startsWith("ANJIAN_") && !NOT_RULES.contains(m.group(1))) {
								codes.add(m.group(1));
							}
						}
					}
				}
			}
		}
		assertThat(codes).contains("TOTAL_MISMATCH", "HAZARD_SUM", "LIST_DATE_INVALID", "TEMPLATE_CHANGED", "LATE",
				"ZIP_BOMB");
		FeedbackHints hints = FeedbackHints.bundled();
		assertThat(hints.rules()).containsAll(codes);
		for (String code : codes) {
			assertThat(hints.hint(code)).as(code).isNotBlank().doesNotContain("请根据左侧的问题说明");
		}
	}

}

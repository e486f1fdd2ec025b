package org.anjian.readers;

import java.nio.file.Path;

import org.anjian.readers.limits.ReaderLimits;

/**
 * Neither a summary table nor a list that can be read: {@code rule} is the error finding
 * that says why — FILE_FORMAT, FILE_UNREADABLE, NO_LIST (no header of either), or a limit
 * of {@link ReaderLimits} (then the file is rejected with it before anything is held;
 * otherwise the summary read reports the file in its own words).
 */
public record UnreadableFile(Path path, String format, Finding rule) implements SubmissionFile {

	/**
	 * Whether the file exceeds a limit ({@link ReaderLimits#RULES}): rejected as it is,
	 * never read further.
	 */
	public boolean beyondLimits() {
		return ReaderLimits.RULES.contains(rule.rule());
	}

}

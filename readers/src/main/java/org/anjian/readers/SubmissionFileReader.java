package org.anjian.readers;

import java.nio.file.Path;

/**
 * Reads one submission file of any supported format into a {@link SubmissionRead}; never
 * throws for bad content.
 */
public interface SubmissionFileReader {

	/**
	 * @param file the file to read (never modified)
	 * @return the table and findings; unreadable or unrecognised content gives an error
	 * finding, not an exception
	 */
	SubmissionRead read(Path file);

}

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

	/**
	 * Reads what the front door ({@link SubmissionFiles#open}) found, continuing from it
	 * rather than detecting the file again where the reader can.
	 */
	default SubmissionRead read(SubmissionFile file) {
		return read(file.path());
	}

}

package org.anjian.warehouse.reference;

/**
 * Reference data that cannot be used; the message names the file, line (header = line 1)
 * and column, in Chinese.
 */
public class ReferenceDataException extends RuntimeException {

	public ReferenceDataException(String message) {
		super(message);
	}

	public ReferenceDataException(String message, Throwable cause) {
		super(message, cause);
	}

}

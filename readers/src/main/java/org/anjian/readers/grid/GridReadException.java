package org.anjian.readers.grid;

/**
 * A file that has the right format but cannot be opened (corrupt, encrypted …); the
 * message is Chinese.
 */
public class GridReadException extends Exception {

	public GridReadException(String message, Throwable cause) {
		super(message, cause);
	}

}

package org.anjian.warehouse;

/** A warehouse operation failed; the message is meant for the operator. */
public class WarehouseException extends RuntimeException {

	public WarehouseException(String message, Throwable cause) {
		super(message, cause);
	}

}

package org.anjian.warehouse;

/**
 * Another process holds the warehouse file's lock (DuckDB allows one writing process per
 * file): a run can only wait, so the CLI exits 75 (temporary failure) with this message.
 */
public class WarehouseLockedException extends WarehouseException {

	public WarehouseLockedException(String message, Throwable cause) {
		super(message, cause);
	}

}

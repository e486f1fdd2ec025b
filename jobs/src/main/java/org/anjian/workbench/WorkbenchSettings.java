package org.anjian.workbench;

import java.nio.file.Path;

/**
 * What the workbench serves.
 *
 * @param home the anjian home (read through its analysts' snapshot, job repository and
 * outbox)
 * @param reference the reference-data folder, or null for the bundled demo county
 * @param inbox where uploads are put and where {@code audit_file.path} is relative to
 * @param port the HTTP port (0: any free one, for tests)
 */
public record WorkbenchSettings(Path home, Path reference, Path inbox, int port) {

	public static final int DEFAULT_PORT = 8080;

	public Path snapshot() {
		return home.resolve("analyst").resolve("anjian.duckdb");
	}

	public Path outbox() {
		return home.resolve("outbox");
	}

	/** The account file: the home's, else the reference folder's. */
	public Path accounts() {
		Path inHome = home.resolve(Accounts.FILE_NAME);
		if (reference != null && !java.nio.file.Files.exists(inHome)
				&& java.nio.file.Files.exists(reference.resolve(Accounts.FILE_NAME))) {
			return reference.resolve(Accounts.FILE_NAME);
		}
		return inHome;
	}

	public Path actionLog() {
		return home.resolve("logs").resolve("workbench-actions.log");
	}

}

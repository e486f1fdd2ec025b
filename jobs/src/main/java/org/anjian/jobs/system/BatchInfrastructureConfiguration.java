package org.anjian.jobs.system;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's job repository: an embedded H2 file under {@code <home>/batch} by
 * default, PostgreSQL in production ({@code ANJIAN_BATCH_URL}, {@code ANJIAN_BATCH_USER},
 * {@code ANJIAN_BATCH_PASSWORD}). Never in DuckDB: Spring Batch ships no DuckDB schema,
 * and the warehouse must stay a single-writer analytical file.
 *
 * <p>
 * Configured explicitly rather than through Boot's batch auto-configuration: the CLI
 * decides which job runs, and Boot's spring-boot-batch 4.1.1 jar is not on Maven Central
 * here.
 */
@Configuration(proxyBeanMethods = false)
@EnableBatchProcessing
@EnableJdbcJobRepository(dataSourceRef = "batchDataSource", transactionManagerRef = "batchTransactionManager")
class BatchInfrastructureConfiguration {

	@Bean(destroyMethod = "close")
	DataSource batchDataSource(AnjianSettings settings, @Value("${ANJIAN_BATCH_URL:}") String url,
			@Value("${ANJIAN_BATCH_USER:}") String user, @Value("${ANJIAN_BATCH_PASSWORD:}") String password)
			throws SQLException {
		HikariDataSource ds = new HikariDataSource();
		ds.setPoolName("anjian-batch");
		ds.setMaximumPoolSize(4);
		if (url.isBlank()) {
			ds.setJdbcUrl("jdbc:h2:file:" + settings.batchDir().resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE");
			ds.setUsername("sa");
		}
		else {
			ds.setJdbcUrl(url);
			ds.setUsername(user.isBlank() ? null : user);
			ds.setPassword(password.isBlank() ? null : password);
		}
		createSchemaIfMissing(ds);
		return ds;
	}

	@Bean
	PlatformTransactionManager batchTransactionManager(DataSource batchDataSource) {
		return new DataSourceTransactionManager(batchDataSource);
	}

	/**
	 * Runs the schema Spring Batch ships for this database once; the scripts are not
	 * idempotent themselves.
	 */
	private static void createSchemaIfMissing(DataSource ds) throws SQLException {
		try (Connection c = ds.getConnection()) {
			String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
			boolean present;
			try (var rs = c.getMetaData().getTables(null, null, null, new String[] { "TABLE" })) {
				present = false;
				while (rs.next()) {
					if (rs.getString("TABLE_NAME").equalsIgnoreCase("batch_job_instance")) {
						present = true;
					}
				}
			}
			if (!present) {
				String script = product.contains("postgres") ? "schema-postgresql.sql" : "schema-h2.sql";
				new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/" + script))
					.populate(c);
			}
		}
	}

}

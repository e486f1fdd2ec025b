package org.anjian.jobs.system;

import java.nio.file.Path;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.batch.core.configuration.annotation.EnableBatchProcessing;
import org.springframework.batch.core.configuration.annotation.EnableJdbcJobRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Batch's job repository: an embedded H2 file under {@code <home>/batch} by
 * default, PostgreSQL in production ({@code ANJIAN_BATCH_URL}, {@code ANJIAN_BATCH_USER},
 * {@code ANJIAN_BATCH_PASSWORD}). Never in DuckDB: Spring Batch ships no DuckDB schema,
 * and the warehouse must stay a single-writer analytical file. How the store is opened,
 * created and checked: {@link JobRepositoryStore}.
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
		// status reads the store without Spring (JobRepositoryStore.forReading), rollup
		// and export run against it without Spring (WithoutSpring)
		return JobRepositoryStore.open(settings.batchDir(), url, user, password);
	}

	@Bean
	PlatformTransactionManager batchTransactionManager(DataSource batchDataSource) {
		return new DataSourceTransactionManager(batchDataSource);
	}

}

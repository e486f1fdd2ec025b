package org.anjian.schedules;

import java.util.Map;

/**
 * Starts a batch job by name. The jobs module implements it with Spring Batch's
 * {@code JobOperator}, so schedules knows job names and parameters only.
 *
 * <p>
 * Every parameter passed here is identifying: a second start with the same name and
 * parameters must be refused by the implementation (Spring Batch throws
 * {@code JobInstanceAlreadyCompleteException}), which {@link LaunchJob} logs as "already
 * done" rather than an error.
 */
@FunctionalInterface
public interface JobStarter {

	void start(String jobName, Map<String, String> identifyingParameters) throws Exception;

}

package org.anjian.jobs.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The job executions {@code status} lists, read from Spring Batch's tables with plain
 * SQL: a status starts no Spring context and no job repository. The same executions, in
 * the same order, as Spring Batch's {@code JobRepository} gives them
 * ({@code getJobNames}, then the newest {@value #INSTANCES_PER_JOB} instances of each,
 * then each instance's executions), newest created first.
 */
public final class RecentJobs {

	/** Instances read per job name, as status read them through the job repository. */
	static final int INSTANCES_PER_JOB = 10;

	/**
	 * One execution.
	 *
	 * @param created the job repository's times: the machine's wall clock, as Spring
	 * Batch stores them
	 * @param written the sum of its steps' write counts
	 */
	public record JobRun(long id, String job, String status, String exitCode, LocalDateTime created,
			LocalDateTime started, LocalDateTime ended, long written) {

		/** As Spring Batch's {@code BatchStatus.isRunning()}. */
		public boolean running() {
			return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
		}

	}

	private RecentJobs() {
	}

	public static List<JobRun> read(Connection c) throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet rs = c.createStatement()
			.executeQuery("select distinct JOB_NAME from BATCH_JOB_INSTANCE order by JOB_NAME")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		List<JobRun> runs = new ArrayList<>();
		try (PreparedStatement executions = c.prepareStatement("""
				select e.JOB_EXECUTION_ID, e.STATUS, e.EXIT_CODE, e.CREATE_TIME, e.START_TIME, e.END_TIME,
				    (select coalesce(sum(s.WRITE_COUNT), 0) from BATCH_STEP_EXECUTION s
				     where s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID)
				from BATCH_JOB_EXECUTION e
				where e.JOB_INSTANCE_ID in (
				    select i.JOB_INSTANCE_ID from BATCH_JOB_INSTANCE i where i.JOB_NAME = ?
				    order by i.JOB_INSTANCE_ID desc fetch first %d rows only)
				order by e.JOB_INSTANCE_ID desc, e.JOB_EXECUTION_ID desc""".formatted(INSTANCES_PER_JOB))) {
			for (String name : names) {
				executions.setString(1, name);
				try (ResultSet rs = executions.executeQuery()) {
					while (rs.next()) {
						runs.add(new JobRun(rs.getLong(1), name, rs.getString(2), rs.getString(3),
								time(rs.getTimestamp(4)), time(rs.getTimestamp(5)), time(rs.getTimestamp(6)),
								rs.getLong(7)));
					}
				}
			}
		}
		runs.sort(Comparator.comparing(JobRun::created).reversed());
		return runs;
	}

	private static LocalDateTime time(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toLocalDateTime();
	}

}

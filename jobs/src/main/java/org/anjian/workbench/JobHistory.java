package org.anjian.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.warehouse.calendar.OfficeTime;
import org.springframework.stereotype.Component;

/**
 * The 任务 page's job history, read from the job repository's tables with one short
 * connection per page (the embedded H2 store is opened in its {@code AUTO_SERVER} mode,
 * as {@code status} does, so a running job keeps it); PostgreSQL with
 * {@code ANJIAN_BATCH_URL}. Times are stored in the machine's zone and shown in
 * Asia/Shanghai.
 */
@Component
class JobHistory {

	/** One execution with its identifying parameters and counts. */
	record Execution(long id, String job, String status, String exitCode, LocalDateTime started, LocalDateTime ended,
			String seconds, long read, long written, String parameters, String message) {

		public boolean running() {
			return "STARTED".equals(status) || "STARTING".equals(status);
		}

	}

	private final WorkbenchSettings settings;

	JobHistory(WorkbenchSettings settings) {
		this.settings = settings;
	}

	List<Execution> recent(int limit) throws SQLException {
		String url = System.getenv("ANJIAN_BATCH_URL");
		Path file = settings.home().resolve("batch").resolve("jobs.mv.db");
		if ((url == null || url.isBlank()) && !Files.exists(file)) {
			return List.of();
		}
		Connection connection = url == null || url.isBlank()
				? DriverManager.getConnection("jdbc:h2:file:"
						+ settings.home().resolve("batch").resolve("jobs").toAbsolutePath() + ";AUTO_SERVER=TRUE", "sa",
						"")
				: DriverManager.getConnection(url, System.getenv("ANJIAN_BATCH_USER"),
						System.getenv("ANJIAN_BATCH_PASSWORD"));
		try (connection; Statement st = connection.createStatement()) {
			Map<Long, StringBuilder> parameters = new LinkedHashMap<>();
			List<Object[]> rows = new ArrayList<>();
			try (ResultSet rs = st.executeQuery("""
					select e.job_execution_id, i.job_name, e.status, e.exit_code, e.start_time, e.end_time,
					       e.exit_message,
					       (select coalesce(sum(s.read_count), 0) from batch_step_execution s
					         where s.job_execution_id = e.job_execution_id) as read_count,
					       (select coalesce(sum(s.write_count), 0) from batch_step_execution s
					         where s.job_execution_id = e.job_execution_id) as write_count
					from batch_job_execution e join batch_job_instance i on i.job_instance_id = e.job_instance_id
					order by e.job_execution_id desc limit\s""" + limit)) {
				while (rs.next()) {
					rows.add(new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getTimestamp(5), rs.getTimestamp(6), rs.getString(7), rs.getLong(8), rs.getLong(9) });
					parameters.put(rs.getLong(1), new StringBuilder());
				}
			}
			try (ResultSet rs = st.executeQuery("select job_execution_id, parameter_name, parameter_value "
					+ "from batch_job_execution_params where identifying = 'Y' "
					+ "and parameter_name in ('campaign', 'period', 'kind', 'businessDate', 'now', 'as_of') "
					+ "order by job_execution_id, parameter_name")) {
				while (rs.next()) {
					StringBuilder text = parameters.get(rs.getLong(1));
					if (text != null) {
						text.append(text.isEmpty() ? "" : " ")
							.append(rs.getString(2))
							.append('=')
							.append(rs.getString(3));
					}
				}
			}
			List<Execution> executions = new ArrayList<>();
			for (Object[] r : rows) {
				LocalDateTime started = shanghai((Timestamp) r[4]);
				LocalDateTime ended = shanghai((Timestamp) r[5]);
				String seconds = started == null || ended == null ? "—"
						: String.format("%.1f", Duration.between(started, ended).toMillis() / 1000.0);
				String message = (String) r[6];
				executions.add(new Execution((long) r[0], (String) r[1], (String) r[2], (String) r[3], started, ended,
						seconds, (long) r[7], (long) r[8], parameters.get((long) r[0]).toString(),
						message == null || message.isBlank() ? "" : message.lines().findFirst().orElse("")));
			}
			return executions;
		}
	}

	private static LocalDateTime shanghai(Timestamp t) {
		return t == null ? null
				: t.toLocalDateTime()
					.atZone(ZoneId.systemDefault())
					.withZoneSameInstant(OfficeTime.ZONE)
					.toLocalDateTime();
	}

}

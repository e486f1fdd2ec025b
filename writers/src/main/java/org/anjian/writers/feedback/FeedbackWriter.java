package org.anjian.writers.feedback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.WarehouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the annotated workbook ({@link FeedbackWorkbook}) of every rejected or warned
 * file that has none yet, and records it in {@code audit_feedback} — the one table the
 * mail step reads to know what to send. One mechanism for summary tables, lists and
 * documents: it reads only {@code audit_file}, {@code audit_issue} and
 * {@code audit_explanation}.
 *
 * <p>
 * Path: {@code <home>/outbox/feedback/<submitter code or 未识别>/<received
 * yyyyMMdd-HHmmss>-<sha256 first 8>-<original base name>.审核意见.xlsx}.
 */
public final class FeedbackWriter {

	private static final Logger log = LoggerFactory.getLogger(FeedbackWriter.class);

	public static final String UNRECOGNISED = "未识别";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final Warehouse warehouse;

	private final Path home;

	private final FeedbackWorkbook workbook = new FeedbackWorkbook(FeedbackHints.bundled());

	private final AuditExplanations explanations;

	public FeedbackWriter(Warehouse warehouse, Path home) {
		this.warehouse = warehouse;
		this.home = home;
		this.explanations = new AuditExplanations(warehouse);
	}

	/**
	 * One workbook written.
	 *
	 * @param workbookPath relative to the home, '/' separators
	 */
	public record Written(String sha256, String submitterCode, YearMonth period, String outcome, String workbookPath) {
	}

	private record Pending(String sha256, String path, LocalDateTime receivedAt, String status, String submitterCode,
			YearMonth period, String format, boolean list, String submitterName) {
	}

	/**
	 * Workbooks written at once: each is its own file, read and written by POI on one
	 * thread (a cold process spent ≈ 36 ms a form on this, seven of an eleven-second
	 * ingest of 200 warned forms, on one core of two). The warehouse stays this thread's:
	 * it reads each file's findings and hands the workbook over.
	 */
	static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	/**
	 * A table's copy whose original is this large is made alone, after the others: POI
	 * holds the whole workbook in the heap, so two such copies at once could need twice
	 * what one did.
	 */
	static final long ALONE_FROM_BYTES = 4L << 20;

	/**
	 * Writes the workbook of every rejected or warned file under {@code inbox} not given
	 * one yet, {@link #THREADS} at a time. A file whose workbook cannot be written is
	 * logged and tried again next time; the others are written and recorded all the same.
	 */
	public List<Written> writePending(Path inbox) {
		List<Pending> pending = pending();
		// in received order
		List<Future<Written>> writing = new ArrayList<>();
		// large copies, made one by one once the others are done
		List<FutureTask<Written>> alone = new ArrayList<>();
		ExecutorService threads = pending.size() < 2 ? null : pool(Math.min(THREADS, pending.size()));
		try {
			for (Pending p : pending) {
				Callable<Written> work;
				try {
					work = workbook(inbox, p);
				}
				catch (RuntimeException ex) {
					log.warn("审核意见未能写出（{}）：{}", p.path(), ex.toString());
					continue;
				}
				if (threads != null && !alone(inbox, p)) {
					writing.add(threads.submit(work));
				}
				else {
					FutureTask<Written> later = new FutureTask<>(work);
					alone.add(later);
					writing.add(later);
				}
			}
			if (threads != null) {
				threads.shutdown();
				awaitTermination(threads);
			}
			alone.forEach(FutureTask::run);
			List<Written> written = new ArrayList<>();
			for (Future<Written> each : writing) {
				Written w = written(each);
				if (w != null) {
					written.add(w);
				}
			}
			record(written);
			return written;
		}
		finally {
			if (threads != null) {
				threads.shutdownNow();
			}
		}
	}

	private static void awaitTermination(ExecutorService threads) {
		try {
			while (!threads.awaitTermination(1, TimeUnit.MINUTES)) {
				// each workbook is bounded by its file's limits; wait on
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("审核意见写出被中断", ex);
		}
	}

	/**
	 * Whether the file's copy is made alone: a table (lists are not copied) of a large
	 * original.
	 */
	private static boolean alone(Path inbox, Pending p) {
		try {
			return !p.list() && Files.size(inbox.resolve(p.path())) >= ALONE_FROM_BYTES;
		}
		catch (IOException ex) {
			// gone: the workbook lists the findings only
			return false;
		}
	}

	private static ExecutorService pool(int size) {
		AtomicInteger number = new AtomicInteger();
		return Executors.newFixedThreadPool(size, work -> {
			Thread thread = new Thread(work, "feedback-workbook-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * The workbook written, or null when it could not be (logged); an {@link Error} (out
	 * of memory) stops the step as it did on one thread.
	 */
	private static Written written(Future<Written> writing) {
		try {
			return writing.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("审核意见写出被中断", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			return null;
		}
	}

	/**
	 * The run's workbooks recorded in one transaction once all are written (each is
	 * already on disk, fsynced): a commit per workbook cost more than the workbook
	 * itself. A run stopped before this commit leaves them unrecorded, and the next run
	 * writes them again over the same paths.
	 */
	private void record(List<Written> written) {
		if (written.isEmpty()) {
			return;
		}
		warehouse.inTransaction(() -> {
			PreparedStatement ps = warehouse.prepared("""
					insert into audit_feedback (sha256, submitter_code, period, outcome, workbook_path, written_at)
					values (?, ?, ?, ?, ?, ?) on conflict do nothing""");
			for (Written w : written) {
				ps.setString(1, w.sha256());
				ps.setString(2, w.submitterCode());
				ps.setObject(3, w.period() == null ? null : w.period().atDay(1));
				ps.setString(4, w.outcome());
				ps.setString(5, w.workbookPath());
				ps.setObject(6, AuditExplanations.now());
				ps.executeUpdate();
			}
		});
	}

	/** The path a submission's workbook is written to, relative to the home. */
	public static String relativePath(String submitterCode, LocalDateTime receivedAt, String sha256, String path) {
		String name = path.substring(path.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		String base = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
		String folder = submitterCode == null ? UNRECOGNISED : submitterCode.replaceAll("[\\\\/:*?\"<>|]", "_");
		return "outbox/feedback/" + folder + "/" + receivedAt.format(STAMP) + "-" + sha256.substring(0, 8) + "-" + base
				+ ".审核意见.xlsx";
	}

	/**
	 * The file's findings read here (on the warehouse's thread); the work that writes its
	 * workbook, which reads only the original and writes only the workbook.
	 */
	private Callable<Written> workbook(Path inbox, Pending p) {
		String outcome = "rejected".equals(p.status()) ? FeedbackWorkbook.REJECTED
				: FeedbackWorkbook.ACCEPTED_WITH_NOTES;
		String relative = relativePath(p.submitterCode(), p.receivedAt(), p.sha256(), p.path());
		List<AuditExplanations.Explanation> explained = explanations.list(Optional.of(p.sha256()));
		List<FeedbackWorkbook.Item> items = items(p.sha256(), explained);
		long[] counts = counts(p.sha256());
		String fileName = p.path().substring(p.path().lastIndexOf('/') + 1);
		FeedbackWorkbook.Submission submission = new FeedbackWorkbook.Submission(inbox.resolve(p.path()), p.format(),
				p.list(), fileName, p.submitterName(), p.receivedAt(), outcome);
		return () -> {
			try {
				workbook.write(submission, items, counts[0], counts[1], home.resolve(relative));
			}
			catch (IOException | RuntimeException ex) {
				log.warn("审核意见未能写出（{}）：{}", p.path(), ex.toString());
				throw ex;
			}
			return new Written(p.sha256(), p.submitterCode(), p.period(), outcome, relative);
		};
	}

	private List<Pending> pending() {
		List<Pending> out = new ArrayList<>();
		try (PreparedStatement ps = warehouse.connection().prepareStatement("""
				select f.sha256, f.path, f.received_at, f.status, f.submitter_code, f.period, f.format,
				    f.list_kind is not null as is_list, s.name
				from audit_file f
				left join ref_submitter s on s.code = f.submitter_code
				where f.status in ('loaded', 'superseded', 'rejected')
				    and (f.error_count > 0 or f.warning_count > 0)
				    and not exists (select 1 from audit_feedback b where b.sha256 = f.sha256)
				qualify row_number() over (partition by f.sha256 order by f.received_at, f.path) = 1
				order by f.received_at, f.path"""); ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				LocalDate period = rs.getObject(6, LocalDate.class);
				out.add(new Pending(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDateTime.class),
						rs.getString(4), rs.getString(5), period == null ? null : YearMonth.from(period),
						rs.getString(7), rs.getBoolean(8), rs.getString(9)));
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询待写审核意见的文件失败：" + ex.getMessage(), ex);
		}
		return out;
	}

	private List<FeedbackWorkbook.Item> items(String sha256, List<AuditExplanations.Explanation> explained) {
		List<FeedbackWorkbook.Item> out = new ArrayList<>();
		try {
			PreparedStatement ps = warehouse.prepared("""
					select severity, rule, sheet, row_number, column_name, message
					from audit_issue where sha256 = ? order by issue_no limit ?""");
			ps.setString(1, sha256);
			// only the first are listed; a ledger's million findings would not fit the
			// heap
			ps.setInt(2, FeedbackWorkbook.MAX_LISTED);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					boolean error = "error".equals(rs.getString(1));
					String rule = rs.getString(2);
					String sheet = rs.getString(3);
					Integer row = (Integer) rs.getObject(4);
					String column = rs.getString(5);
					out.add(new FeedbackWorkbook.Item(error, rule, sheet, row, column, rs.getString(6),
							error ? null : explanation(explained, rule, sheet, row, column)));
				}
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询审核意见失败：" + ex.getMessage(), ex);
		}
		return out;
	}

	/** How many errors and warnings the file has in all. */
	private long[] counts(String sha256) {
		try {
			PreparedStatement ps = warehouse.prepared(
					"""
							select count(*) filter (where severity = 'error'), count(*) filter (where severity is distinct from 'error')
							from audit_issue where sha256 = ?""");
			ps.setString(1, sha256);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return new long[] { rs.getLong(1), rs.getLong(2) };
			}
		}
		catch (SQLException ex) {
			throw new WarehouseException("查询审核意见失败：" + ex.getMessage(), ex);
		}
	}

	/**
	 * The explanation of an advisory finding: the latest for its rule, for its cell or
	 * for every finding of the rule; “text（who，when）”.
	 */
	static String explanation(List<AuditExplanations.Explanation> explained, String rule, String sheet, Integer row,
			String column) {
		String cell = sheet == null || row == null || column == null ? null : sheet + "!" + column + row;
		for (AuditExplanations.Explanation e : explained) {
			if (e.rule().equals(rule) && (e.cell() == null || e.cell().equals(cell))) {
				return e.text() + "（" + (AuditExplanations.WORKBOOK.equals(e.source()) ? "填报单位" : e.by()) + "，"
						+ e.at().toLocalDateTime().withNano(0).toString().replace('T', ' ') + "）";
			}
		}
		return null;
	}

}

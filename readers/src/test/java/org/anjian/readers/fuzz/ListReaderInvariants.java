package org.anjian.readers.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.anjian.readers.Finding;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SummaryTableFile;
import org.anjian.readers.UnreadableFile;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.readers.lists.ListFileSummary;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListReader;
import org.anjian.readers.lists.ListRowSink;

/**
 * What {@link SubmissionFiles#open} and {@link ListFileReader#read} must give, whatever
 * the bytes: they return, within a bound, without throwing anything (an {@code Error}
 * included), and what they return is consistent.
 */
final class ListReaderInvariants {

	/**
	 * Far above what a fuzz-sized file takes (milliseconds); reaching it means a hang.
	 */
	static final Duration BOUND = Duration.ofSeconds(10);

	private static final Set<String> FORMATS = Set.of("xlsx", "xls", "csv", "unknown");

	/** The front door with the list limits, as the intake has it. */
	private static final SubmissionFiles FILES = new SubmissionFiles();

	private ListReaderInvariants() {
	}

	/** Collects what the reader sends, checking each row as it comes. */
	static final class CheckingSink implements ListRowSink {

		final List<ListRow> rows = new ArrayList<>();

		final List<Finding> findings = new ArrayList<>();

		int lastRow;

		@Override
		public void row(ListRow row) {
			require(row != null && row.values() != null && row.items() != null, "row or its parts null");
			require(row.rowNumber() >= 1, "row number " + row.rowNumber());
			require(row.rowNumber() > lastRow, "rows out of order at " + row.rowNumber());
			lastRow = row.rowNumber();
			rows.add(row);
		}

		@Override
		public void finding(Finding finding) {
			findings.add(finding);
		}

	}

	/**
	 * Opens then reads {@code file} on a worker thread; @throws AssertionError naming the
	 * broken invariant
	 */
	static void check(ListReader reader, Path file) {
		SubmissionFile opened = bounded("open", () -> FILES.open(file));
		require(opened != null, "open returned null");
		require(FORMATS.contains(opened.format()), "unknown format " + opened.format());
		if (opened instanceof RecordListFile list) {
			require(list.kind() != null, "list without kind: " + list);
		}
		else if (opened instanceof SummaryTableFile summary) {
			require(summary.formId() != null, "summary without form");
		}
		else {
			require(((UnreadableFile) opened).rule() != null, "unreadable without a rule");
			sane(((UnreadableFile) opened).rule());
		}
		CheckingSink sink = new CheckingSink();
		ListFileSummary summary = bounded("read", () -> reader.read(file, sink));
		require(summary != null, "read returned null");
		require(FORMATS.contains(summary.format()), "unknown format " + summary.format());
		require(summary.fileFindings() != null && summary.fields() != null && summary.title() != null, "parts null");
		require(summary.rowsRead() >= 0 && summary.rowsAccepted() >= 0 && summary.rowsRejected() >= 0,
				"negative count: " + summary);
		require(summary.rowsAccepted() + summary.rowsRejected() <= summary.rowsRead(),
				"accepted + rejected > read: " + summary);
		require(summary.rowsAccepted() == sink.rows.size(),
				"accepted " + summary.rowsAccepted() + " but " + sink.rows.size() + " rows sent");
		for (Finding f : sink.findings) {
			sane(f);
		}
		for (Finding f : summary.fileFindings()) {
			sane(f);
			require(sink.findings.contains(f), "file finding not sent to the sink: " + f);
		}
		if (!sink.rows.isEmpty()) {
			require(summary.kind() != null, "rows without a kind");
			for (ListRow row : sink.rows) {
				require(row.values().length == summary.kind().columns().size(),
						"row " + row.rowNumber() + " has " + row.values().length + " values, " + summary.kind()
								+ " has " + summary.kind().columns().size());
			}
		}
		if (summary.kind() == null) {
			require(summary.rowsRead() == 0, "rows read without a kind");
			require(summary.fileFindings().stream().anyMatch(Finding::isError), "no kind and no error finding");
		}
	}

	private static void sane(Finding f) {
		require(f != null && f.severity() != null, "finding null or without severity");
		require(f.rule() != null && !f.rule().isBlank(), "finding without rule: " + f);
		require(f.message() != null && !f.message().isBlank(), "finding without message: " + f);
		// the last resort of the front door and LimitedListFileReader: seeing it means a
		// limit let the file through
		require(!f.rule().equals(ReaderLimits.OUT_OF_MEMORY) && !f.rule().equals(ReaderLimits.READ_TIMEOUT),
				"a list limit let through a file that " + f.rule() + ": " + f.message());
	}

	/**
	 * Runs {@code call} on a daemon thread: any throwable, or not returning within
	 * {@link #BOUND}, is a finding.
	 */
	static <T> T bounded(String what, java.util.concurrent.Callable<T> call) {
		FutureTask<T> task = new FutureTask<>(call);
		Thread worker = new Thread(task, "list-fuzz-" + what);
		worker.setDaemon(true);
		worker.start();
		try {
			return task.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			task.cancel(true);
			AssertionError hang = new AssertionError(what + " did not return within " + BOUND.toSeconds() + " s");
			hang.setStackTrace(worker.getStackTrace());
			throw hang;
		}
		catch (ExecutionException ex) {
			throw new AssertionError(what + " threw " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(what + " interrupted", ex);
		}
	}

	static void require(boolean condition, String message) {
		if (!condition) {
			throw new AssertionError(message);
		}
	}

}

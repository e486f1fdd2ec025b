package org.anjian.jobs.submissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.system.RunProgress;

/**
 * What one intake run did with each inbox file, for the summary the run reports: the
 * files written to audit_file (their final status is read back at the end, since a later
 * file may supersede an earlier one in the same run) and the files skipped and left for
 * the next run, with the reason. One per run ({@link IntakeRuns}), never shared.
 */
public class IntakeTally {

	private final RunProgress progress;

	private final List<String[]> written = new ArrayList<>();

	private final Map<String, String> skipped = new LinkedHashMap<>();

	/** sha256 + '/' + path → the status its writer gave it, when the writer said. */
	private final Map<String, String> statusWritten = new java.util.HashMap<>();

	public IntakeTally(RunProgress progress) {
		this.progress = progress;
	}

	/** Where this run reports. */
	public RunProgress progress() {
		return progress;
	}

	/**
	 * A file left in the inbox unrecorded, so the next run sees it again; reported at
	 * once.
	 */
	synchronized void skipped(String path, String reason) {
		if (skipped.putIfAbsent(path, reason) == null) {
			progress.line(String.format("%-10s %s  — %s", "skipped", path, reason));
		}
	}

	synchronized void written(String sha256, String path) {
		written(sha256, path, null);
	}

	/**
	 * @param status the status the writer gave it (null: not known), so the file's
	 * progress line need not ask the ledger again
	 */
	synchronized void written(String sha256, String path, String status) {
		written.add(new String[] { sha256, path });
		if (status != null) {
			statusWritten.put(sha256 + '/' + path, status);
		}
	}

	/**
	 * The status the writer gave a file this run, or null. Later files may supersede it:
	 * it is the status as that file's chunk was committed.
	 */
	synchronized String statusWritten(String sha256, String path) {
		return statusWritten.get(sha256 + '/' + path);
	}

	/** (sha256, path) of every file this run recorded, in the order written. */
	public synchronized List<String[]> written() {
		return List.copyOf(written);
	}

	/** path → reason of every file this run left for the next. */
	public synchronized Map<String, String> skipped() {
		return Map.copyOf(skipped);
	}

}

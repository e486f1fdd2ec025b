package org.anjian.jobs.submissions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.anjian.jobs.cli.CommandOutput;
import org.springframework.stereotype.Component;

/**
 * What one intake run did with each inbox file, for the summary {@code ingest} prints: the files written to audit_file
 * (their final status is read back at the end, since a later file may supersede an earlier one in the same run) and
 * the files skipped and left for the next run, with the reason. One run at a time (the home lock), reset per run.
 */
@Component
public class IntakeTally {

	private final CommandOutput output;

	private final List<String[]> written = new ArrayList<>();

	private final Map<String, String> skipped = new LinkedHashMap<>();

	IntakeTally(CommandOutput output) {
		this.output = output;
	}

	synchronized void reset() {
		written.clear();
		skipped.clear();
	}

	/** A file left in the inbox unrecorded, so the next run sees it again; printed at once. */
	synchronized void skipped(String path, String reason) {
		if (skipped.putIfAbsent(path, reason) == null) {
			output.line(String.format("%-10s %s  — %s", "skipped", path, reason));
		}
	}

	synchronized void written(String sha256, String path) {
		written.add(new String[] { sha256, path });
	}

	synchronized List<String[]> written() {
		return List.copyOf(written);
	}

	synchronized Map<String, String> skipped() {
		return Map.copyOf(skipped);
	}

}

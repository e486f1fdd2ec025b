package org.anjian.jobs.submissions;

import java.util.function.BiConsumer;

import org.anjian.jobs.system.IntakeSettings;
import org.anjian.jobs.system.RunProgress;
import org.anjian.readers.SubmissionFileReader;
import org.anjian.readers.SubmissionFiles;
import org.anjian.readers.SummaryTableFileReader;
import org.anjian.readers.limits.ReaderLimits;
import org.anjian.readers.limits.TimeLimitedReader;
import org.anjian.readers.lists.ListDefinition;
import org.anjian.readers.lists.ListFileReader;
import org.anjian.warehouse.MeasureCatalog;
import org.anjian.warehouse.Warehouse;
import org.anjian.warehouse.reference.ReferenceData;
import org.anjian.writers.lists.ListWriter;
import org.anjian.writers.submissions.SubmissionHistory;

/**
 * The readers of one intake, built once from its settings, and the processor and list
 * writer made from them: the intake step ({@link SubmissionsIntakeJobConfiguration}) and
 * {@link ListIntake} (the benchmark's entry) build theirs here, so the two cannot drift
 * apart.
 *
 * @param frontDoor every inbox file is opened here: list-sized limits (a hostile list is
 * rejected before it is read), then a summary table held to the summary limits
 * @param summaries the summary read, within the content limits and the per-file time
 * limit
 * @param lists the streaming list read; a sheet inflates within the list limits while it
 * is read
 */
public record IntakeReaders(SubmissionFiles frontDoor, SubmissionFileReader summaries, ListFileReader lists,
		IntakeSettings settings) {

	public static IntakeReaders of(IntakeSettings settings) {
		ReaderLimits limits = settings.readerLimits();
		// one summary reader for the front door and the read (it keeps no state between
		// files): the header the front door found is then the read's own, not searched
		// again
		SummaryTableFileReader summaries = new SummaryTableFileReader(limits);
		return new IntakeReaders(new SubmissionFiles(summaries, ListDefinition.bundled(), settings.listLimits()),
				new TimeLimitedReader(summaries, limits),
				new ListFileReader(ListDefinition.bundled(), settings.listLimits()), settings);
	}

	/**
	 * Recognises and checks each file against the reference data and the submitter's
	 * earlier tables.
	 */
	SubmissionAuditProcessor processor(ReferenceData reference, Warehouse warehouse,
			BiConsumer<String, String> skipped) {
		return processor(reference, new SubmissionHistory(warehouse), skipped);
	}

	/**
	 * As {@link #processor(ReferenceData, Warehouse, BiConsumer)}, with the earlier
	 * tables from {@code history} (the intake step's remembers them through the run, told
	 * by its writer).
	 */
	SubmissionAuditProcessor processor(ReferenceData reference, SubmissionHistory history,
			BiConsumer<String, String> skipped) {
		return new SubmissionAuditProcessor(summaries, frontDoor, reference, MeasureCatalog.standard(),
				history::previousTable, history::previousHeader, skipped, settings.readerLimits());
	}

	/**
	 * Streams each list into the warehouse within the list time limit.
	 * @param progress where a long read reports how far it is, or null for none
	 */
	ListSubmissionWriter listWriter(ListWriter writer, RunProgress progress) {
		return listWriter(writer, progress, null);
	}

	/**
	 * As {@link #listWriter(ListWriter, RunProgress)}, replaying the lists workers staged
	 * in {@code staged} (null: none).
	 */
	ListSubmissionWriter listWriter(ListWriter writer, RunProgress progress, java.nio.file.Path staged) {
		return new ListSubmissionWriter(lists, writer, settings.listReadTimeout(), progress, staged);
	}

}

package org.anjian.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.anjian.jobs.runs.IngestRequest;
import org.anjian.jobs.runs.IngestResult;
import org.anjian.jobs.runs.Runs;
import org.springframework.stereotype.Component;

/**
 * {@code ingest --inbox DIR [--now DATETIME]}: read every file under DIR not loaded
 * before.
 */
@Component
class IngestCommand implements AnjianCommand {

	private final Runs runs;

	IngestCommand(Runs runs) {
		this.runs = runs;
	}

	@Override
	public String name() {
		return "ingest";
	}

	@Override
	public int run(CliArgs args, CommandOutput out) throws Exception {
		return exitCode(runs.ingest(request(args), out));
	}

	/**
	 * The exit code of an intake, with or without a Spring context
	 * ({@link WithoutSpring}). An intake that read no file tells the jar's launcher not
	 * to keep the class-data archive this run writes at its exit ({@code Relaunch}: a
	 * command's first successful run trains the archive all its later runs load): it
	 * loaded none of the classes that read, check and write a workbook, which later
	 * ingests would then load from the jars.
	 */
	static int exitCode(IngestResult result) {
		if (result.statuses().values().stream().mapToLong(Long::longValue).sum() == 0) {
			notToLearnFrom();
		}
		return ExitCodes.of(result.outcome());
	}

	/**
	 * The launcher's {@code Relaunch.DUMP_PROPERTY} and {@code SKIP}, by value: the
	 * launcher is built apart from the application's classes.
	 */
	private static void notToLearnFrom() {
		String dump = System.getProperty("anjian.relaunch.dump");
		if (dump != null) {
			try {
				Files.createFile(Path.of(dump + ".skip"));
			}
			catch (IOException | RuntimeException ex) {
				// the archive is kept: a later ingest loads the reading classes from the
				// jars
			}
		}
	}

	/**
	 * The intake the options ask for, with or without a Spring context
	 * ({@link WithoutSpring}).
	 */
	static IngestRequest request(CliArgs args) {
		return new IngestRequest(args.requiredFolder("inbox"), args.dateTime("now").orElse(null));
	}

}

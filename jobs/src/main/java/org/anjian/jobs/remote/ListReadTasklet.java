package org.anjian.jobs.remote;

import java.io.PrintStream;
import java.nio.file.Path;

import org.anjian.jobs.submissions.IntakeReaders;
import org.anjian.readers.RecordListFile;
import org.anjian.readers.SubmissionFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * A worker's partition: one inbox file opened at the intake's front door; a record-level
 * list is read and its rows checked (the same {@code ListFileReader} the local intake
 * streams with) into staged rows under the run's staging folder. Anything else — a
 * summary table, a document, an unreadable file — is left to the manager, whose checks
 * need the warehouse's earlier tables; so is a list whose read fails here (the manager
 * then reads it itself and records the failure as the local intake would).
 */
class ListReadTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ListReadTasklet.class);

	private final Path home;

	private final Path inbox;

	private final IntakeReaders readers;

	private final PrintStream out;

	ListReadTasklet(Path home, Path inbox, IntakeReaders readers, PrintStream out) {
		this.home = home;
		this.inbox = inbox;
		this.readers = readers;
		this.out = out;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext partition = chunkContext.getStepContext().getStepExecution().getExecutionContext();
		String path = partition.getString("path");
		String sha256 = partition.getString("sha256");
		Path file = inbox.resolve(path);
		Path staging = RemoteQueue.staging(home, partition.getString("run"));
		long started = System.nanoTime();
		SubmissionFile opened = readers.frontDoor().open(file);
		if (!(opened instanceof RecordListFile)) {
			line("留给主进程（不是清单）：" + path);
			return RepeatStatus.FINISHED;
		}
		try (StagedRows staged = StagedRows.create(staging, sha256, String.valueOf(ProcessHandle.current().pid()))) {
			readers.lists().read(file, staged);
			staged.commit();
			long ms = Math.max(1, (System.nanoTime() - started) / 1_000_000);
			contribution.incrementWriteCount(staged.calls());
			line("已暂存：" + path + "，" + staged.calls() + " 行，" + ms + " ms（" + staged.calls() * 1000 / ms + " 行/秒）");
		}
		catch (RuntimeException | OutOfMemoryError ex) {
			log.warn("读取 {} 失败，留给主进程", path, ex);
			line("留给主进程（读取失败：" + ex + "）：" + path);
		}
		return RepeatStatus.FINISHED;
	}

	private void line(String text) {
		out.println("worker " + ProcessHandle.current().pid() + " " + text);
		out.flush();
	}

}

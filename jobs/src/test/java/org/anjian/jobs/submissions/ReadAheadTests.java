package org.anjian.jobs.submissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.core.task.support.TaskExecutorAdapter;

/**
 * The intake's read-ahead: files handed out in the reader's order, each with its own
 * result, the next ones read while the step's thread is busy, and a file's failure met
 * when the step processes that file.
 */
class ReadAheadTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	@AfterEach
	void stop() {
		pool.shutdownNow();
	}

	@Test
	void everyFileGetsItsOwnResultInTheReadersOrderWhateverOrderTheReadsFinishIn() throws Exception {
		List<InboxFile> files = files(40);
		ReadAhead ahead = readAhead(files, file -> {
			Thread.sleep(ThreadLocalRandom.current().nextInt(3));
			return new SummarySubmission(file, () -> null);
		}, 8);
		List<InboxFile> handedOut = new ArrayList<>();
		// as the step does: a chunk of reads, then each file of it processed
		for (List<InboxFile> chunk = chunk(ahead, 8); !chunk.isEmpty(); chunk = chunk(ahead, 8)) {
			for (InboxFile file : chunk) {
				assertThat(ahead.processor().process(file).file()).isSameAs(file);
			}
			handedOut.addAll(chunk);
		}
		assertThat(handedOut).containsExactlyElementsOf(files);
	}

	@Test
	void filesAfterTheOneHandedOutAreReadBeforeTheStepAsksForThem() throws Exception {
		Set<String> read = ConcurrentHashMap.newKeySet();
		ReadAhead ahead = readAhead(files(20), file -> {
			read.add(file.path());
			return new SummarySubmission(file, () -> null);
		}, 4);
		InboxFile first = ahead.reader().read();
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (read.size() < 5 && System.nanoTime() < until) {
			Thread.sleep(5);
		}
		assertThat(first.path()).isEqualTo("f00.xlsx");
		assertThat(read).containsExactlyInAnyOrder("f00.xlsx", "f01.xlsx", "f02.xlsx", "f03.xlsx", "f04.xlsx");
	}

	@Test
	void aFileWhoseReadFailedFailsWhenTheStepProcessesItNotBefore() throws Exception {
		ReadAhead ahead = readAhead(files(10), file -> {
			if (file.path().equals("f03.xlsx")) {
				throw new IllegalStateException("读取失败：f03");
			}
			return new SummarySubmission(file, () -> null);
		}, 8);
		List<InboxFile> chunk = chunk(ahead, 8);
		for (InboxFile file : chunk.subList(0, 3)) {
			assertThat(ahead.processor().process(file).file()).isSameAs(file);
		}
		assertThatThrownBy(() -> ahead.processor().process(chunk.get(3))).isInstanceOf(IllegalStateException.class)
			.hasMessage("读取失败：f03");
		assertThat(ahead.processor().process(chunk.get(4)).file()).isSameAs(chunk.get(4));
	}

	private ReadAhead readAhead(List<InboxFile> files, ItemProcessor<InboxFile, IntakeItem> processor, int ahead) {
		Iterator<InboxFile> next = files.iterator();
		ItemReader<InboxFile> reader = () -> next.hasNext() ? next.next() : null;
		return new ReadAhead(reader, processor, new TaskExecutorAdapter(pool), ahead, new IntakePhaseTimes());
	}

	private static List<InboxFile> chunk(ReadAhead ahead, int size) throws Exception {
		List<InboxFile> chunk = new ArrayList<>();
		for (InboxFile file = ahead.reader().read(); file != null; file = ahead.reader().read()) {
			chunk.add(file);
			if (chunk.size() == size) {
				break;
			}
		}
		return chunk;
	}

	private static List<InboxFile> files(int n) {
		List<InboxFile> files = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String name = String.format("f%02d.xlsx", i);
			files.add(new InboxFile(Path.of("/inbox", name), name, "%064d".formatted(i),
					LocalDateTime.of(2024, 5, 1, 8, 0).plusMinutes(i), 1000));
		}
		return files;
	}

}

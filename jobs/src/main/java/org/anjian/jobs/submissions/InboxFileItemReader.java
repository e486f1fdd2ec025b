package org.anjian.jobs.submissions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

import org.anjian.warehouse.calendar.OfficeTime;
import org.anjian.jobs.system.IntakeSettings;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Lists every regular file under the inbox (any depth), oldest first, and hands out those
 * whose (sha256, path) the warehouse has not recorded yet. The warehouse ledger is the
 * restart state: after a crash the next run simply lists again.
 *
 * <p>
 * What it never hands out, reporting each as skipped so the next run looks again:
 * symbolic links (to files or folders, inside or outside the inbox: never followed),
 * anything not a regular file (a FIFO would block the run), folders and files it may not
 * read, a file modified within the last {@code settle} (still being copied or saved), and
 * a file whose size or mtime changed while it was hashed.
 */
public class InboxFileItemReader implements ItemReader<InboxFile> {

	/**
	 * How long a file must rest by default ({@link IntakeSettings#SETTLE_SECONDS}): off,
	 * since CONTRACT.md has ingest read every file not loaded before, and a file that
	 * changes while it is read is caught anyway (size or mtime differ from the
	 * listing's).
	 */
	public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(IntakeSettings.DEFAULT_SETTLE_SECONDS);

	private final Path inbox;

	private final BiPredicate<String, String> alreadyRecorded;

	private final LocalDateTime notAfter;

	private final Duration settle;

	private final Clock clock;

	private final BiConsumer<String, String> skipped;

	private Deque<Candidate> pending;

	/**
	 * @param inbox the inbox folder
	 * @param alreadyRecorded (sha256, path) → true when audit_file has it
	 * @param notAfter files received after this instant are not seen yet (replays with
	 * --now); null = no limit
	 */
	public InboxFileItemReader(Path inbox, BiPredicate<String, String> alreadyRecorded, LocalDateTime notAfter) {
		this(inbox, alreadyRecorded, notAfter, DEFAULT_SETTLE, Clock.systemUTC(), (path, reason) -> {
		});
	}

	/**
	 * @param settle a file modified less than this long ago (by the wall clock, not
	 * {@code --now}) is left for the next run
	 * @param skipped (path, Chinese reason) for every file left for the next run
	 */
	public InboxFileItemReader(Path inbox, BiPredicate<String, String> alreadyRecorded, LocalDateTime notAfter,
			Duration settle, Clock clock, BiConsumer<String, String> skipped) {
		this.inbox = inbox.toAbsolutePath().normalize();
		this.alreadyRecorded = alreadyRecorded;
		this.notAfter = notAfter;
		this.settle = settle;
		this.clock = clock;
		this.skipped = skipped;
	}

	private record Candidate(Path file, String path, LocalDateTime receivedAt, long size, Instant modified) {
	}

	/**
	 * Every file the intake step would read from this inbox now, in its order: the
	 * partitions of an intake spread over workers (org.anjian.jobs.remote).
	 */
	public static List<InboxFile> newFiles(Path inbox, org.anjian.writers.ledger.AuditLedger ledger,
			org.anjian.warehouse.reference.ReferenceData reference, LocalDateTime notAfter, Duration settle) {
		InboxFileItemReader reader = new InboxFileItemReader(inbox,
				DeliverableRecognizer.alreadyRecorded(ledger, reference), notAfter, settle, Clock.systemUTC(),
				(path, reason) -> {
				});
		List<InboxFile> files = new ArrayList<>();
		for (InboxFile file = reader.read(); file != null; file = reader.read()) {
			files.add(file);
		}
		return files;
	}

	@Override
	public InboxFile read() {
		if (pending == null) {
			pending = new ArrayDeque<>(list());
		}
		while (!pending.isEmpty()) {
			Candidate c = pending.poll();
			String sha;
			try {
				sha = sha256(c.file());
				BasicFileAttributes after = Files.readAttributes(c.file(), BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				if (!after.isRegularFile() || after.size() != c.size()
						|| !after.lastModifiedTime().toInstant().equals(c.modified())) {
					skipped.accept(c.path(), "文件在读取过程中发生了变化（可能仍在写入），留待下次运行处理");
					continue;
				}
			}
			catch (IOException ex) {
				skipped.accept(c.path(), "文件无法读取（" + ex.getClass().getSimpleName() + "），留待下次运行处理");
				continue;
			}
			if (!alreadyRecorded.test(sha, c.path())) {
				return new InboxFile(c.file(), c.path(), sha, c.receivedAt(), c.size());
			}
		}
		return null;
	}

	/**
	 * Files in the order they were received (mtime), then by path, so the first of two
	 * identical files is the original.
	 */
	List<Candidate> list() {
		List<Candidate> out = new ArrayList<>();
		Instant restedBefore = clock.instant().minus(settle);
		try {
			// no FOLLOW_LINKS: a link is visited as itself and never entered
			Files.walkFileTree(inbox, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
					String rel = relative(p);
					if (attrs.isSymbolicLink()) {
						skipped.accept(rel, "是符号链接（快捷方式），出于安全原因不跟随读取；请把文件本身放入收件目录");
						return FileVisitResult.CONTINUE;
					}
					if (!attrs.isRegularFile()) {
						skipped.accept(rel, "不是普通文件（设备、管道等），不读取");
						return FileVisitResult.CONTINUE;
					}
					Instant modified = attrs.lastModifiedTime().toInstant();
					LocalDateTime received = LocalDateTime.ofInstant(modified, OfficeTime.ZONE)
						.truncatedTo(ChronoUnit.SECONDS);
					if (notAfter != null && received.isAfter(notAfter)) {
						return FileVisitResult.CONTINUE;
					}
					if (!settle.isZero() && modified.isAfter(restedBefore)) {
						skipped.accept(rel, "文件在 " + settle.toSeconds() + " 秒内刚被修改，可能仍在写入，留待下次运行处理");
						return FileVisitResult.CONTINUE;
					}
					out.add(new Candidate(p, rel, received, attrs.size(), modified));
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path p, IOException ex) {
					if (p.equals(inbox)) {
						throw new java.io.UncheckedIOException("无法读取收件目录 " + inbox + "：" + ex.getMessage(), ex);
					}
					skipped.accept(relative(p), "无法访问（" + ex.getClass().getSimpleName() + "），留待下次运行处理");
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException("无法读取收件目录 " + inbox + "：" + ex.getMessage(), ex);
		}
		out.sort(Comparator.comparing(Candidate::receivedAt).thenComparing(Candidate::path));
		return out;
	}

	private String relative(Path p) {
		return inbox.relativize(p).toString().replace('\\', '/');
	}

	static String sha256(Path file) throws IOException {
		// NOFOLLOW: a file swapped for a link after listing is not read through the link
		try (InputStream in = new DigestInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS),
				MessageDigest.getInstance("SHA-256"))) {
			byte[] buffer = new byte[64 * 1024];
			while (in.read(buffer) >= 0) {
				// the digest stream hashes what passes through
			}
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

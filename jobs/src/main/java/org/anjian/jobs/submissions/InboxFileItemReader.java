package org.anjian.jobs.submissions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Lists every regular file under the inbox (any depth; symbolic links are never followed), oldest first, and hands
 * out those whose (sha256, path) the warehouse has not recorded yet. The warehouse ledger is the restart state: after a
 * crash the next run simply lists again.
 */
public class InboxFileItemReader implements ItemReader<InboxFile> {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private final Path inbox;

	private final BiPredicate<String, String> alreadyRecorded;

	private final LocalDateTime notAfter;

	private Deque<Candidate> pending;

	/**
	 * @param inbox the inbox folder
	 * @param alreadyRecorded (sha256, path) → true when audit_file has it
	 * @param notAfter files received after this instant are not seen yet (replays with --now); null = no limit
	 */
	public InboxFileItemReader(Path inbox, BiPredicate<String, String> alreadyRecorded, LocalDateTime notAfter) {
		this.inbox = inbox.toAbsolutePath().normalize();
		this.alreadyRecorded = alreadyRecorded;
		this.notAfter = notAfter;
	}

	private record Candidate(Path file, String path, LocalDateTime receivedAt, long size) {
	}

	@Override
	public InboxFile read() {
		if (pending == null) {
			pending = new ArrayDeque<>(list());
		}
		while (!pending.isEmpty()) {
			Candidate c = pending.poll();
			String sha = sha256(c.file());
			if (!alreadyRecorded.test(sha, c.path())) {
				return new InboxFile(c.file(), c.path(), sha, c.receivedAt(), c.size());
			}
		}
		return null;
	}

	/** Files in the order they were received (mtime), then by path, so the first of two identical files is the original. */
	List<Candidate> list() {
		List<Candidate> out = new ArrayList<>();
		try (Stream<Path> files = Files.walk(inbox)) {
			files.forEach(p -> {
				try {
					BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class,
							LinkOption.NOFOLLOW_LINKS);
					if (!attrs.isRegularFile()) {
						return;
					}
					LocalDateTime received = LocalDateTime
						.ofInstant(attrs.lastModifiedTime().toInstant(), SHANGHAI)
						.truncatedTo(ChronoUnit.SECONDS);
					if (notAfter != null && received.isAfter(notAfter)) {
						return;
					}
					String rel = inbox.relativize(p).toString().replace('\\', '/');
					out.add(new Candidate(p, rel, received, attrs.size()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取收件目录 " + inbox + "：" + ex.getMessage(), ex);
		}
		out.sort(Comparator.comparing(Candidate::receivedAt).thenComparing(Candidate::path));
		return out;
	}

	static String sha256(Path file) {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			byte[] buffer = new byte[64 * 1024];
			while (in.read(buffer) >= 0) {
				// the digest stream hashes what passes through
			}
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("无法读取文件 " + file + "：" + ex.getMessage(), ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

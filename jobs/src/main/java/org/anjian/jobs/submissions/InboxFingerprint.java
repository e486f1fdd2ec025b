package org.anjian.jobs.submissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.anjian.warehouse.reference.ReferenceData;

/**
 * What identifies an intake run: the inbox listing (path, size, mtime), the reference
 * data and the replay time. Same inbox, same reference → same completed job instance →
 * nothing to do.
 */
public final class InboxFingerprint {

	private InboxFingerprint() {
	}

	/**
	 * @param settle files modified within it are left out: once they rest, the listing
	 * differs
	 */
	public static String of(Path inbox, ReferenceData reference, LocalDateTime now, Duration settle)
			throws IOException {
		MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		List<String> entries = new ArrayList<>();
		Instant restedBefore = Instant.now().minus(settle);
		try (Stream<Path> walk = Files.walk(inbox)) {
			for (Path p : (Iterable<Path>) walk::iterator) {
				try {
					if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
						Instant modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
						if (modified.isBefore(restedBefore)) {
							entries.add(inbox.relativize(p) + "|" + Files.size(p) + "|" + modified.toEpochMilli());
						}
					}
				}
				catch (IOException ex) {
					// gone or unreadable: the intake step reports it as skipped
				}
			}
		}
		catch (java.io.UncheckedIOException ex) {
			// an unreadable sub-folder: the listing is incomplete, so never let it match
			// a completed run
			entries.add("unreadable|" + Instant.now().toEpochMilli());
		}
		entries.sort(null);
		entries.forEach(e -> md.update((e + "\n").getBytes(StandardCharsets.UTF_8)));
		md.update(reference.toString().getBytes(StandardCharsets.UTF_8));
		md.update(String.valueOf(now).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(md.digest());
	}

}

package org.anjian.jobs.remote;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.anjian.readers.Finding;
import org.anjian.readers.Severity;
import org.anjian.readers.lists.ListRow;
import org.anjian.readers.lists.ListRowSink;

/**
 * A record-level list as a worker read and checked it (暂存的清单行): every call the list
 * reader made on its {@link ListRowSink} — rows and findings, in order — written to
 * {@code <staging>/<sha256>.rows} on shared storage, and replayed by the manager into the
 * same sink the local intake streams a file into. The file appears by an atomic rename
 * only once it is whole (a worker killed mid-file leaves a {@code .part} file and nothing
 * else), and it ends with the number of calls it holds: a replay of a truncated or
 * foreign file fails before any row reaches the warehouse.
 */
public final class StagedRows implements ListRowSink, AutoCloseable {

	private static final int MAGIC = 0x414A5231; // "AJR1"

	private static final byte ROW = 'R';

	private static final byte FINDING = 'F';

	private static final byte END = 'E';

	private final Path part;

	private final Path target;

	private final java.io.FileOutputStream file;

	private final DataOutputStream out;

	private long calls;

	private boolean done;

	private StagedRows(Path part, Path target) throws IOException {
		this.part = part;
		this.target = target;
		this.file = new java.io.FileOutputStream(part.toFile());
		this.out = new DataOutputStream(new BufferedOutputStream(this.file, 1 << 16));
		this.out.writeInt(MAGIC);
	}

	/** The staged rows of the file with this content, whole or not yet there. */
	public static Path file(Path staging, String sha256) {
		return staging.resolve(sha256 + ".rows");
	}

	/**
	 * Starts staging the rows of the file with this content; {@code owner} names the
	 * writer in the {@code .part} file's name (a worker's process id).
	 */
	public static StagedRows create(Path staging, String sha256, String owner) {
		try {
			Files.createDirectories(staging);
			return new StagedRows(staging.resolve(sha256 + ".rows." + owner + ".part"), file(staging, sha256));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void row(ListRow row) {
		try {
			out.writeByte(ROW);
			out.writeInt(row.rowNumber());
			String[] values = row.values();
			out.writeInt(values == null ? -1 : values.length);
			if (values != null) {
				for (String v : values) {
					text(v);
				}
			}
			out.writeInt(row.items().size());
			for (String item : row.items()) {
				text(item);
			}
			calls++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void finding(Finding finding) {
		try {
			out.writeByte(FINDING);
			text(finding.severity().name());
			text(finding.rule());
			text(finding.sheet());
			out.writeInt(finding.rowNumber() == null ? -1 : finding.rowNumber());
			text(finding.column());
			text(finding.message());
			calls++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many rows and findings so far. */
	public long calls() {
		return calls;
	}

	/** Ends the file, forces it to disk and renames it into place. */
	public void commit() {
		try {
			out.writeByte(END);
			out.writeLong(calls);
			out.flush();
			file.getFD().sync();
			out.close();
			done = true;
			// a partition run twice (its first worker killed after the rename) stages the
			// same bytes again: replacing is harmless
			Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	/** Drops an unfinished file. */
	@Override
	public void close() {
		if (done) {
			return;
		}
		done = true;
		try {
			out.close();
		}
		catch (IOException ex) {
			// the file is dropped anyway
		}
		try {
			Files.deleteIfExists(part);
		}
		catch (IOException ex) {
			// a leftover .part is never read
		}
	}

	/**
	 * Replays a staged list into {@code sink}; false when there is none (the manager then
	 * reads the file itself).
	 * @throws IllegalStateException when the staged file is not whole
	 */
	public static boolean replay(Path staged, ListRowSink sink) {
		if (!Files.isRegularFile(staged)) {
			return false;
		}
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(staged), 1 << 16))) {
			if (in.readInt() != MAGIC) {
				throw new IllegalStateException("暂存文件格式不对：" + staged);
			}
			long calls = 0;
			while (true) {
				byte tag = in.readByte();
				if (tag == END) {
					if (in.readLong() != calls) {
						throw new IllegalStateException("暂存文件不完整：" + staged);
					}
					return true;
				}
				if (tag == ROW) {
					int rowNumber = in.readInt();
					int n = in.readInt();
					String[] values = n < 0 ? null : new String[n];
					for (int i = 0; i < n; i++) {
						values[i] = text(in);
					}
					int k = in.readInt();
					List<String> items = new ArrayList<>(k);
					for (int i = 0; i < k; i++) {
						items.add(text(in));
					}
					sink.row(new ListRow(rowNumber, values, items));
				}
				else if (tag == FINDING) {
					Severity severity = Severity.valueOf(text(in));
					String rule = text(in);
					String sheet = text(in);
					int row = in.readInt();
					String column = text(in);
					String message = text(in);
					sink.finding(new Finding(severity, rule, sheet, row < 0 ? null : row, column, message));
				}
				else {
					throw new IllegalStateException("暂存文件格式不对：" + staged);
				}
				calls++;
			}
		}
		catch (EOFException ex) {
			throw new IllegalStateException("暂存文件不完整：" + staged, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void text(String s) throws IOException {
		if (s == null) {
			out.writeInt(-1);
			return;
		}
		byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
		out.writeInt(bytes.length);
		out.write(bytes);
	}

	private static String text(DataInputStream in) throws IOException {
		int n = in.readInt();
		if (n < 0) {
			return null;
		}
		return new String(in.readNBytes(n), StandardCharsets.UTF_8);
	}

}

package org.anjian.readers.rows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.anjian.readers.grid.GridReadException;

/**
 * Opens an .xlsx's zip: the one place that does, so that a test can count how often a
 * file's package is opened ({@link #countOpens}; the summary path of the intake opens it
 * once: the front door checks the limits, sniffs and builds the grids in one zip).
 */
public final class OoxmlPackages {

	private static final Set<OpenCounter> COUNTERS = ConcurrentHashMap.newKeySet();

	private OoxmlPackages() {
	}

	/**
	 * @throws GridReadException when the file is no readable zip
	 */
	public static ZipFile open(Path file) throws GridReadException {
		for (OpenCounter counter : COUNTERS) {
			if (counter.file.equals(file)) {
				counter.opens.incrementAndGet();
			}
		}
		try {
			return new ZipFile(file.toFile());
		}
		catch (IOException ex) {
			throw new GridReadException("文件已损坏，无法作为 Excel（.xlsx）打开（压缩结构错误）", ex);
		}
	}

	/** Whether a zip is an OOXML workbook, not a .docx or an ordinary archive. */
	public static boolean isWorkbook(ZipFile zip) {
		for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
			String name = entries.nextElement().getName();
			if (name.equalsIgnoreCase("xl/workbook.xml") || name.matches("(?i)xl/workbook\\d*\\.xml")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Test seam: counts the zips {@link #open} opens for {@code file} on any thread until
	 * the counter is closed.
	 */
	public static OpenCounter countOpens(Path file) {
		OpenCounter counter = new OpenCounter(file);
		COUNTERS.add(counter);
		return counter;
	}

	public static final class OpenCounter implements AutoCloseable {

		private final Path file;

		private final AtomicInteger opens = new AtomicInteger();

		private OpenCounter(Path file) {
			this.file = file;
		}

		public int opens() {
			return opens.get();
		}

		@Override
		public void close() {
			COUNTERS.remove(this);
		}

	}

}

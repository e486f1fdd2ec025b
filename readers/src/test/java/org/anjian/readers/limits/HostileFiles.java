package org.anjian.readers.limits;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Hostile variants of a real sample submission, made by editing the parts of its .xlsx
 * package.
 */
final class HostileFiles {

	static final String SHEET = "xl/worksheets/sheet1.xml";

	static final String STRINGS = "xl/sharedStrings.xml";

	private HostileFiles() {
	}

	/** The first file of the sample inbox (产业园区统计汇总表.xlsx), a valid F-000 table. */
	static byte[] sample() {
		Path inbox = Path.of(System.getProperty("anjian.samples", "../samples")).resolve("inbox");
		try (Stream<Path> walk = Files.walk(inbox)) {
			return Files
				.readAllBytes(walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().findFirst().orElseThrow());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The package's parts in order. */
	static Map<String, byte[]> parts(byte[] xlsx) throws IOException {
		Map<String, byte[]> parts = new LinkedHashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				parts.put(e.getName(), zip.readAllBytes());
			}
		}
		return parts;
	}

	static byte[] zip(Map<String, byte[]> parts) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (Map.Entry<String, byte[]> part : parts.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue());
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	/** The sample with one XML part edited as text, written to {@code file}. */
	static Path edit(Path file, String part, UnaryOperator<String> edit) throws IOException {
		Map<String, byte[]> parts = parts(sample());
		String xml = new String(parts.get(part), java.nio.charset.StandardCharsets.UTF_8);
		String edited = edit.apply(xml);
		if (edited.equals(xml)) {
			throw new IllegalStateException("the edit changed nothing in " + part);
		}
		parts.put(part, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		Files.write(file, zip(parts));
		return file;
	}

	static Path write(Path file, byte[] bytes) throws IOException {
		Files.write(file, bytes);
		return file;
	}

	/**
	 * Random CJK text: it does not compress, so it tests the size limits and not the
	 * inflate ratio.
	 */
	static String cjk(int length, long seed) {
		Random random = new Random(seed);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (0x4E00 + random.nextInt(0x5000)));
		}
		return text.toString();
	}

}

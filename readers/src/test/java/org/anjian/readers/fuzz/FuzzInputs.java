package org.anjian.readers.fuzz;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

/**
 * What the fuzz tests of every reader turn fuzzer data into, and the scratch folder the
 * inputs are written to.
 */
final class FuzzInputs {

	private FuzzInputs() {
	}

	/**
	 * One of {@code bases} with one part replaced by, spliced with or cut to fuzzed
	 * bytes, re-zipped with valid CRCs, so the fuzzer spends its time inside the XML of
	 * worksheets, shared strings, styles and relationships.
	 */
	static byte[] xlsxWithMutatedPart(FuzzedDataProvider data, List<FuzzSeeds.Seed> bases) throws IOException {
		byte[] base = bases.get(data.consumeInt(0, bases.size() - 1)).bytes();
		List<String> names = new ArrayList<>();
		List<byte[]> parts = new ArrayList<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(base))) {
			for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
				names.add(e.getName());
				parts.add(zip.readAllBytes());
			}
		}
		int target = data.consumeInt(0, parts.size() - 1);
		byte[] part = parts.get(target);
		int mode = data.consumeInt(0, 2);
		int at = data.consumeInt(0, part.length);
		byte[] fuzz = data.consumeBytes(4096);
		ByteArrayOutputStream mutated = new ByteArrayOutputStream();
		switch (mode) {
			case 0 -> mutated.write(fuzz);
			case 1 -> {
				mutated.write(part, 0, at);
				mutated.write(fuzz);
				mutated.write(part, at, part.length - at);
			}
			default -> {
				mutated.write(part, 0, at);
				mutated.write(fuzz);
			}
		}
		parts.set(target, mutated.toByteArray());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (int i = 0; i < names.size(); i++) {
				zip.putNextEntry(new ZipEntry(names.get(i)));
				zip.write(parts.get(i));
				zip.closeEntry();
			}
		}
		return out.toByteArray();
	}

	/**
	 * Fuzzed text as CSV bytes, in UTF-8 (with or without BOM) or GB18030, the way
	 * clerks' CSV files arrive.
	 */
	static byte[] csvBytes(FuzzedDataProvider data) {
		int encoding = data.consumeInt(0, 2);
		String text = data.consumeRemainingAsString();
		return switch (encoding) {
			case 0 -> text.getBytes(StandardCharsets.UTF_8);
			case 1 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
			default -> text.getBytes(Charset.forName("GB18030"));
		};
	}

	/**
	 * A temp folder for one fuzz test class's inputs (one file per name, overwritten
	 * input after input).
	 */
	static final class Scratch {

		private final String prefix;

		private Path folder;

		Scratch(String prefix) {
			this.prefix = prefix;
		}

		synchronized Path write(byte[] data, String name) throws IOException {
			if (folder == null) {
				folder = Files.createTempDirectory(prefix);
			}
			Path file = folder.resolve(name);
			Files.write(file, data);
			return file;
		}

		synchronized void delete() throws IOException {
			if (folder != null) {
				try (var files = Files.list(folder)) {
					for (Path p : files.toList()) {
						Files.deleteIfExists(p);
					}
				}
				Files.deleteIfExists(folder);
			}
		}

	}

}

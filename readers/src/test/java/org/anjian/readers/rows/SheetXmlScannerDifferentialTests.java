package org.anjian.readers.rows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated sheets in the forms the producers write — shared strings, numbers, dates,
 * booleans, errors, formula results, rich inline strings with phonetic runs, references,
 * CDATA, comments, sparse cells and rows without r, hidden rows and columns, merges,
 * pretty-printed or not, prefixed or not, either quote — read by the byte scanner
 * (several buffer sizes), by Aalto and by the JDK's StAX parser: every row and cell must
 * come out the same.
 */
class SheetXmlScannerDifferentialTests {

	private static final String SHARED = "<sst xmlns=\"" + XlsxParts.MAIN
			+ "\"><si><t>企业名称</t></si><si><t>A&amp;B 公司</t></si>"
			+ "<si><r><t>新场</t></r><r><t xml:space=\"preserve\"> 五金厂</t></r></si><si><t>漢字</t><rPh sb=\"0\" eb=\"1\"><t>かん</t></rPh></si>"
			+ "<si><t>行1_x000D_行2</t></si><si><t>重大</t></si><si><t>一般</t></si><si><t>已整改</t></si></sst>";

	private static final boolean[] DATE_STYLES = { false, true, false, true };

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 20240522, 20261122 })
	void theScannerReadsWhatStaxReads(long seed) throws Exception {
		byte[] sheet = generate(new Random(seed)).getBytes(StandardCharsets.UTF_8);

		String aalto = SheetDumps.dump(sheet, SHARED, DATE_STYLES, XmlFactories.SheetParser.AALTO, 0);
		String jdk = SheetDumps.dump(sheet, SHARED, DATE_STYLES, XmlFactories.SheetParser.JDK, 0);
		assertThat(jdk).isEqualTo(aalto);
		assertThat(aalto.lines().count()).as("the generated sheet has rows").isGreaterThan(100);
		Random sizes = new Random(seed);
		for (int size : new int[] { SheetXmlScanner.BUFFER_BYTES, 64, 1 + sizes.nextInt(4096),
				1 + sizes.nextInt(200) }) {
			assertThat(SheetDumps.dump(sheet, SHARED, DATE_STYLES, XmlFactories.SheetParser.SCANNER, size))
				.as("seed %d, buffer %d", seed, size)
				.isEqualTo(aalto);
		}
	}

	/** A worksheet part of a few hundred rows, its form varied by {@code random}. */
	static String generate(Random random) {
		boolean prefixed = random.nextBoolean();
		boolean pretty = random.nextBoolean();
		String p = prefixed ? "x:" : "";
		Form form = new Form(random, pretty);
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
		xml.append('<')
			.append(p)
			.append("worksheet ")
			.append(prefixed ? "xmlns:x" : "xmlns")
			.append("=\"")
			.append(XlsxParts.MAIN)
			.append("\" xmlns:r=\"")
			.append(XlsxParts.REL)
			.append("\">");
		form.space(xml);
		xml.append('<').append(p).append("dimension ref=\"A1:Q400\"/>");
		xml.append('<').append(p).append("cols>");
		xml.append('<').append(p).append("col min=\"1\" max=\"1\" width=\"30\" customWidth=\"1\"/>");
		xml.append('<')
			.append(p)
			.append("col ")
			.append(form.attribute("min", "4"))
			.append(' ')
			.append(form.attribute("max", "5"))
			.append(' ')
			.append(form.attribute("hidden", random.nextBoolean() ? "1" : "true"))
			.append("/>");
		xml.append("</").append(p).append("cols>");
		form.space(xml);
		xml.append('<').append(p).append("sheetData>");
		int row = 0;
		int rows = 150 + random.nextInt(150);
		for (int i = 0; i < rows; i++) {
			row += 1 + (random.nextInt(10) == 0 ? random.nextInt(5) : 0);
			form.space(xml);
			if (random.nextInt(40) == 0) {
				xml.append("<!-- 第 ").append(row).append(" 行 -->");
			}
			xml.append('<').append(p).append("row");
			boolean withR = random.nextInt(6) != 0;
			if (withR) {
				xml.append(' ').append(form.attribute("r", Integer.toString(row)));
			}
			if (random.nextInt(8) == 0) {
				xml.append(' ').append(form.attribute("hidden", random.nextBoolean() ? "1" : "true"));
			}
			if (random.nextInt(5) == 0) {
				xml.append(" spans=\"1:17\" ht=\"15\" customHeight=\"1\"");
			}
			if (random.nextInt(30) == 0) {
				xml.append("/>");
				continue;
			}
			xml.append('>');
			int column = -1;
			int cells = 1 + random.nextInt(17);
			for (int c = 0; c < cells; c++) {
				column += 1 + (random.nextInt(6) == 0 ? random.nextInt(3) : 0);
				form.space(xml);
				cell(xml, random, form, p, withR && random.nextInt(10) != 0 ? ref(column, row) : null);
			}
			xml.append("</").append(p).append("row>");
		}
		xml.append("</").append(p).append("sheetData>");
		form.space(xml);
		xml.append('<')
			.append(p)
			.append("mergeCells count=\"2\"><")
			.append(p)
			.append("mergeCell ")
			.append(form.attribute("ref", "A1:C1"))
			.append("/><")
			.append(p)
			.append("mergeCell ref=\"B3:B5\"/></")
			.append(p)
			.append("mergeCells>");
		xml.append('<')
			.append(p)
			.append("pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
		xml.append("</").append(p).append("worksheet>");
		return xml.toString();
	}

	private static void cell(StringBuilder xml, Random random, Form form, String p, String ref) {
		xml.append('<').append(p).append('c');
		if (ref != null) {
			xml.append(' ').append(form.attribute("r", ref));
		}
		int kind = random.nextInt(12);
		String style = switch (random.nextInt(6)) {
			case 0 -> "1";
			case 1 -> "2";
			case 2 -> "3";
			default -> null;
		};
		String type = switch (kind) {
			case 0, 1, 2 -> "s";
			case 3 -> "inlineStr";
			case 4 -> "b";
			case 5 -> "e";
			case 6 -> "str";
			case 7 -> "d";
			default -> random.nextBoolean() ? null : "n";
		};
		// attributes in any order
		String[] attributes = { type == null ? null : form.attribute("t", type),
				style == null ? null : form.attribute("s", style) };
		if (random.nextBoolean()) {
			attributes = new String[] { attributes[1], attributes[0] };
		}
		for (String attribute : attributes) {
			if (attribute != null) {
				xml.append(' ').append(attribute);
			}
		}
		if (random.nextInt(25) == 0) {
			xml.append("/>");
			return;
		}
		xml.append('>');
		switch (kind) {
			case 0, 1, 2 -> value(xml, p, Integer.toString(random.nextInt(9)));
			case 3 -> inline(xml, random, p);
			case 4 -> value(xml, p, random.nextBoolean() ? "1" : "0");
			case 5 -> value(xml, p, random.nextBoolean() ? "#DIV/0!" : "#N/A");
			case 6 -> {
				xml.append('<').append(p).append("f>A1&amp;\"项\"</").append(p).append("f>");
				value(xml, p, random.nextBoolean() ? "12项" : "R&amp;D &lt;1&gt;");
			}
			case 7 -> value(xml, p, "2024-05-0" + (1 + random.nextInt(9)) + "T00:00:00");
			default -> value(xml, p, number(random));
		}
		xml.append("</").append(p).append("c>");
	}

	private static void value(StringBuilder xml, String p, String text) {
		xml.append('<').append(p).append("v>").append(text).append("</").append(p).append("v>");
	}

	private static String number(Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> Integer.toString(random.nextInt(100000));
			case 1 -> Integer.toString(45000 + random.nextInt(1000));
			case 2 -> (45000 + random.nextInt(1000)) + ".75";
			case 3 -> "21.099999999999998";
			case 4 -> "-0." + random.nextInt(1000);
			case 5 -> "1.5E+" + random.nextInt(25);
			default -> "";
		};
	}

	private static void inline(StringBuilder xml, Random random, String p) {
		String[] texts = { "隐患描述", "通道&amp;出口 堵塞", "&lt;一般&gt;", "&#x20000;𠀀&#26681;", "行1\r\n行2\r行3", "a_x000D_b",
				"<![CDATA[<b>&amp;</b>]]>", "  前后空格  ", "\"引号\" &apos;单&apos; &quot;双&quot;", "" };
		xml.append('<').append(p).append("is>");
		int runs = random.nextInt(3);
		if (runs == 0) {
			xml.append('<')
				.append(p)
				.append("t>")
				.append(texts[random.nextInt(texts.length)])
				.append("</")
				.append(p)
				.append("t>");
		}
		for (int r = 0; r < runs; r++) {
			xml.append('<')
				.append(p)
				.append("r><")
				.append(p)
				.append("rPr><")
				.append(p)
				.append("b/><")
				.append(p)
				.append("sz val=\"11\"/></")
				.append(p)
				.append("rPr><")
				.append(p)
				.append("t xml:space=\"preserve\">")
				.append(texts[random.nextInt(texts.length)])
				.append("</")
				.append(p)
				.append("t></")
				.append(p)
				.append("r>");
		}
		if (random.nextInt(4) == 0) {
			xml.append('<')
				.append(p)
				.append("rPh sb=\"0\" eb=\"1\"><")
				.append(p)
				.append("t>かな</")
				.append(p)
				.append("t></")
				.append(p)
				.append("rPh><")
				.append(p)
				.append("phoneticPr fontId=\"1\"/>");
		}
		xml.append("</").append(p).append("is>");
	}

	private static String ref(int column, int row) {
		StringBuilder letters = new StringBuilder();
		for (int c = column + 1; c > 0; c = (c - 1) / 26) {
			letters.insert(0, (char) ('A' + (c - 1) % 26));
		}
		return letters.toString() + row;
	}

	/** How this sheet writes attributes and the space between tags. */
	private record Form(Random random, boolean pretty) {

		String attribute(String name, String value) {
			return switch (random.nextInt(6)) {
				case 0 -> name + "='" + value + "'";
				case 1 -> name + " = \"" + value + "\"";
				case 2 -> name + "\n\t=\r\n'" + value + "'";
				default -> name + "=\"" + value + "\"";
			};
		}

		void space(StringBuilder xml) {
			if (pretty) {
				xml.append(random.nextBoolean() ? "\n  " : "\r\n\t");
			}
		}

	}

}

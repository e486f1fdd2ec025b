package org.anjian.readers.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;

/**
 * {@link PlainXmlPart} may only say "plain" about a part the JDK parser (the prescan's
 * judge) accepts, and must then count what the prescan counted with it: checked against
 * that parser on real parts, on the odd corners of XML, and on thousands of mutations of
 * a shared-strings table.
 */
class PlainXmlPartTests {

	private static final PlainXmlPart.Limits NONE = new PlainXmlPart.Limits(Long.MAX_VALUE, Long.MAX_VALUE,
			Long.MAX_VALUE);

	private static final String SST = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="6">\
			<si><t>鹤鸣县应急管理局</t></si><si><t xml:space="preserve"> 重大 &amp; 一般 </t></si>\
			<si><r><rPr><sz val="11"/><rFont val="宋体"/></rPr><t>富文本</t></r><r><t>第二段&#x1F600;&#65;</t></r>\
			<rPh sb="0" eb="1"><t>フリ</t></rPh></si><si><t/></si><si/><si><t>行一_x000D_
			行二\r\n行三\r行四</t></si></sst>""";

	/**
	 * What the prescan counted with the JDK parser: shared strings, their characters, the
	 * longest.
	 */
	private record Reference(long strings, long chars, long longest) {
	}

	private static Reference jdk(byte[] part) {
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, false);
		try {
			XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(part));
			String root = null;
			boolean in = false;
			long strings = 0;
			long chars = 0;
			long length = 0;
			long longest = 0;
			while (xml.hasNext()) {
				int event = xml.next();
				if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
					return null;
				}
				if (event == XMLStreamConstants.START_ELEMENT) {
					if (root == null) {
						root = xml.getLocalName();
					}
					else if ("sst".equals(root) && "si".equals(xml.getLocalName())) {
						strings++;
						in = true;
						length = 0;
					}
				}
				else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && in) {
					length += xml.getTextLength();
					chars += xml.getTextLength();
					longest = Math.max(longest, length);
				}
				else if (event == XMLStreamConstants.END_ELEMENT && "sst".equals(root)
						&& "si".equals(xml.getLocalName())) {
					in = false;
				}
			}
			return new Reference(strings, chars, longest);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private static PlainXmlPart.Counts plain(byte[] part, PlainXmlPart.Limits limits) {
		try {
			return PlainXmlPart.scan(new ByteArrayInputStream(part), limits);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}

	/** Plain only if the JDK parser accepts it, and then with its counts. */
	private static boolean assertAgrees(byte[] part) {
		PlainXmlPart.Counts counts = plain(part, NONE);
		if (counts == PlainXmlPart.NOT_PLAIN) {
			return false;
		}
		Reference reference = jdk(part);
		assertThat(reference).as("the JDK parser accepts what is plain: %s", text(part)).isNotNull();
		assertThat(counts).as(text(part)).isEqualTo(new PlainXmlPart.Counts(reference.strings(), reference.chars()));
		return true;
	}

	private static String text(byte[] part) {
		return new String(part, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void aSharedStringsTableIsPlainAndCountedAsTheJdkParserCountsIt() {
		assertThat(assertAgrees(bytes(SST))).isTrue();
		assertThat(plain(bytes(SST), NONE)).isEqualTo(new PlainXmlPart.Counts(6, jdk(bytes(SST)).chars()));
	}

	@Test
	void everyPartOfARealWorkbookIsPlain() throws IOException {
		for (Map.Entry<String, byte[]> part : HostileFiles.parts(HostileFiles.sample()).entrySet()) {
			if (!part.getKey().startsWith("xl/worksheets/")) {
				assertThat(assertAgrees(part.getValue())).as(part.getKey()).isTrue();
			}
		}
	}

	@Test
	void whatIsNotPlainIsLeftToTheParser() {
		List<String> odd = List.of("<!DOCTYPE sst []><sst/>", "<sst><si><t>&h;</t></si></sst>",
				"<sst><si><t><![CDATA[x]]></t></si></sst>", "<sst><!-- c --></sst>", "<sst><?pi x?></sst>",
				"<?xml version=\"1.0\" encoding=\"GBK\"?><sst/>", "<?xml version=\"1.1\"?><sst/>",
				" <?xml version=\"1.0\"?><sst/>", "<sst><si><t>]]></t></si></sst>", "<sst>\u0001</sst>",
				"<sst>&#1;</sst>", "<sst>&#xFFFE;</sst>", "<sst>&#X41;</sst>", "<sst a='1'b='2'/>", "<sst a='<'/>",
				"<p:sst/>", "<sst p:a='1'/>", "<sst xmlns:p=''/>", "<sst xmlns:xml='u'/>", "<xml:sst/>",
				"<sst xmlns:p='u' xmlns:q='u' p:a='1' q:a='2'/>", "<sst a='1' a='2'/>", "<sst><si><si/></si></sst>",
				"<sst></sss>", "<sst><si></sst>", "<sst/><sst/>", "<sst/>x", "<sst>", "", "<sst><t>中", "<worksheet/>",
				"<sst xmlns:p='http://www.w3.org/2000/xmlns/'/>", "\uFEFF<sst/>", "<é/>", "<sst a=1/>");
		for (String text : odd) {
			assertThat(plain(bytes(text), NONE)).as(text).isNull();
		}
		for (byte[] malformed : List.of(new byte[] { '<', 'a', '>', (byte) 0xC0, (byte) 0x80, '<', '/', 'a', '>' },
				new byte[] { '<', 'a', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '<', '/', 'a', '>' },
				new byte[] { '<', 'a', '>', (byte) 0xEF, (byte) 0xBF, (byte) 0xBF, '<', '/', 'a', '>' },
				new byte[] { '<', 'a', '>', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '<', '/', 'a', '>' },
				new byte[] { '<', 'a', '>', (byte) 0xE4, (byte) 0xB8, '<', '/', 'a', '>' })) {
			assertThat(plain(malformed, NONE)).isNull();
		}
	}

	@Test
	void aPartReachingALimitIsLeftToTheParserThatThrowsIt() {
		Reference reference = jdk(bytes(SST));
		assertThat(
				plain(bytes(SST), new PlainXmlPart.Limits(reference.strings(), reference.longest(), reference.chars())))
			.isNotNull();
		assertThat(plain(bytes(SST), new PlainXmlPart.Limits(reference.strings() - 1, Long.MAX_VALUE, Long.MAX_VALUE)))
			.isNull();
		assertThat(plain(bytes(SST), new PlainXmlPart.Limits(Long.MAX_VALUE, reference.longest() - 1, Long.MAX_VALUE)))
			.isNull();
		assertThat(plain(bytes(SST), new PlainXmlPart.Limits(Long.MAX_VALUE, Long.MAX_VALUE, reference.chars() - 1)))
			.isNull();
	}

	@Test
	void noMutationOfATableIsPlainUnlessTheParserAgrees() {
		Random random = new Random(18);
		byte[] table = bytes(SST);
		byte[] alphabet = bytes("<>/&;#x='\" \r\n]!?:-_.asitAZ09\u0001\u00E4\u4E2D");
		int plainOnes = 0;
		for (int i = 0; i < 20_000; i++) {
			byte[] mutated = table.clone();
			for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
				mutated = mutate(mutated, random, alphabet);
			}
			if (assertAgrees(mutated)) {
				plainOnes++;
			}
		}
		// many mutations stay well-formed (text edits): the comparison is not vacuous
		assertThat(plainOnes).isGreaterThan(2_000);
	}

	private static byte[] mutate(byte[] part, Random random, byte[] alphabet) {
		int at = random.nextInt(part.length);
		byte b = alphabet[random.nextInt(alphabet.length)];
		List<Byte> out = new ArrayList<>(part.length + 1);
		for (byte x : part) {
			out.add(x);
		}
		switch (random.nextInt(3)) {
			case 0 -> out.set(at, b);
			case 1 -> out.add(at, b);
			default -> out.remove(at);
		}
		byte[] result = new byte[out.size()];
		for (int i = 0; i < result.length; i++) {
			result[i] = out.get(i);
		}
		return result;
	}

	@Test
	void aPartLongerThanTheBufferIsReadToItsEnd() throws IOException {
		StringBuilder text = new StringBuilder("<sst>");
		for (int i = 0; i < 20_000; i++) {
			text.append("<si><t>隐患").append(i).append("&amp;\r\n</t></si>");
		}
		byte[] part = bytes(text.append("</sst>").toString());
		InputStream in = new ByteArrayInputStream(part);
		assertThat(PlainXmlPart.scan(in, NONE)).isEqualTo(new PlainXmlPart.Counts(20_000, jdk(part).chars()));
		assertThat(in.read()).isEqualTo(-1);
	}

}

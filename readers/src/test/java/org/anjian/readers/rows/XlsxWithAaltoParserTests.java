package org.anjian.readers.rows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The xlsx quirks again with worksheets read by Aalto StAX
 * ({@code -Danjian.readers.stax=aalto}), the path a part in another encoding than UTF-8
 * takes.
 */
class XlsxWithAaltoParserTests extends XlsxWorkbookTests {

	private XmlFactories.SheetParser before;

	@BeforeEach
	void aaltoParser() {
		before = XmlFactories.sheetParser();
		XmlFactories.useParser(XmlFactories.SheetParser.AALTO);
	}

	@AfterEach
	void parserAsBefore() {
		XmlFactories.useParser(before);
	}

}

package org.anjian.readers.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ListValuesTests {

	@Test
	void datesAsTyped() {
		for (String text : List.of("2024-05-03", "2024/5/3", "2024.5.3", "2024年5月3日", "2024年05月03号", "20240503",
				"２０２４年５月３日", " 2024-5-3 ", "2024-05-03 08:30:00", "2024/5/3 8:30", "45415")) {
			assertThat(ListDates.parse(text)).as(text).isEqualTo("2024-05-03");
		}
	}

	@Test
	void notDates() {
		for (String text : List.of("", "2024-13-01", "2024-02-30", "2023-02-29", "2024年5月", "立即", "5/3", "12345",
				"2024-05-03X", "99999", "20241301")) {
			assertThat(ListDates.parse(text)).as(text).isNull();
		}
		assertThat(ListDates.parse("2024-02-29")).isEqualTo("2024-02-29");
	}

	@Test
	void amountsAsTyped() {
		assertThat(Amounts.parse("1.5")).isEqualTo("1.5");
		assertThat(Amounts.parse("１.５")).isEqualTo("1.5");
		assertThat(Amounts.parse("1,234.50")).isEqualTo("1234.5");
		assertThat(Amounts.parse("1，234")).isEqualTo("1234");
		assertThat(Amounts.parse("3万元")).isEqualTo("3");
		assertThat(Amounts.parse(" 0.8 万 ")).isEqualTo("0.8");
		assertThat(Amounts.parse("/")).isEqualTo("0");
		assertThat(Amounts.parse("无")).isEqualTo("0");
		assertThat(Amounts.parse("-2")).isEqualTo("-2"); // a number; the reader rejects
															// it as negative
		assertThat(Amounts.parse("约3万")).isNull();
		assertThat(Amounts.parse("三万元")).isNull();
		assertThat(Amounts.parse("")).isNull();
	}

	@Test
	void enterpriseNameMatchKeys() {
		assertThat(EnterpriseNames.matchKey("某某化工（集团） 有限责任公司")).isEqualTo(EnterpriseNames.matchKey("某某化工(集团)有限公司"))
			.isEqualTo("某某化工(集团)有限公司");
		assertThat(EnterpriseNames.matchKey("ＡＢＣ 建材　厂")).isEqualTo("ABC建材厂");
		assertThat(EnterpriseNames.matchKey("【新场】五金厂")).isEqualTo("(新场)五金厂");
		assertThat(EnterpriseNames.matchKey("甲公司")).isNotEqualTo(EnterpriseNames.matchKey("乙公司"));
		assertThat(EnterpriseNames.matchKey(null)).isEmpty();
	}

	@Test
	void violationsSplitIntoItems() {
		assertThat(Items.split("1. 消防通道堵塞 2. 灭火器过期 3. 未开展培训")).containsExactly("消防通道堵塞", "灭火器过期", "未开展培训");
		assertThat(Items.split("1、消防通道堵塞；2、灭火器过期；")).containsExactly("消防通道堵塞", "灭火器过期");
		assertThat(Items.split("(1)消防通道堵塞（2）灭火器过期")).containsExactly("消防通道堵塞", "灭火器过期");
		assertThat(Items.split("①消防通道堵塞②灭火器过期")).containsExactly("消防通道堵塞", "灭火器过期");
		assertThat(Items.split("消防通道堵塞\n灭火器过期\r\n\n未开展培训")).containsExactly("消防通道堵塞", "灭火器过期", "未开展培训");
		assertThat(Items.split("1.护栏高度不足1.2米 2.配电箱未接地")).containsExactly("护栏高度不足1.2米", "配电箱未接地");
		assertThat(Items.split("1.消防通道堵塞2.灭火器过期")).containsExactly("消防通道堵塞", "灭火器过期");
		assertThat(Items.split("1.涉及3、4号车间的通道堵塞 2.灭火器过期")).containsExactly("涉及3、4号车间的通道堵塞", "灭火器过期");
		assertThat(Items.split("未按规定佩戴安全帽")).containsExactly("未按规定佩戴安全帽");
		assertThat(Items.split("未发现违法行为")).as("nothing found is no item").isEmpty();
		assertThat(Items.split(" 无 ")).isEmpty();
		assertThat(Items.split("/")).isEmpty();
		assertThat(Items.split("  ")).isEmpty();
	}

}

package org.anjian.readers.lists;

import java.text.Normalizer;

import org.anjian.readers.forms.HeaderText;

/**
 * Enterprise names (企业名称) compared by what they mean. The name is always stored as
 * written; the match key only decides whether two spellings are the same enterprise.
 */
public final class EnterpriseNames {

	private EnterpriseNames() {
	}

	/**
	 * Full-width → half-width (NFKC), every whitespace removed, brackets unified to ( ),
	 * and “有限责任公司” read as “有限公司”: “某某化工（集团） 有限责任公司” and “某某化工(集团)有限公司” give the same
	 * key. Null gives "".
	 */
	public static String matchKey(String name) {
		if (name == null) {
			return "";
		}
		String key = HeaderText.normalise(Normalizer.normalize(name, Normalizer.Form.NFKC));
		return key.replace("有限责任公司", "有限公司");
	}

}

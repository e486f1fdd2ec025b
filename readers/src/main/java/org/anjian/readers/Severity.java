package org.anjian.readers;

/**
 * How a finding weighs: an error rejects the file (强制性审核), a warning only annotates it
 * (提示性审核).
 */
public enum Severity {

	ERROR, WARNING;

	/** The value stored in {@code audit_issue.severity}. */
	public String code() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}

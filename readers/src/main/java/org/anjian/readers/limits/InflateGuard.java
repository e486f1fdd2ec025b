package org.anjian.readers.limits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes one zip part inflates to, against
 * {@link ReaderLimits#maxUnpackedBytes()} (shared by the parts of one {@link Budget}) and
 * {@link ReaderLimits#maxInflateRatio()} (this part's inflated / compressed size, judged
 * past the first megabyte: small XML compresses well and is harmless). Measured while the
 * bytes flow, never taken from the zip headers, which a bomb can fake. A part over a
 * limit stops with a {@link ZipBombException}, an IOException (the one kind a parser lets
 * through) carrying the {@link ReaderLimitException}.
 *
 * <p>
 * {@link OoxmlPrescan} runs every part of a package through one before a workbook is
 * read; a list's sheets, too large to inflate twice, run through one while they are
 * streamed ({@code XlsxWorkbook}).
 */
public final class InflateGuard extends FilterInputStream {

	/** Below this a part's ratio is not judged. */
	static final long RATIO_GRACE_BYTES = 1024 * 1024;

	private final String part;

	private final long compressedSize;

	private final ReaderLimits limits;

	private final Budget budget;

	private long count;

	/** What the parts of one package may inflate to together. */
	public static final class Budget {

		long used;

	}

	/**
	 * @param part the part's name in the package, for the message
	 * @param compressedSize the part's compressed size from the zip (≤ 0 when unknown:
	 * the ratio is not judged)
	 */
	public InflateGuard(InputStream in, String part, long compressedSize, ReaderLimits limits, Budget budget) {
		super(in);
		this.part = part;
		this.compressedSize = compressedSize;
		this.limits = limits;
		this.budget = budget;
	}

	/** A part of its own, with a budget of its own. */
	public InflateGuard(InputStream in, String part, long compressedSize, ReaderLimits limits) {
		this(in, part, compressedSize, limits, new Budget());
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			add(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			add(n);
		}
		return n;
	}

	/** Skips by reading: what is skipped still inflates and still counts. */
	@Override
	public long skip(long n) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		long skipped = 0;
		int read;
		while (skipped < n && (read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped))) > 0) {
			skipped += read;
		}
		return skipped;
	}

	void skipAll() throws IOException {
		skip(Long.MAX_VALUE);
	}

	private void add(int n) throws ZipBombException {
		count += n;
		budget.used += n;
		if (budget.used > limits.maxUnpackedBytes()) {
			throw new ZipBombException(tooLarge(limits));
		}
		if (count > RATIO_GRACE_BYTES && compressedSize > 0 && count / compressedSize > limits.maxInflateRatio()) {
			throw new ZipBombException(new ReaderLimitException(ReaderLimits.ZIP_BOMB,
					"Excel 文件内部部件 " + part + " 的压缩比超过 " + limits.maxInflateRatio() + " 倍的上限，疑似恶意压缩包（“压缩炸弹”），拒收"));
		}
	}

	/** The package inflates beyond {@link ReaderLimits#maxUnpackedBytes()} in all. */
	static ReaderLimitException tooLarge(ReaderLimits limits) {
		return new ReaderLimitException(ReaderLimits.ZIP_BOMB,
				"Excel 文件解压后超过 " + ReaderLimits.size(limits.maxUnpackedBytes()) + " 的上限，疑似恶意压缩包（“压缩炸弹”），拒收");
	}

	/** Carries a limit through a parser, which only lets IOExceptions out. */
	public static final class ZipBombException extends IOException {

		ZipBombException(ReaderLimitException limit) {
			super(limit.getMessage(), limit);
		}

		public ReaderLimitException limit() {
			return (ReaderLimitException) getCause();
		}

	}

}

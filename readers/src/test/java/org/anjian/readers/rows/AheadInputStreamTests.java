package org.anjian.readers.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class AheadInputStreamTests {

	@Test
	void sameBytesWhateverTheSizes() throws Exception {
		for (int size : new int[] { 0, 1, AheadInputStream.CHUNK_BYTES - 1, AheadInputStream.CHUNK_BYTES,
				AheadInputStream.CHUNK_BYTES * AheadInputStream.CHUNKS * 3 + 17 }) {
			byte[] data = new byte[size];
			new Random(size).nextBytes(data);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (InputStream in = new AheadInputStream(new ByteArrayInputStream(data), "t")) {
				// mixed reads: single bytes and odd-sized blocks
				byte[] block = new byte[1000];
				for (int b; (b = in.read()) >= 0;) {
					out.write(b);
					int n = in.read(block, 0, block.length);
					if (n < 0) {
						break;
					}
					out.write(block, 0, n);
				}
				assertThat(in.read()).isEqualTo(-1);
			}
			assertThat(out.toByteArray()).isEqualTo(data);
		}
	}

	@Test
	void failureComesAfterTheDataBeforeIt() throws Exception {
		IOException broken = new IOException("broken");
		int good = AheadInputStream.CHUNK_BYTES * 2 + 5;
		InputStream failing = new InputStream() {
			int served;

			@Override
			public int read() throws IOException {
				if (served == good) {
					throw broken;
				}
				served++;
				return 7;
			}
		};
		try (InputStream in = new AheadInputStream(failing, "t")) {
			byte[] data = in.readNBytes(good);
			assertThat(data).hasSize(good).containsOnly(7);
			assertThatThrownBy(in::read).isSameAs(broken);
		}
	}

	@Test
	void closeEarlyStopsTheThreadAndClosesTheSource() throws Exception {
		AtomicBoolean closed = new AtomicBoolean();
		InputStream endless = new InputStream() {
			@Override
			public int read() {
				return 1;
			}

			@Override
			public void close() {
				closed.set(true);
			}
		};
		InputStream in = new AheadInputStream(endless, "t");
		assertThat(in.read()).isEqualTo(1);
		in.close();
		assertThat(closed).isTrue();
		assertThatThrownBy(in::read).isInstanceOf(IOException.class);
	}

}

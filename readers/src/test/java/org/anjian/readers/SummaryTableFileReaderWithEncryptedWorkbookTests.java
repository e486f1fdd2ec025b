package org.anjian.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks with an opening password: FILE_UNREADABLE, saying the file is encrypted. */
class SummaryTableFileReaderWithEncryptedWorkbookTests {

	@TempDir
	Path dir;

	@Test
	void reportsAPasswordProtectedXlsxAsEncrypted() throws IOException, GeneralSecurityException {
		// given
		XSSFWorkbook workbook = new XSSFWorkbook();
		TestWorkbooks.header(workbook.createSheet("Sheet1"), 0, "行业部门", TestWorkbooks.F000_COLUMNS);
		Path plain = TestWorkbooks.write(workbook, dir.resolve("plain.xlsx"));
		Path file = dir.resolve("加密.xlsx");
		try (POIFSFileSystem fs = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream encrypted = encryptor.getDataStream(fs)) {
				Files.copy(plain, encrypted);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				fs.writeFilesystem(out);
			}
		}

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertUnreadableBecauseEncrypted(read, "加密.xlsx");
	}

	@Test
	void reportsAPasswordProtectedXlsAsEncrypted() throws IOException {
		// given
		Path file = dir.resolve("加密.xls");
		Biff8EncryptionKey.setCurrentUserPassword("secret");
		try {
			HSSFWorkbook workbook = new HSSFWorkbook();
			TestWorkbooks.header(workbook.createSheet("Sheet1"), 0, "行业部门", TestWorkbooks.F000_COLUMNS);
			TestWorkbooks.write(workbook, file);
		}
		finally {
			Biff8EncryptionKey.setCurrentUserPassword(null);
		}

		// when
		SubmissionRead read = new SummaryTableFileReader().read(file);

		// then
		assertUnreadableBecauseEncrypted(read, "加密.xls");
	}

	private static void assertUnreadableBecauseEncrypted(SubmissionRead read, String fileName) {
		assertThat(read.hasTable()).isFalse();
		assertThat(read.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.rule()).isEqualTo("FILE_UNREADABLE");
			assertThat(finding.isError()).isTrue();
			assertThat(finding.message()).contains("文件已加密或设置了打开密码").contains(fileName);
		});
	}

}

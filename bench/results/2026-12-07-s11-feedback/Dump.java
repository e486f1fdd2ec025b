import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.*;

/** A canonical text of what a workbook shows, read back by POI; compares two folders of outputs. */
public class Dump {
	public static void main(String[] a) throws Exception {
		List<String> names;
		try (Stream<Path> s = Files.list(Path.of(a[0]))) { names = s.map(p -> p.getFileName().toString()).sorted().toList(); }
		int same = 0, differ = 0;
		for (String n : names) {
			String x = dump(Path.of(a[0], n)), y = dump(Path.of(a[1], n));
			if (x.equals(y)) same++; else { differ++; if (differ <= 2) { Files.writeString(Path.of("/tmp/fb/d1-" + n + ".txt"), x); Files.writeString(Path.of("/tmp/fb/d2-" + n + ".txt"), y); } }
		}
		System.out.println("same " + same + " differ " + differ);
		if (a.length > 2) System.out.println(dump(Path.of(a[0], names.get(0))));
	}

	static String dump(Path f) throws Exception {
		StringBuilder b = new StringBuilder();
		DataFormatter fmt = new DataFormatter();
		try (XSSFWorkbook wb = new XSSFWorkbook(f.toFile())) {
			b.append("active ").append(wb.getActiveSheetIndex()).append(" first ").append(wb.getFirstVisibleTab()).append('\n');
			for (Name nm : wb.getAllNames()) b.append("name ").append(nm.getNameName()).append(' ').append(nm.getRefersToFormula()).append(' ').append(nm.getSheetIndex()).append('\n');
			for (int i = 0; i < wb.getNumberOfSheets(); i++) {
				XSSFSheet sh = wb.getSheetAt(i);
				b.append("sheet ").append(sh.getSheetName()).append(" hidden ").append(wb.isSheetHidden(i)).append(" selected ").append(sh.isSelected())
					.append(" pane ").append(sh.getPaneInformation() == null ? "-" : sh.getPaneInformation().getHorizontalSplitPosition() + "," + sh.getPaneInformation().getVerticalSplitPosition())
					.append(" fit ").append(sh.getFitToPage()).append(' ').append(sh.getPrintSetup().getLandscape()).append(' ').append(sh.getPrintSetup().getPaperSize())
					.append(' ').append(sh.getPrintSetup().getFitWidth()).append(' ').append(sh.getPrintSetup().getFitHeight()).append(" rep ").append(sh.getRepeatingRows()).append('\n');
				b.append("merged ").append(sh.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList()).append('\n');
				for (int c = 0; c < 40; c++) b.append(sh.getColumnWidth(c)).append(sh.isColumnHidden(c) ? "h" : "").append(' ');
				b.append('\n');
				for (Row r : sh) {
					b.append(" row ").append(r.getRowNum()).append(' ').append(r.getHeight()).append(r.getZeroHeight() ? " zero" : "").append('\n');
					for (Cell c : r) {
						XSSFCellStyle st = (XSSFCellStyle) c.getCellStyle();
						b.append("  ").append(c.getAddress()).append(' ').append(c.getCellType()).append(" [").append(fmt.formatCellValue(c)).append("] ");
						if (c.getCellType() == CellType.NUMERIC) b.append(c.getNumericCellValue()).append(' ');
						XSSFColor fg = st.getFillForegroundColorColor();
						XSSFFont font = st.getFont();
						b.append("fill ").append(st.getFillPattern()).append(' ').append(fg == null ? "-" : fg.getARGBHex())
							.append(" font ").append(font.getFontName()).append(' ').append(font.getFontHeight()).append(font.getBold() ? " b" : "").append(font.getItalic() ? " i" : "").append(' ').append(font.getUnderline())
							.append(" al ").append(st.getAlignment()).append(' ').append(st.getVerticalAlignment()).append(st.getWrapText() ? " wrap" : "")
							.append(" bd ").append(st.getBorderTop()).append(st.getBorderBottom()).append(st.getBorderLeft()).append(st.getBorderRight())
							.append(" fmt ").append(st.getDataFormatString()).append(" rot ").append(st.getRotation());
						Comment cm = c.getCellComment();
						if (cm != null) {
							ClientAnchor an = cm.getClientAnchor();
							b.append(" comment [").append(cm.getString().getString()).append("] by ").append(cm.getAuthor()).append(" at ")
								.append(an.getCol1()).append(',').append(an.getRow1()).append(',').append(an.getCol2()).append(',').append(an.getRow2()).append(cm.isVisible() ? " visible" : "");
						}
						b.append('\n');
					}
				}
				b.append("comments ").append(sh.getCellComments().size()).append('\n');
			}
		}
		return b.toString();
	}
}

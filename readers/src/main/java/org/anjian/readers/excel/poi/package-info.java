/**
 * The only place that knows Apache POI, and only for .xls (BIFF8) and OLE2 files:
 * {@code PoiGridReader} reads a summary table's .xls through the HSSF user model and
 * tells what an OLE2 file holds; {@code XlsWorkbook} streams an .xls row by row through
 * POI's record stream (lists, sniffing). An .xlsx is read by the own OOXML reader in
 * {@code rows}.
 */
package org.anjian.readers.excel.poi;

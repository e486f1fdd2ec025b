package org.anjian.readers.rows;

/**
 * A sheet of a workbook as the workbook lists it.
 *
 * @param index 0-based position in workbook order
 * @param name sheet name
 * @param hidden hidden or very hidden
 */
public record SheetInfo(int index, String name, boolean hidden) {
}

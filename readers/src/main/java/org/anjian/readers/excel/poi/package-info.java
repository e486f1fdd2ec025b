/**
 * The only place that knows Apache POI: turns .xlsx/.xls workbooks into library-neutral
 * grids.
 */
package org.anjian.readers.excel.poi;

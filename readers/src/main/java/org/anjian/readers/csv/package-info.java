/**
 * CSV submissions (UTF-8 with or without BOM, GBK/GB18030; comma, semicolon or tab) as
 * library-neutral grids.
 */
package org.anjian.readers.csv;

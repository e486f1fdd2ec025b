/**
 * Library-neutral sheet content (cell texts, merged regions, hidden rows) that the table
 * locator works on.
 */
package org.anjian.readers.grid;

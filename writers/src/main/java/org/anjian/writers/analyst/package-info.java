/**
 * The analysts' read-only warehouse snapshot, its documented views and the generated data
 * dictionary.
 */
package org.anjian.writers.analyst;

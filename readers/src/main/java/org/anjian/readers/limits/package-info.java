/**
 * How much a submission file may ask of the reader: sizes, counts, time.
 * {@link org.anjian.readers.limits.ReaderLimits} holds the settings; the pre-scans check
 * a file before a library builds it in memory;
 * {@link org.anjian.readers.limits.TimeLimitedReader} bounds time and contains errors per
 * file.
 */
package org.anjian.readers.limits;

/**
 * Form variants (F-000, F-001, F-003-II …) as configuration: measures, header synonyms,
 * row rules.
 */
package org.anjian.readers.forms;

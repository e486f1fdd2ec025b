/**
 * The workbench's print-ready reports (月通报, 重大隐患督办): titled tables written as an
 * A4-landscape .xlsx or a CSV; what the tables hold is the workbench's (jobs) business.
 */
package org.anjian.writers.reports;

package io.semisyncsim.binlog;

import java.util.List;

/**
 * How a flavour's row-format events are laid out, from the tables' own columns: one Table_map and one rows
 * event per statement, their sizes from the column types and the row images, and (MariaDB) an
 * Annotate_rows event with the statement before them. A binary log without one ({@link BinaryLog}) writes
 * the fixed sizes of {@link EventSizes}, one rows event per row.
 */
public interface RowFormat {

    /** Whether an Annotate_rows event with the statement's text comes first (binlog_annotate_row_events). */
    boolean annotates();

    /** The Annotate_rows event of a statement. */
    int annotateRows(String statement);

    /** The Table_map event of the table {@code change} is in; -1 when the table is not known here. */
    int tableMap(Transaction.RowChange change);

    /** The rows event of one statement's changes, all of one table and kind; -1 when the table is not known. */
    int rows(List<Transaction.RowChange> statement);
}

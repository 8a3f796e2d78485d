package io.semisyncsim.binlog;

import java.util.List;

/** Binlog layouts for the binlog package's tests, so they need no flavour table. */
final class Layouts {
    private Layouts() {
    }

    /**
     * MySQL 8.0, row format: a file's first transaction starts at 157 (4 + Format_description 122 +
     * Previous_gtids 31); a one-row INSERT is Gtid 79, BEGIN 75, Table_map 52, Write_rows 52, Xid 31.
     */
    static final EventSizes MYSQL_ROW = new EventSizes("binlog", 122,
            List.of(new EventSizes.Header(EventType.PREVIOUS_GTIDS, 31, false)),
            List.of(new EventSizes.Header(EventType.PREVIOUS_GTIDS, 31, false)),
            79, true, 66, 78, 0, 0, 52, 40, 12, 31, 32, 31, 23, new EventSizes.GtidSizes(86, 24, 16, 0, 0));

    /** MariaDB's headers: Gtid_list 29, then Binlog_checkpoint 27 plus the file name it names. */
    static final EventSizes MARIADB_ROW = new EventSizes("mysql-bin", 122,
            List.of(new EventSizes.Header(EventType.GTID_LIST, 29, false),
                    new EventSizes.Header(EventType.BINLOG_CHECKPOINT, 27, true)),
            List.of(new EventSizes.Header(EventType.GTID_LIST, 29, false)),
            79, true, 66, 78, 0, 0, 52, 40, 12, 31, 32, 31, 23, new EventSizes.GtidSizes(86, 24, 16, 0, 0));
}

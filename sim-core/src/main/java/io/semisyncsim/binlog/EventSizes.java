package io.semisyncsim.binlog;

/** Event sizes of a flavour's binlog (flavors.conf {@code binlog}). */
public record EventSizes(String basename, long firstEventPos, int gtid, int begin, int tableMap, int rowsBase,
                         int rowBytes, int xid, int rotateBase) {
}

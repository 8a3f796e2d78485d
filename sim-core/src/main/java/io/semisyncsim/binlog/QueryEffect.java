package io.semisyncsim.binlog;

/**
 * What a Query event (DDL, CREATE USER, GRANT...) does to the data of the node that applies it: the
 * source at its engine commit, each replica's SQL thread when it reaches the event. The binlog only
 * carries it; the node's store knows the kinds.
 */
public interface QueryEffect {
}

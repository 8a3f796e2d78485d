package io.semisyncsim.server;

import io.semisyncsim.binlog.QueryEffect;

/**
 * What a FLUSH statement written to the binary log does where it is applied: the reload_acl_and_cache
 * option it carries (sql_reload.cc). A replica's SQL thread runs the statement as its own client would,
 * so it resets what the replica's own FLUSH STATUS resets (REFRESH_STATUS -> refresh_status) and
 * rotates its own relay log for FLUSH RELAY LOGS (REFRESH_RELAY_LOG, which MySQL writes to the binary log).
 */
public enum Refresh implements QueryEffect {
    /** FLUSH STATUS. */
    STATUS,
    /** FLUSH RELAY LOGS, as MySQL logs it. */
    RELAY_LOG,
    /** FLUSH ERROR, ENGINE, GENERAL or SLOW LOGS (REFRESH_ERROR_LOG ...): files the model does not keep. */
    UNKEPT_LOGS
}

package io.semisyncsim.net;

/** A packet on its way: it reaches {@code to} at virtual time {@code time} on connection {@code connection}. */
public record Delivery(long time, long connection, String from, String to, Object payload) {
}

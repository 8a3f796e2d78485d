package io.semisyncsim.net;

import io.semisyncsim.kernel.RandomStreams;
import io.semisyncsim.kernel.SimRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TCP-like connections between nodes, as a plain class: the network actor only schedules what this
 * decides. Per connection and direction packets arrive in order (a later packet never overtakes an
 * earlier one, whatever the jitter), after the link's latency and seeded jitter.
 *
 * <p>A partition is silent: nobody is told. {@link Cut#HOLD} keeps packets, as TCP retransmission
 * would, and delivers them in order after the heal; {@link Cut#DROP} loses them, and the connection
 * stays a black hole until it is closed, as one whose retransmissions gave up. A reset tells both
 * ends at once and loses what was in flight.
 */
public final class NetworkModel {

    /** What a partition does to the packets that meet it. */
    public enum Cut { HOLD, DROP }

    private record Conn(long id, String client, String server) {
        String peerOf(String end) {
            return end.equals(client) ? server : client;
        }
    }

    /** One direction of one connection: its FIFO horizon and what a partition holds. */
    private static final class Direction {
        long lastArrival;
        final ArrayDeque<Object> held = new ArrayDeque<>();
        boolean blackHole;
    }

    private final LinkSpec defaults;
    private final Map<String, LinkSpec> links = new TreeMap<>();
    private final RandomStreams random;
    private final Map<Long, Conn> connections = new TreeMap<>();
    private final Map<String, Direction> directions = new TreeMap<>();
    /** Directed cuts "a->b" and how they treat packets. */
    private final Map<String, Cut> cuts = new TreeMap<>();
    private long nextConnection = 1;

    public NetworkModel(LinkSpec defaults, RandomStreams random) {
        this.defaults = defaults;
        this.random = random;
    }

    private static String key(String from, String to) {
        return from + "->" + to;
    }

    private static String key(long conn, String from) {
        return conn + ":" + from;
    }

    /** Sets the link from {@code from} to {@code to} (one direction). */
    public void setLink(String from, String to, LinkSpec spec) {
        links.put(key(from, to), spec);
    }

    public LinkSpec link(String from, String to) {
        return links.getOrDefault(key(from, to), defaults);
    }

    public long open(String client, String server) {
        Conn c = new Conn(nextConnection++, client, server);
        connections.put(c.id(), c);
        directions.put(key(c.id(), client), new Direction());
        directions.put(key(c.id(), server), new Direction());
        return c.id();
    }

    public boolean isOpen(long connection) {
        return connections.containsKey(connection);
    }

    /** Closes a connection quietly (both ends agreed); anything in flight is lost. */
    public void close(long connection) {
        Conn c = connections.remove(connection);
        if (c != null) {
            directions.remove(key(c.id(), c.client()));
            directions.remove(key(c.id(), c.server()));
        }
    }

    /**
     * Sends {@code payload} from one end. Returns when and where it arrives, or null when a partition
     * holds or drops it (silently: the sender cannot tell).
     */
    public Delivery send(long now, long connection, String from, Object payload) {
        Conn c = connections.get(connection);
        if (c == null) {
            throw new IllegalStateException("connection " + connection + " is closed");
        }
        String to = c.peerOf(from);
        Direction d = directions.get(key(connection, from));
        if (d.blackHole) {
            return null;
        }
        Cut cut = cuts.get(key(from, to));
        if (cut == Cut.DROP) {
            d.blackHole = true;
            d.held.clear();
            return null;
        }
        if (cut == Cut.HOLD || !d.held.isEmpty()) { // later packets queue behind held ones: FIFO
            d.held.addLast(payload);
            return null;
        }
        return schedule(now, c, from, to, d, payload);
    }

    private Delivery schedule(long now, Conn c, String from, String to, Direction d, Object payload) {
        LinkSpec spec = link(from, to);
        SimRandom r = random.stream("net:" + key(from, to));
        long arrival = Math.max(now + spec.latency() + r.jitter(spec.jitter()), d.lastArrival);
        d.lastArrival = arrival;
        return new Delivery(arrival, c.id(), from, to, payload);
    }

    /** Cuts traffic from every node of {@code a} to every node of {@code b} (and back, if both ways). */
    public void partition(Set<String> a, Set<String> b, boolean bothWays, Cut cut) {
        for (String x : new TreeSet<>(a)) {
            for (String y : new TreeSet<>(b)) {
                cuts.put(key(x, y), cut);
                if (bothWays) {
                    cuts.put(key(y, x), cut);
                }
            }
        }
    }

    public boolean isCut(String from, String to) {
        return cuts.containsKey(key(from, to));
    }

    /** How traffic from {@code from} to {@code to} is cut, or null when it is not. */
    public Cut cut(String from, String to) {
        return cuts.get(key(from, to));
    }

    /** Removes every cut; held packets leave now, in order, connection by connection. */
    public List<Delivery> heal(long now) {
        cuts.clear();
        List<Delivery> released = new ArrayList<>();
        for (Conn c : connections.values()) {
            for (String from : List.of(c.client(), c.server())) {
                Direction d = directions.get(key(c.id(), from));
                while (!d.held.isEmpty()) {
                    released.add(schedule(now, c, from, c.peerOf(from), d, d.held.pollFirst()));
                }
            }
        }
        return released;
    }

    /** Resets a connection: both ends are told at once (returned), in-flight packets are lost. */
    public List<String> reset(long connection) {
        Conn c = connections.get(connection);
        if (c == null) {
            return List.of();
        }
        close(connection);
        return List.of(c.client(), c.server());
    }

    /** The open connections that have {@code node} at one end, in id order. */
    public List<Long> connectionsOf(String node) {
        List<Long> out = new ArrayList<>();
        for (Conn c : connections.values()) {
            if (c.client().equals(node) || c.server().equals(node)) {
                out.add(c.id());
            }
        }
        return out;
    }

    /** The other end of a connection from {@code node}. */
    public String peer(long connection, String node) {
        return connections.get(connection).peerOf(node);
    }

    /** Packets a partition is holding on this direction of the connection. */
    public int heldPackets(long connection, String from) {
        Direction d = directions.get(key(connection, from));
        return d == null ? 0 : d.held.size();
    }
}

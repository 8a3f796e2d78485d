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

    private record Conn(long id, String client, String server, Direction fromClient, Direction fromServer) {
        String peerOf(String end) {
            return end.equals(client) ? server : client;
        }

        Direction from(String end) {
            return end.equals(client) ? fromClient : fromServer;
        }
    }

    /** One direction of one connection: its FIFO horizon and what a partition holds. */
    private static final class Direction {
        /** "from->to", the key of this direction's link and cut, built once rather than per packet. */
        final String pair;
        /** The jitter stream of the node pair (shared by its connections, as before: one per pair). */
        final SimRandom jitter;
        long lastArrival;
        final ArrayDeque<Object> held = new ArrayDeque<>();
        boolean blackHole;

        Direction(String pair, SimRandom jitter) {
            this.pair = pair;
            this.jitter = jitter;
        }
    }

    private final LinkSpec defaults;
    private final Map<String, LinkSpec> links = new TreeMap<>();
    private final RandomStreams random;
    private final Map<Long, Conn> connections = new TreeMap<>();
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

    /** Sets the link from {@code from} to {@code to} (one direction). */
    public void setLink(String from, String to, LinkSpec spec) {
        links.put(key(from, to), spec);
    }

    public LinkSpec link(String from, String to) {
        return links.getOrDefault(key(from, to), defaults);
    }

    public long open(String client, String server) {
        Conn c = new Conn(nextConnection++, client, server, direction(client, server), direction(server, client));
        connections.put(c.id(), c);
        return c.id();
    }

    private Direction direction(String from, String to) {
        String pair = key(from, to);
        return new Direction(pair, random.stream("net:" + pair));
    }

    public boolean isOpen(long connection) {
        return connections.containsKey(connection);
    }

    /** Closes a connection quietly (both ends agreed); anything in flight is lost. */
    public void close(long connection) {
        connections.remove(connection);
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
        Direction d = c.from(from);
        if (d.blackHole) {
            return null;
        }
        Cut cut = cuts.isEmpty() ? null : cuts.get(d.pair);
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
        LinkSpec spec = links.isEmpty() ? defaults : links.getOrDefault(d.pair, defaults);
        long arrival = Math.max(now + spec.latency() + d.jitter.jitter(spec.jitter()), d.lastArrival);
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
                Direction d = c.from(from);
                while (!d.held.isEmpty()) {
                    released.add(schedule(now, c, from, c.peerOf(from), d, d.held.pollFirst()));
                }
            }
        }
        return released;
    }

    /**
     * Removes the cut from {@code from} to {@code to} (and back, if both ways), leaving every other cut;
     * what the healed directions held leaves now, in order, connection by connection.
     */
    public List<Delivery> heal(long now, String from, String to, boolean bothWays) {
        cuts.remove(key(from, to));
        if (bothWays) {
            cuts.remove(key(to, from));
        }
        List<Delivery> released = new ArrayList<>();
        for (Conn c : connections.values()) {
            for (String end : List.of(c.client(), c.server())) {
                Direction d = c.from(end);
                while (!d.held.isEmpty() && !cuts.containsKey(d.pair)) {
                    released.add(schedule(now, c, end, c.peerOf(end), d, d.held.pollFirst()));
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
        Conn c = connections.get(connection);
        return c == null ? 0 : c.from(from).held.size();
    }
}

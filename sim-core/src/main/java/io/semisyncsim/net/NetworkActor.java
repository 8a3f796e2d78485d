package io.semisyncsim.net;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import io.semisyncsim.kernel.SimKernel;
import io.semisyncsim.trace.Trace;
import io.semisyncsim.trace.TraceValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The network as an actor: turns commands into calls on {@link NetworkModel} and its decisions into
 * deliveries at virtual arrival times. Each connection end is bound to the actor that owns it (an I/O
 * thread, a dump thread); a node's mysqld receives what arrives on unbound ends.
 */
public final class NetworkActor {
    private NetworkActor() {
    }

    public sealed interface Command {
    }

    /** The end of one direction of a connection (TCP FIN), queued behind the data sent before it. */
    private enum Fin implements Packet.Payload {
        INSTANCE
    }

    /**
     * A node's mysqld, which receives new connections; {@code up} false while it is down. {@code silent}:
     * it went down with its machine, so no FIN reaches its peers (a process crash closes its sockets).
     */
    public record NodeState(String node, ActorRef<Packet> mysqld, boolean up, boolean silent) implements Command {
    }

    /**
     * A node's mysqld closed its listening socket (a clean shutdown's first act): connects to it are
     * refused from now on, while its open connections go on; its next start listens again.
     */
    public record StopListening(String node) implements Command {
    }

    /**
     * A client connects to {@code server}; {@code owner} gets Connected or ConnectFailed for this
     * {@code attempt}, or nothing while a partition swallows the handshake.
     */
    public record Connect(long attempt, String client, String server, ActorRef<Packet> owner) implements Command {
    }

    /** The actor that owns a connection's end on {@code node} from now on (a dump thread, say). */
    public record Bind(long connection, String node, ActorRef<Packet> owner) implements Command {
    }

    /**
     * Another actor reads what arrives on the end, while the owner still writes and is told when the
     * peer closes: the source's ACK receiver thread reads a semisync dump's connection.
     */
    public record BindReader(long connection, String node, ActorRef<Packet> reader) implements Command {
    }

    public record Send(long connection, String from, Packet.Payload payload) implements Command {
    }

    /** The owner closes its end (FIN): the peer learns on its next read or write. */
    public record Close(long connection, String by) implements Command {
    }

    public record Partition(Set<String> a, Set<String> b, boolean bothWays, NetworkModel.Cut cut) implements Command {
    }

    public record Heal() implements Command {
    }

    /** Heals the cut from {@code a} to {@code b} (and back, if both ways); other cuts stay. */
    public record HealLink(String a, String b, boolean bothWays) implements Command {
    }

    /**
     * A node's process is frozen (or thawed). The OS would finish a TCP handshake, but a MySQL connect
     * needs the server's greeting packet, so connects to a frozen node wait for the thaw.
     */
    public record Frozen(String node, boolean frozen) implements Command {
    }

    /** Resets every connection between two nodes: both ends told at once. */
    public record Reset(String a, String b) implements Command {
    }

    public record SetLink(String from, String to, LinkSpec spec) implements Command {
    }

    private record Arrive(Delivery delivery) implements Command {
    }

    /** One end of a connection: the connection and the node at that end. */
    private record End(long connection, String node) {
    }

    private record Tell(ActorRef<Packet> to, Packet packet) implements Command {
    }

    public static Behavior<Command> create(NetworkModel model, Trace trace, LongSupplier clock) {
        return Behaviors.setup(ctx -> new NetworkActor.State(ctx, model, trace, clock).behavior());
    }

    private static final class State {
        private final ActorContext<Command> ctx;
        private final NetworkModel model;
        private final Trace trace;
        private final LongSupplier clock;
        private final Map<String, ActorRef<Packet>> mysqld = new TreeMap<>();
        private final Set<String> down = new TreeSet<>();
        private final Set<String> frozen = new TreeSet<>();
        /** Nodes whose mysqld no longer listens (shutting down): a connect to them is refused. */
        private final Set<String> notListening = new TreeSet<>();
        // "conn:node" -> owner. Kept after a close so that a late write on a dead connection is answered.
        /** Who reads each end of a connection; looked up per packet, never iterated (so a HashMap). */
        private final Map<End, ActorRef<Packet>> owners = new HashMap<>();
        /** Who reads an end when that is not its owner; looked up per packet, never iterated. */
        private final Map<End, ActorRef<Packet>> readers = new HashMap<>();
        /**
         * Connections whose other end went with its machine, by connection: the dead node's name. What is
         * sent to it vanishes while it is down; once it is up again it answers with a reset.
         */
        private final Map<Long, String> silentlyDead = new TreeMap<>();
        /** Handshakes a HOLD partition keeps: TCP retransmits the SYN, so they complete after the heal. */
        private final java.util.List<Connect> heldConnects = new java.util.ArrayList<>();
        /**
         * Connections the server's OS took whose server has heard nothing from the client yet, by connection:
         * the server's node. A FIN then reaches the server's thread that waits for the login.
         */
        private final Map<Long, String> unheard = new TreeMap<>();

        State(ActorContext<Command> ctx, NetworkModel model, Trace trace, LongSupplier clock) {
            this.ctx = ctx;
            this.model = model;
            this.trace = trace;
            this.clock = clock;
        }

        /**
         * One dispatch method rather than Akka's ReceiveBuilder, which allocates on every message: the
         * network handles two messages per packet (docs/PERFORMANCE.md). Per-packet messages first.
         */
        Behavior<Command> behavior() {
            return Behaviors.receiveMessage(this::onCommand);
        }

        private Behavior<Command> onCommand(Command m) {
            if (m instanceof Send s) {
                return send(s);
            } else if (m instanceof Arrive a) {
                return arrive(a);
            } else if (m instanceof Tell t) {
                t.to().tell(t.packet());
            } else if (m instanceof NodeState s) {
                return nodeState(s);
            } else if (m instanceof Connect c) {
                return connect(c);
            } else if (m instanceof Bind b) {
                owners.put(new End(b.connection(), b.node()), b.owner());
            } else if (m instanceof BindReader b) {
                readers.put(new End(b.connection(), b.node()), b.reader());
            } else if (m instanceof Close c) {
                return close(c);
            } else if (m instanceof Partition p) {
                model.partition(p.a(), p.b(), p.bothWays(), p.cut());
                trace.record("network", "network", "partition", "a", String.join(",", new TreeSet<>(p.a())),
                        "b", String.join(",", new TreeSet<>(p.b())), "both_ways", p.bothWays(), "cut", p.cut().name());
            } else if (m instanceof Heal) {
                trace.record("network", "network", "heal");
                for (Delivery d : model.heal(now())) {
                    schedule(d);
                }
                retryHeldConnects();
            } else if (m instanceof HealLink h) {
                trace.record("network", "network", "heal", "a", h.a(), "b", h.b(), "both_ways", h.bothWays());
                for (Delivery d : model.heal(now(), h.a(), h.b(), h.bothWays())) {
                    schedule(d);
                }
                retryHeldConnects();
            } else if (m instanceof Reset r) {
                return reset(r);
            } else if (m instanceof StopListening l) {
                notListening.add(l.node());
            } else if (m instanceof Frozen f) {
                if (f.frozen()) {
                    frozen.add(f.node());
                } else {
                    frozen.remove(f.node());
                    retryHeldConnects();
                }
            } else if (m instanceof SetLink l) {
                model.setLink(l.from(), l.to(), l.spec());
                trace.record("network", "network", "link", "from", l.from(), "to", l.to(),
                        "latency_us", l.spec().latency(), "jitter_us", l.spec().jitter());
            } else {
                return Behaviors.unhandled();
            }
            return Behaviors.same();
        }

        private void retryHeldConnects() {
            List<Connect> retried = new java.util.ArrayList<>(heldConnects);
            heldConnects.clear();
            for (Connect c : retried) {
                connect(c);
            }
        }

        private long now() {
            return clock.getAsLong();
        }

        private Behavior<Command> nodeState(NodeState s) {
            mysqld.put(s.node(), s.mysqld());
            if (s.up()) {
                down.remove(s.node());
                notListening.remove(s.node());
                return Behaviors.same();
            }
            down.add(s.node());
            for (long c : model.connectionsOf(s.node())) {
                unheard.remove(c, s.node()); // the server is gone, and its threads that waited for logins
            }
            if (s.silent()) {
                // The machine is gone: no FIN; each peer finds out by its own timeout, or by a reset once
                // the machine is back and the peer writes.
                for (long c : model.connectionsOf(s.node())) {
                    silentlyDead.put(c, s.node());
                    owners.remove(new End(c, s.node()));
                    readers.remove(new End(c, s.node()));
                }
                return Behaviors.same();
            }
            // The process is gone: its OS closes every socket; each peer reads what was on its way first,
            // then the FIN.
            for (long c : model.connectionsOf(s.node())) {
                fin(c, s.node());
            }
            return Behaviors.same();
        }

        private Behavior<Command> connect(Connect c) {
            long rtt = model.link(c.client(), c.server()).latency() + model.link(c.server(), c.client()).latency();
            NetworkModel.Cut there = model.cut(c.client(), c.server());
            NetworkModel.Cut back = model.cut(c.server(), c.client());
            if (there != null || back != null) {
                trace.record(c.client(), "network", "connect", "to", c.server(), "attempt", c.attempt(),
                        "result", "no answer");
                if (there != NetworkModel.Cut.DROP && back != NetworkModel.Cut.DROP) {
                    heldConnects.add(c); // the client's own connect timeout may give up first
                }
                return Behaviors.same();
            }
            if (frozen.contains(c.server())) {
                trace.record(c.client(), "network", "connect", "to", c.server(), "attempt", c.attempt(),
                        "result", "no greeting");
                later(rtt, c.owner(), new Packet.Established(c.attempt())); // the OS accepted it
                heldConnects.add(c); // the client's own connect timeout may give up first
                return Behaviors.same();
            }
            if (!mysqld.containsKey(c.server())) { // the resolver answers at once: no host of that name
                trace.record(c.client(), "network", "connect", "to", c.server(), "attempt", c.attempt(),
                        "result", "unknown host");
                later(0, c.owner(), new Packet.ConnectFailed(c.attempt(), Packet.ConnectFailed.UNKNOWN_HOST));
                return Behaviors.same();
            }
            if (down.contains(c.server()) || notListening.contains(c.server())) {
                trace.record(c.client(), "network", "connect", "to", c.server(), "attempt", c.attempt(),
                        "result", "refused");
                later(rtt, c.owner(), new Packet.ConnectFailed(c.attempt(), 111));
                return Behaviors.same();
            }
            long id = model.open(c.client(), c.server());
            owners.put(new End(id, c.client()), c.owner());
            unheard.put(id, c.server());
            trace.record(c.client(), "network", "connect", "to", c.server(), "attempt", c.attempt(), "connection", id,
                    "result", "ok");
            later(rtt, c.owner(), new Packet.Connected(id, c.attempt()));
            return Behaviors.same();
        }

        private Behavior<Command> send(Send s) {
            String dead = silentlyDead.isEmpty() ? null : silentlyDead.get(s.connection());
            if (dead != null && !dead.equals(s.from())) {
                String peer = s.from();
                if (down.contains(dead)) {
                    trace.record(peer, "network", "send", "to", dead, "connection", s.connection(),
                            "what", what(s.payload()), "arrives", null); // into a machine with no power
                    return Behaviors.same();
                }
                // The machine is back and has no such connection: its TCP answers with a reset.
                silentlyDead.remove(s.connection());
                model.close(s.connection());
                trace.record(peer, "network", "reset", "connection", s.connection(), "a", peer, "b", dead);
                ActorRef<Packet> owner = owners.get(new End(s.connection(), peer));
                if (owner != null) {
                    long rtt = model.link(peer, dead).latency() + model.link(dead, peer).latency();
                    later(rtt, owner, new Packet.PeerClosed(s.connection(), true));
                }
                return Behaviors.same();
            }
            if (!model.isOpen(s.connection())) {
                ActorRef<Packet> owner = owners.get(new End(s.connection(), s.from()));
                if (owner != null) {
                    // The peer's socket is gone: its TCP answers this write with a reset (told at once rather than
                    // after the round trip: no model yet needs that gap).
                    owner.tell(new Packet.PeerClosed(s.connection(), true));
                }
                // A socket another thread polls (a source's ACK receiver) sees that reset too.
                ActorRef<Packet> reader = readers.isEmpty() ? null : readers.get(new End(s.connection(), s.from()));
                if (reader != null && reader != owner) {
                    reader.tell(new Packet.PeerClosed(s.connection(), true));
                }
                return Behaviors.same();
            }
            Delivery d = model.send(now(), s.connection(), s.from(), s.payload());
            String to = model.peer(s.connection(), s.from());
            Long arrives = d == null ? null : d.time();
            Packet.Payload p = s.payload();
            trace.record(s.from(), "network", "send", withPackets(p, "to", to, "connection", s.connection(),
                    "what", what(p), "pos", position(p), "arrives", arrives));
            if (d != null) {
                schedule(d);
            }
            return Behaviors.same();
        }

        private Behavior<Command> close(Close c) {
            if (model.isOpen(c.connection())) {
                trace.record(c.by(), "network", "close", "connection", c.connection());
                fin(c.connection(), c.by());
            }
            return Behaviors.same();
        }

        /**
         * {@code by} closes its end (TCP FIN): the FIN travels behind what {@code by} sent before it, so the
         * peer reads that first, then learns the connection ended. A partition holds it with the rest (or
         * drops it: the peer then finds out by its own timeouts).
         */
        private void fin(long connection, String by) {
            Delivery d = model.send(now(), connection, by, Fin.INSTANCE);
            if (d != null) {
                schedule(d);
            }
        }

        private Behavior<Command> reset(Reset r) {
            for (long c : model.connectionsOf(r.a())) {
                if (model.peer(c, r.a()).equals(r.b())) {
                    List<String> ends = model.reset(c);
                    unheard.remove(c); // reset before a word: nobody's login to wait for
                    trace.record("network", "network", "reset", "connection", c, "a", r.a(), "b", r.b());
                    for (String end : ends) {
                        ActorRef<Packet> owner = owners.get(new End(c, end));
                        if (owner != null) {
                            owner.tell(new Packet.PeerClosed(c, true));
                        }
                        // A socket another thread polls (a source's ACK receiver) sees the reset too.
                        ActorRef<Packet> reader = readers.get(new End(c, end));
                        if (reader != null && reader != owner) {
                            reader.tell(new Packet.PeerClosed(c, true));
                        }
                    }
                }
            }
            return Behaviors.same();
        }

        private void schedule(Delivery d) {
            SimKernel.tellLater(ctx, d.time() - now(), ctx.getSelf(), new Arrive(d));
        }

        private Behavior<Command> arrive(Arrive a) {
            Delivery d = a.delivery();
            if (!model.isOpen(d.connection())) {
                return Behaviors.same(); // closed while in flight: lost
            }
            if (!silentlyDead.isEmpty() && d.to().equals(silentlyDead.get(d.connection()))) {
                return Behaviors.same(); // its machine went while it was on its way
            }
            if (!unheard.isEmpty() && d.to().equals(unheard.get(d.connection()))) {
                unheard.remove(d.connection());
                if (d.payload() instanceof Fin && !down.contains(d.to())) {
                    model.close(d.connection());
                    mysqld.get(d.to()).tell(new Packet.ClosedBeforeLogin(d.connection(), d.from()));
                    return Behaviors.same();
                }
            }
            if (d.payload() instanceof Fin) {
                model.close(d.connection());
                ActorRef<Packet> owner = owners.get(new End(d.connection(), d.to()));
                if (owner != null) {
                    owner.tell(new Packet.PeerClosed(d.connection(), false));
                }
                return Behaviors.same();
            }
            if (down.contains(d.to())) {
                return Behaviors.same(); // its process is gone: the OS answers with a reset, nobody reads it
            }
            End end = new End(d.connection(), d.to());
            ActorRef<Packet> reader = readers.isEmpty() ? null : readers.get(end);
            if (reader == null) {
                reader = owners.get(end);
            }
            if (reader == null) {
                reader = mysqld.get(d.to());
            }
            Packet.Payload p = (Packet.Payload) d.payload();
            trace.record(d.to(), "network", "deliver", withPackets(p, "from", d.from(), "connection",
                    d.connection(), "what", what(p), "pos", position(p)));
            reader.tell(new Packet.Data(d.connection(), d.from(), p));
            return Behaviors.same();
        }

        /** A write's trace fields, and its packet count when a flushed buffer carries several. */
        private static Object[] withPackets(Packet.Payload p, Object... fields) {
            if (p.packets() == 1) {
                return fields;
            }
            Object[] all = Arrays.copyOf(fields, fields.length + 2);
            all[fields.length] = "packets";
            all[fields.length + 1] = (long) p.packets();
            return all;
        }

        /** A payload's short name for the trace: event, heartbeat, ack, dump-request... */
        private static String what(Packet.Payload p) {
            return SHORT_NAMES.get(p.getClass()); // computed once per payload class, not per packet
        }

        private static final ClassValue<String> SHORT_NAMES = new ClassValue<>() {
            @Override
            protected String computeValue(Class<?> type) {
                return shortName(type.getSimpleName());
            }
        };

        private static String shortName(String n) {
            StringBuilder out = new StringBuilder(n.length() + 4);
            for (int i = 0; i < n.length(); i++) {
                char ch = n.charAt(i);
                if (Character.isUpperCase(ch) && i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(ch));
            }
            return out.toString();
        }

        /** The binlog position a payload carries, if any (replication payloads implement Positioned). */
        private static TraceValue position(Packet.Payload p) {
            return p instanceof Packet.Positioned pos ? pos.position() : null;
        }

        private void later(long delay, ActorRef<Packet> to, Packet packet) {
            SimKernel.tellLater(ctx, delay, ctx.getSelf(), new Tell(to, packet));
        }
    }
}

package io.semisyncsim.real;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The network of one replication link between real servers: a replica ({@code client}) connects to
 * its source ({@code server}) through this relay on 127.0.0.1, which forwards the bytes each way
 * after the link's latency, holds them while a partition cuts the link (and delivers them, in order,
 * at the heal), or drops them (the direction stays a black hole until the connection closes), and
 * resets connections on demand. Toxiproxy's model, in a few threads per connection: its Java client
 * needs the Toxiproxy server, which is not a Maven or Debian package.
 *
 * <p>A connection made while the link is cut waits, as a SYN would, until the heal or until the
 * client gives up; nothing is refused for a partition, since a partition is silent. While the server
 * is down the relay does not listen either, so a connect is refused (ECONNREFUSED, 111) as it would
 * be by the server's own machine.
 */
final class Relay implements AutoCloseable {
    private final String client;
    private final String server;
    private final int upstreamPort;
    private final Links links;
    private volatile ServerSocket listener;
    private final int port;
    /** The server is down: the relay's port is closed, so connects are refused. */
    private volatile boolean serverDown;
    private final List<Pipe> pipes = new ArrayList<>();
    private volatile boolean closed;

    Relay(String client, String server, int upstreamPort, Links links) throws IOException {
        this.client = client;
        this.server = server;
        this.upstreamPort = upstreamPort;
        this.links = links;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        Thread t = new Thread(this::accept, "relay " + client + "->" + server);
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return port;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket l = new ServerSocket();
        l.setReuseAddress(true); // the same port is bound again when the server comes back
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return l;
    }

    /** The server went down: stop listening, so that connects are refused until {@link #serverUp}. */
    void serverDown() {
        serverDown = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closed anyway
        }
    }

    /** The server is back: listen on the same port again. */
    void serverUp() throws IOException {
        if (serverDown && !closed) {
            listener = listen(port);
            serverDown = false;
        }
    }

    boolean joins(String a, String b) {
        return client.equals(a) && server.equals(b) || client.equals(b) && server.equals(a);
    }

    private void accept() {
        while (!closed) {
            if (serverDown) {
                ServerProcess.pause(5);
                continue;
            }
            try {
                Socket s = listener.accept();
                s.setTcpNoDelay(true);
                Pipe p = new Pipe(s);
                synchronized (pipes) {
                    pipes.add(p);
                }
                p.start();
            } catch (IOException e) {
                if (!closed) {
                    ServerProcess.pause(10);
                }
            }
        }
    }

    /** Resets every connection of this link: both ends see it at once, and what was in flight is lost. */
    void reset() {
        List<Pipe> all;
        synchronized (pipes) {
            all = new ArrayList<>(pipes);
        }
        all.forEach(Pipe::reset);
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        reset();
    }

    /** One end of the data: a chunk of bytes, or the end of the stream (FIN). */
    private record Chunk(byte[] bytes, long due) {
        static final byte[] EOF = new byte[0];
    }

    /** One client connection and its upstream connection to the server. */
    private final class Pipe {
        private final Socket downstream;
        private volatile Socket upstream;
        private volatile boolean dead;
        /** Directions whose end of stream went through: both, and the connection is over. */
        private final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        /**
         * Ends whose peer closed (its FIN reached the relay). MySQL clients and servers close both ways at
         * once, so bytes for such a peer would meet its TCP's reset: the relay resets the writer's side
         * instead of accepting them, so the writer learns at the same write as over a direct connection
         * (without this the relay's own accepted write adds one).
         */
        private final java.util.Set<Socket> peerClosed = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Pipe(Socket downstream) {
            this.downstream = downstream;
        }

        void start() {
            daemon(() -> {
                // A connect through a cut link waits for the heal, as a SYN does, or for the client to quit.
                try {
                    while (!dead && (links.cutOf(client, server) != Links.Cut.NONE
                            || links.cutOf(server, client) != Links.Cut.NONE)) {
                        Thread.sleep(10);
                    }
                    if (dead) {
                        return;
                    }
                    // The client's connect to this relay was local and instant; over the link, the server
                    // accepts after SYN, SYN-ACK and ACK: a round trip and a half before it greets.
                    long handshake = links.delayMicros(client, server) + links.delayMicros(server, client)
                            + links.delayMicros(client, server);
                    Thread.sleep(handshake / 1000, (int) (handshake % 1000) * 1000);
                    Socket up = new Socket();
                    up.setTcpNoDelay(true);
                    up.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
                    upstream = up;
                } catch (IOException | InterruptedException e) {
                    end(); // the server is down: the client sees its connection closed, as on a refused connect
                    return;
                }
                direction(upstream, downstream, server, client);
            });
            direction(downstream, null, client, server);
        }

        /** Copies {@code from} to {@code to} (the upstream socket once connected, when null) via a delay queue. */
        private void direction(Socket from, Socket toOrUpstream, String src, String dst) {
            LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
            daemon(() -> {
                byte[] buf = new byte[65536];
                try (InputStream in = from.getInputStream()) {
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        byte[] copy = java.util.Arrays.copyOf(buf, n);
                        queue.put(new Chunk(copy, System.nanoTime() + links.delayMicros(src, dst) * 1000));
                    }
                    peerClosed.add(from);
                    if (toOrUpstream == null && upstream == null) {
                        end(); // the client quit before its connection got through
                        return;
                    }
                    queue.put(new Chunk(Chunk.EOF, System.nanoTime() + links.delayMicros(src, dst) * 1000));
                } catch (IOException | InterruptedException e) {
                    end();
                }
            });
            daemon(() -> {
                boolean blackHole = false;
                long lastDue = 0;
                try {
                    Socket to = toOrUpstream;
                    while (to == null) { // the upstream connection is still being made
                        if (dead) {
                            return;
                        }
                        Thread.sleep(5);
                        to = upstream;
                    }
                    OutputStream out = to.getOutputStream();
                    while (!dead) {
                        Chunk c = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (c == null) {
                            continue;
                        }
                        long due = Math.max(c.due(), lastDue); // in order: a later chunk never overtakes
                        lastDue = due;
                        for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        Links.Cut cut = links.awaitNotHeld(src, dst, () -> dead);
                        if (cut == null) {
                            return;
                        }
                        if (cut == Links.Cut.DROP) {
                            blackHole = true; // retransmissions gave up: nothing more gets through
                        }
                        if (blackHole) {
                            continue;
                        }
                        if (c.bytes() == Chunk.EOF) {
                            to.shutdownOutput();
                            if (finished.incrementAndGet() == 2) {
                                end();
                            }
                            return;
                        }
                        if (peerClosed.contains(to)) {
                            reset(); // the closed peer's TCP would answer with a reset: pass it on
                            return;
                        }
                        out.write(c.bytes());
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    end();
                }
            });
        }

        /** An error on either side: both are closed. */
        private void end() {
            if (dead) {
                return;
            }
            dead = true;
            closeQuietly(downstream);
            closeQuietly(upstream);
            synchronized (pipes) {
                pipes.remove(this);
            }
        }

        void reset() {
            for (Socket s : new Socket[] {downstream, upstream}) {
                if (s != null) {
                    try {
                        s.setSoLinger(true, 0); // close with RST, not FIN
                    } catch (SocketException ignored) {
                        // already closed
                    }
                }
            }
            end();
        }

        private void closeQuietly(Socket s) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void daemon(Runnable r) {
        Thread t = new Thread(r, "relay " + client + "->" + server);
        t.setDaemon(true);
        t.start();
    }
}

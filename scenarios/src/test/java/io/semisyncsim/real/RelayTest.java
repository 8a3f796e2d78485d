package io.semisyncsim.real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay between a replica and its source behaves as the simulator's network does: bytes go both
 * ways in order, a held partition delays them to the heal, a dropped one loses them for good, a
 * reset ends the connection at both ends. A plain echo server stands in for mysqld.
 */
class RelayTest {
    private ServerSocket echo;
    private Links links;
    private Relay relay;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread e = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream()) {
                            byte[] buf = new byte[1024];
                            for (int n; (n = in.read(buf)) >= 0; ) {
                                s.getOutputStream().write(buf, 0, n);
                            }
                        } catch (IOException ignored) {
                            // the test closed it
                        }
                    });
                    e.setDaemon(true);
                    e.start();
                } catch (IOException ignored) {
                    // closed
                }
            }
        });
        t.setDaemon(true);
        t.start();
        links = new Links(0, 0);
        relay = new Relay("replica1", "source", echo.getLocalPort(), links);
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), relay.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static byte[] read(Socket s, int n) throws IOException {
        return s.getInputStream().readNBytes(n);
    }

    @Test
    void bytesGoBothWaysInOrder() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("abc".getBytes());
            s.getOutputStream().write("def".getBytes());
            assertArrayEquals("abcdef".getBytes(), read(s, 6));
        }
    }

    @Test
    void eachDirectionWaitsItsLinksLatency() throws IOException {
        links.setLatency("replica1", "source", 100_000, 0);
        links.setLatency("source", "replica1", 100_000, 0);
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            s.getOutputStream().write('x');
            read(s, 1);
            assertTrue(System.nanoTime() - t0 >= 200_000_000L, "a round trip takes both one-way latencies");
        }
    }

    @Test
    void aHeldPartitionDeliversEverythingInOrderAtTheHeal() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write('a');
            assertArrayEquals("a".getBytes(), read(s, 1));
            links.cut("replica1", "source", Links.Cut.HOLD);
            s.getOutputStream().write("bc".getBytes());
            s.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing gets through while cut");
            links.healAll();
            s.setSoTimeout(5000);
            assertArrayEquals("bc".getBytes(), read(s, 2));
        }
    }

    @Test
    void aDroppedDirectionStaysABlackHoleAfterTheHeal() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write('0');
            read(s, 1); // the connection is through before the cut
            links.cut("source", "replica1", Links.Cut.DROP);
            s.getOutputStream().write('a');
            s.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            links.healAll();
            s.getOutputStream().write('b');
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "retransmissions gave up: the connection stays a black hole until it is closed");
        }
        try (Socket fresh = connect()) {
            fresh.getOutputStream().write('c');
            assertArrayEquals("c".getBytes(), read(fresh, 1), "a new connection after the heal works");
        }
    }

    @Test
    void aConnectionMadeDuringAPartitionWaitsForTheHeal() throws Exception {
        links.cut("replica1", "source", Links.Cut.HOLD);
        try (Socket s = connect()) {
            s.getOutputStream().write('a');
            s.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            links.healAll();
            s.setSoTimeout(5000);
            assertEquals('a', s.getInputStream().read());
        }
    }

    @Test
    void aResetEndsTheConnectionAtBothEnds() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write('a');
            read(s, 1);
            relay.reset();
            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100; i++) { // the RST may take a write or two to surface
                    s.getOutputStream().write('x');
                    if (s.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                }
            });
        }
    }
}

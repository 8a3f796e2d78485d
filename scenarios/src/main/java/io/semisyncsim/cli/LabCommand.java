package io.semisyncsim.cli;

import io.semisyncsim.lab.LabServer;
import io.semisyncsim.live.LiveSession;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"A live web page on a running simulated cluster, for teaching: the topology to click (cut a"
                + " link, crash a node), each node's semisync status, a SQL console per node and connection, commit"
                + " and workload buttons, the clock (next event, +D, paced at N x), the sequence diagram and"
                + " timelines growing as the run goes, and Download scenario: the session as a file that `run`"
                + " replays to the same trace.",
                "It listens on 127.0.0.1 (a free port unless --port) and prints the address; Ctrl-C stops it."},
        footer = {"", "Exit codes: 130 / 143 stopped by SIGINT (Ctrl-C) / SIGTERM, as any",
                "            command that is interrupted (the lab has no other way to stop),",
                "            2 invalid FILE or usage, 3 internal error."})
final class LabCommand implements Callable<Integer> {
    @Mixin
    LiveSetup live;

    @Option(names = "--speed", paramLabel = "S", defaultValue = "1",
            description = "Virtual time per wall time: a number or instant (default ${DEFAULT-VALUE}: real time).")
    String speed;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "The port (default: a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Listen on ADDR instead of 127.0.0.1. A loopback ADDR"
            + " (127.0.0.0/8, ::1) is served as 127.0.0.1 is; on another, anyone who can reach it and has the token"
            + " printed at start can drive the session.")
    String bind;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            System.err.println("semisync-sim: --port is 0 to 65535, got " + port);
            return Cli.INVALID;
        }
        InetAddress address;
        try {
            address = bind == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            System.err.println("semisync-sim: --bind " + bind + ": no such address");
            return Cli.INVALID;
        }
        LiveSession.Setup setup = live.setup(speed, "1");
        if (setup == null) {
            return Cli.INVALID;
        }
        // The page downloads the session; the server writes no file.
        try (LiveSession session = LiveSession.start(setup.withFileWrites(false));
             LabServer server = LabServer.start(session, address, port)) {
            Cli.OUT.println("semisync-sim lab: " + session.scenario().flavor() + ", " + String.join(" + ", session.nodes())
                    + (live.file == null ? "" : " from " + live.file));
            Cli.OUT.println("open " + server.url());
            if (!address.isLoopbackAddress()) {
                Cli.OUT.println("listening on " + address.getHostAddress() + ": the page needs the token "
                        + server.token() + " (it is in the address above); anyone who has it can drive the session");
            }
            Cli.OUT.println("Ctrl-C stops it.");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "lab-stop"));
            stop.await(); // only a signal ends the lab: the JVM exits 130 or 143 as for every command
        } catch (java.net.BindException e) { // the port is taken, or the address is not this machine's
            System.err.println("semisync-sim: lab cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage());
            return Cli.INVALID;
        }
        return Cli.OK;
    }
}

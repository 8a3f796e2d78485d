package io.semisyncsim.live;

import io.semisyncsim.cluster.Cluster;
import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.reports.LivePictures;
import io.semisyncsim.reports.MysqlClientFormat;
import io.semisyncsim.scenario.Listeners;
import io.semisyncsim.scenario.ReportCollector;
import io.semisyncsim.scenario.ScenarioReader;
import io.semisyncsim.scenario.ScenarioRunner;
import io.semisyncsim.scenario.SimTarget;
import io.semisyncsim.scenario.lang.Durations;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import io.semisyncsim.scenario.lang.Outcome;
import io.semisyncsim.scenario.lang.Places;
import io.semisyncsim.scenario.lang.Play;
import io.semisyncsim.scenario.lang.Pos;
import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.RunListener;
import io.semisyncsim.scenario.lang.Scenario;
import io.semisyncsim.scenario.lang.Step;
import io.semisyncsim.scenario.lang.Printable;
import io.semisyncsim.scenario.lang.Suggest;
import io.semisyncsim.scenario.step.SendStep;
import io.semisyncsim.scenario.step.SleepStep;
import io.semisyncsim.server.NodeState;
import io.semisyncsim.server.StatementResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One live simulated cluster that takes steps one at a time: the engine under {@code lab} and
 * {@code shell}. Every action is a step of the scenario language, read by the scenario reader in the
 * context of everything played before (so a bad one gets the reader's message and changes nothing),
 * played on the same {@link Play} and {@link SimTarget} as {@code run} plays a file, and written down
 * ({@link SessionScript}); the saved file therefore replays to the same trace digest.
 *
 * <p>The cluster lives on one thread of its own (the kernel's driver): callers submit lines from any
 * thread and get a future. The virtual clock moves only when a step needs it (a commit waiting for its
 * ACK, a sleep, an await), when asked (next event, +D, until quiet), or on its own at N x the wall
 * clock while playing; every move is paced by a {@link WallPacer}, and watchers hear what happens as
 * it happens, waits included.
 */
public final class LiveSession implements AutoCloseable {
    /** Until-quiet stops when nothing is due within this much virtual time. */
    static final long QUIET = 1_000_000;
    /** Until-quiet runs at most this far. */
    static final long QUIET_LIMIT = 60_000_000;
    /** How much wall time a free-running clock covers per turn, between queued commands. */
    static final long TICK_MS = 50;

    /** What a session starts from: its script's top, the scenario read from it, and a file's steps to play. */
    public record Setup(SessionScript script, Scenario scenario, List<String> fileSteps, boolean stepwise,
                        double speed, boolean mayWriteFiles) {
        public Setup withSpeed(double s) {
            return new Setup(script, scenario, fileSteps, stepwise, s, mayWriteFiles);
        }

        public Setup withFileWrites(boolean may) {
            return new Setup(script, scenario, fileSteps, stepwise, speed, may);
        }
    }

    /** A new cluster: a source and {@code replicas} replicas (replica1, replica2, ...), replicating. */
    public static Setup fresh(String flavor, long seed, int replicas) throws InvalidScenarioException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            names.add("replica" + i);
        }
        SessionScript script = SessionScript.fresh("live-session", flavor, seed, "source", names);
        Scenario s = ScenarioReader.read(script.text(), "session", Flavors.standard());
        return new Setup(script, s, List.of(), false, Double.POSITIVE_INFINITY, true);
    }

    /** A scenario file to start from: played first, or one step at a time ({@code stepwise}). */
    public static Setup fromFile(Path file, boolean stepwise) throws InvalidScenarioException, IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Scenario s = ScenarioReader.read(file); // the reader's own refusals, with the file's name
        SessionScript.FromFile f = SessionScript.of(text, file.toString());
        return new Setup(f.script(), s, f.stepTexts(), stepwise, Double.POSITIVE_INFINITY, true);
    }

    /** A line of what happened, as a terminal shows it; {@code typed}: the prompt of a statement the user typed. */
    public record Output(String kind, String text, boolean typed) {
        public static final String PROMPT = "prompt";
        public static final String RESULT = "result";
        public static final String STEP = "step";
        public static final String NOTE = "note";
        public static final String HELD = "held";
        public static final String FAILED = "failed";
        public static final String ERROR = "error";
        public static final String INFO = "info";
    }

    /** What a submitted line did: its output, whether it was accepted, and a console switch or quit. */
    public record Reply(List<Output> output, boolean ok, String node, String connection, boolean quit) {
    }

    /** Hears what happens, on the session's thread: keep it short (hand work to another thread). */
    public interface Watcher {
        default void output(Output o) {
        }

        default void state(LiveState s) {
        }

        default void pictures(LivePictures p) {
        }
    }

    private final Setup setup;
    private final ExecutorService engine;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private final WallPacer pacer;
    private final Flavors flavors = Flavors.standard();
    // Everything below is touched only on the engine thread.
    private Cluster cluster;
    private SimTarget target;
    private Play play;
    private ReportCollector collector;
    private NetworkView network;
    private Scenario scenario;
    private SessionScript script;
    private int nextFileStep;
    private List<Output> collecting;
    private boolean typing;
    /** A send step is playing: its statement starts without an answer, and its step line says so. */
    private boolean sending;
    /** What makes the steps being added, as messages name it later: {@code with `\crash source`}. */
    private String origin;
    /** How the reader's messages name this session's places: by the command that made a step. */
    private final Places places = new Places() {
        @Override
        public String at(Pos pos) {
            int i = script.stepAt(pos.line());
            if (i >= script.steps()) {
                return "in this step";
            }
            String o = script.origin(i);
            return o != null ? o : "at step " + (i + 1) + " of the session";
        }

        @Override
        public String write(String yaml) {
            return Commands.typed(yaml);
        }
    };
    private StatementResult lastResult;
    private long lastStatePublished;
    private long lastPicturesPublished;
    private volatile boolean playing;
    private volatile boolean busy;
    private volatile LiveState state;
    private volatile LivePictures pictures;
    private volatile boolean closed;

    private LiveSession(Setup setup) {
        this.setup = setup;
        this.pacer = new WallPacer(setup.speed(), this::duringWait);
        this.engine = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "semisync-sim-live");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the cluster (and plays the file's steps unless stepwise); returns once it stands. */
    public static LiveSession start(Setup setup, Watcher... watchers) {
        LiveSession s = new LiveSession(setup);
        s.watchers.addAll(List.of(watchers));
        try {
            s.engine.submit(s::boot).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (java.util.concurrent.ExecutionException e) {
            s.close();
            throw new IllegalStateException("the session did not start: " + e.getCause(), e.getCause());
        }
        return s;
    }

    public void watch(Watcher w) {
        watchers.add(w);
    }

    public void unwatch(Watcher w) {
        watchers.remove(w);
    }

    /** The latest state (made after every step and while the clock moves). */
    public LiveState state() {
        return state;
    }

    /** The latest pictures, or null before the first. */
    public LivePictures pictures() {
        return pictures;
    }

    /** The nodes, source first (as the topology names them). */
    public List<String> nodes() {
        return setup.scenario().topology().nodes();
    }

    public Scenario scenario() {
        return setup.scenario();
    }

    private void boot() {
        scenario = setup.scenario();
        script = setup.script();
        collector = new ReportCollector();
        network = new NetworkView();
        RunListener listener = new Listeners(collector, new Teller());
        cluster = new ScenarioRunner().pacedBy(pacer).start(scenario, listener, collector.traceSink(), network);
        target = new SimTarget(cluster);
        play = new Play(target, listener, Play.NO_ANSWER_LIMIT, "a day of virtual time");
        collecting = new ArrayList<>();
        if (!setup.stepwise()) {
            while (nextFileStep < setup.fileSteps().size()) {
                playFileStep();
            }
        }
        collecting = null;
        publish(true);
    }

    // --- commands

    /** Runs one console line said on {@code node}'s connection {@code connection} (null: the default one). */
    public CompletableFuture<Reply> submit(String line, String node, String connection) {
        pacer.hold(false); // any action lets a held clock go on
        CompletableFuture<Reply> f = new CompletableFuture<>();
        if (closed) {
            f.complete(new Reply(List.of(new Output(Output.ERROR, "the session is closed", false)), false, node,
                    connection, true));
            return f;
        }
        engine.execute(() -> {
            busy = true;
            collecting = new ArrayList<>();
            Reply r;
            try {
                pacer.resync();
                r = run(line, node, connection);
            } catch (RuntimeException | Error e) {
                // A bug in the simulator or here: said, and the session stays up for the next line.
                tell(new Output(Output.ERROR, "internal error: " + e, false));
                r = null;
            }
            List<Output> out = collecting;
            collecting = null;
            busy = false;
            Reply reply = r == null ? new Reply(out, false, node, connection, false)
                    : new Reply(out, r.ok(), r.node(), r.connection(), r.quit());
            publishState(true);
            f.complete(reply); // the pictures come after the reply: they take longer to draw
            publishPictures(true);
            if (playing) {
                engine.execute(this::tick);
            }
        });
        return f;
    }

    /** Runs a line and waits for its reply. */
    public Reply run(String line, String node, String connection, long timeoutSeconds) {
        try {
            return submit(line, node, connection).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no reply to '" + line + "': " + e, e);
        }
    }

    /**
     * The clock's controls, which act at once (not queued behind a step): a speed ({@code 10},
     * {@code 10x}, {@code instant}; null: unchanged) and running on its own or not (null: unchanged).
     * Pausing also holds a wait under way until the next action or play. Returns an error, or null.
     */
    public String clock(String speed, Boolean run) {
        if (speed != null) {
            Double s = parseSpeed(speed);
            if (s == null) {
                return "speed is a number of times the wall clock (0.1 to 1000, e.g. 1, 10x) or instant, got '"
                        + Printable.escape(speed) + "'";
            }
            pacer.speed(s);
        }
        if (run != null) {
            if (run && WallPacer.instant(pacer.speed())) {
                return "the clock runs by itself at a speed: pick one first (\\speed 1, or 10x, ...)";
            }
            boolean was = playing;
            playing = run;
            pacer.hold(!run);
            if (run && !was) {
                engine.execute(() -> {
                    pacer.resync();
                    tick();
                });
            }
        }
        engine.execute(() -> publish(true));
        return null;
    }

    /** A speed as the clock control takes it: {@code 10}, {@code 10x}, {@code instant}; null when it is none. */
    public static Double parseSpeed(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("instant") || t.equals("max") || t.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.endsWith("x") || t.endsWith("×")) {
            t = t.substring(0, t.length() - 1);
        }
        if (!t.matches("\\d{1,4}(\\.\\d{1,3})?")) {
            return null;
        }
        double v = Double.parseDouble(t);
        return v < 0.1 || v > 1000 ? null : v;
    }

    /** The session as a scenario file, now (after the steps queued before this call). */
    public String scenarioText() {
        try {
            return engine.submit(() -> {
                script.flushSleep();
                return script.text();
            }).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the session did not answer: " + e, e);
        }
    }

    /**
     * Names worth completing in a console's SQL and paths: the source's system and status variables as
     * they are now (plugins add theirs when installed).
     */
    public List<String> words() {
        try {
            return engine.submit(() -> {
                java.util.TreeSet<String> out = new java.util.TreeSet<>();
                String source = nodes().get(0);
                if (cluster.node(source).state() == NodeState.RUNNING) {
                    out.addAll(target.systemVariables(source, "").keySet());
                    out.addAll(target.statusVariables(source, "").keySet());
                }
                return List.copyOf(out);
            }).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        }
    }

    /** The scenario's name, for a download's file name. */
    public String name() {
        return scenario().name();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        playing = false;
        pacer.hurry();
        pacer.hold(false);
        try {
            engine.submit(() -> {
                if (cluster != null) {
                    cluster.close();
                }
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        engine.shutdownNow();
    }

    // --- on the engine thread

    private Reply run(String line, String node, String connection) {
        Commands.Action a = Commands.parse(line, node, connection, terms());
        origin = "with `" + brief(line) + "`";
        boolean ok = true;
        String toNode = node;
        String toConnection = connection;
        boolean quit = false;
        if (a instanceof Commands.Sql sql) {
            for (String statement : sql.statements()) {
                if (!statement(statement, node, connection)) {
                    ok = false;
                    break;
                }
            }
        } else if (a instanceof Commands.AddStep s) {
            ok = step(script.item(s.step()), () -> null, s.step().containsKey("commit") ? s.step() : null);
        } else if (a instanceof Commands.RawStep r) {
            ok = raw(r.yaml());
        } else if (a instanceof Commands.Sleep s) {
            ok = sleep(s.duration());
        } else if (a instanceof Commands.NextEvent n) {
            ok = nextEvent();
        } else if (a instanceof Commands.Quiet q) {
            quiet();
        } else if (a instanceof Commands.NextFileStep n) {
            ok = nextFileStep();
        } else if (a instanceof Commands.Speed s) {
            String why = s.value().isEmpty() ? null : clock(s.value(), null);
            if (why != null) {
                error(why);
                ok = false;
            } else {
                info("speed " + LiveState.speedText(pacer.speed()));
            }
        } else if (a instanceof Commands.Play p) {
            String why = clock(null, p.on());
            if (why != null) {
                error(why);
                ok = false;
            } else {
                info(p.on() ? "the clock runs at " + LiveState.speedText(pacer.speed()) : "the clock is held");
            }
        } else if (a instanceof Commands.Status s) {
            tell(new Output(Output.INFO, snapshot().text(), false));
        } else if (a instanceof Commands.Save s) {
            ok = save(s.path(), s.overwrite());
        } else if (a instanceof Commands.Help h) {
            StringBuilder out = new StringBuilder();
            Commands.help(terms()).forEach((k, v) -> out.append(String.format("%-34s %s%n", k, v)));
            tell(new Output(Output.INFO, out.toString().stripTrailing(), false));
        } else if (a instanceof Commands.Connect c) {
            if (!nodes().contains(c.node())) {
                error("unknown node '" + c.node() + "'" + Suggest.didYouMean(c.node(), nodes()) + " (nodes: "
                        + String.join(", ", nodes()) + ")");
                ok = false;
            } else if (c.connection() != null && !c.connection().matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                error("connection name '" + Printable.escape(c.connection()) + "' must start with a letter and"
                        + " use letters, digits and _ (at most 64)");
                ok = false;
            } else {
                toNode = c.node();
                toConnection = c.connection();
            }
        } else if (a instanceof Commands.Quit q) {
            quit = true;
        } else if (a instanceof Commands.Bad b) {
            error(b.message());
            ok = false;
        }
        return new Reply(List.of(), ok, toNode, toConnection, quit);
    }

    /** One typed statement: played with its errors shown, written down expecting the error it got. */
    private boolean statement(String sql, String node, String connection) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("on", node);
        if (connection != null) {
            step.put("connection", connection);
        }
        step.put("sql", List.of(sql));
        Map<String, Object> played = new LinkedHashMap<>(step);
        played.put("ignore_errors", "true");
        lastResult = null;
        typing = true;
        origin = "with `" + brief(sql) + "`";
        try {
            return step(script.item(played), () -> {
                if (lastResult instanceof StatementResult.Failed f) {
                    step.put("expect_error", String.valueOf(f.error().code()));
                }
                return script.item(step);
            }, null);
        } finally {
            typing = false;
        }
    }

    /**
     * Reads {@code item} after everything played, plays it, and writes it down (as {@code recorded} says
     * after the play, when it gives text). A commit step is played ignoring its errors and written down
     * saying so only when some commit failed.
     */
    private boolean step(String item, Supplier<String> recorded, Map<String, Object> commit) {
        String playedItem = item;
        if (commit != null) {
            Map<String, Object> withIgnore = new LinkedHashMap<>(commit);
            withIgnore.putIfAbsent("ignore_errors", "true");
            playedItem = script.item(withIgnore);
        }
        Step step = read(playedItem);
        if (step == null) {
            return false;
        }
        String countBefore = play.commits().read("count");
        sending = step instanceof SendStep;
        try {
            step.play(play);
        } finally {
            sending = false;
        }
        String text = recorded.get();
        if (text == null) {
            text = item;
            if (commit != null && !"true".equals(commit.get("background"))) {
                long n = Long.parseLong(String.valueOf(commit.get("commit")));
                long done = Long.parseLong(play.commits().read("count")) - Long.parseLong(countBefore);
                text = done == n ? item : playedItem;
            }
        }
        script.add(text, origin);
        return true;
    }

    /** The step {@code item} reads as after everything played so far; null when refused (told). */
    private Step read(String item) {
        script.flushSleep();
        try {
            Scenario s = ScenarioReader.read(script.text(item), "session", flavors,
                    new ScenarioReader.Options(false, null, places));
            if (s.steps().size() != script.steps() + 1) {
                error("write one step, e.g. {sleep: 1s} (this reads as " + (s.steps().size() - script.steps()) + ")");
                return null;
            }
            return s.steps().get(s.steps().size() - 1);
        } catch (InvalidScenarioException e) {
            for (Problem p : e.problems()) {
                error(p.message());
            }
            return null;
        }
    }

    private boolean raw(String yaml) {
        if (yaml.contains("\n")) {
            error("write the step on one line, in YAML's flow style: {fault: partition, between: [a, b]}");
            return false;
        }
        String item = script.indent() + "- " + yaml + "\n";
        return step(item, () -> null, null);
    }

    private boolean sleep(String duration) {
        String item = script.item(Map.of("sleep", duration));
        Step s = read(item);
        if (!(s instanceof SleepStep sleep)) {
            return false;
        }
        advance(sleep.micros());
        return true;
    }

    /** Lets {@code micros} pass (paced), written down with the time around it as one sleep. */
    private void advance(long micros) {
        if (micros <= 0) {
            return;
        }
        long from = target.now();
        target.runFor(micros);
        script.slept(micros);
        info(LiveState.time(from) + " clock +" + Durations.format(micros) + ", now " + LiveState.time(target.now()));
    }

    private boolean nextEvent() {
        long due = cluster.kernel().nextDue();
        if (due == Long.MAX_VALUE) {
            info("nothing is due: the clock stays at " + LiveState.time(target.now()));
            return true;
        }
        advance(Math.min(due - target.now(), Durations.MAX));
        return true;
    }

    private void quiet() {
        long start = target.now();
        long limit = start + QUIET_LIMIT;
        long due;
        while ((due = cluster.kernel().nextDue()) != Long.MAX_VALUE && due - target.now() <= QUIET && due <= limit) {
            target.runFor(due - target.now());
        }
        long passed = target.now() - start;
        script.slept(passed);
        info(LiveState.time(start) + " ran until nothing is due within " + Durations.format(QUIET) + ": +"
                + Durations.format(passed) + ", now " + LiveState.time(target.now()));
    }

    private boolean nextFileStep() {
        if (nextFileStep >= setup.fileSteps().size()) {
            error(setup.fileSteps().isEmpty() ? "the session did not start from a file: there is no next step"
                    : "every step of the file has been played");
            return false;
        }
        return playFileStep();
    }

    private boolean playFileStep() {
        String text = setup.fileSteps().get(nextFileStep++);
        origin = "at step " + nextFileStep + " of " + setup.scenario().file();
        boolean ok = step(text, () -> null, null);
        if (!ok) {
            info("(the file's step was skipped: it cannot follow what was played before it)");
        }
        return ok;
    }

    private boolean save(String path, boolean overwrite) {
        if (!setup.mayWriteFiles()) {
            error("this session writes no files: the page saves with Download scenario");
            return false;
        }
        script.flushSleep();
        Path file;
        try {
            file = Path.of(path);
            if (!overwrite && Files.exists(file)) {
                error(Printable.escape(path) + " exists, so it was not overwritten: \\save! " + Printable.escape(path)
                        + " overwrites it");
                return false;
            }
            Files.writeString(file, script.text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            error("cannot write " + Printable.escape(path) + ": " + io.semisyncsim.scenario.lang.IoFailure.reason(e));
            return false;
        } catch (RuntimeException e) { // an invalid path
            error("cannot write " + Printable.escape(path) + ": " + e.getMessage());
            return false;
        }
        info("saved " + script.steps() + (script.steps() == 1 ? " step" : " steps") + " to " + Printable.escape(path)
                + " (./semisync-sim run "
                + Printable.escape(path) + " replays them to trace " + cluster.kernel().trace().digest().hex() + ")");
        return true;
    }

    /** One turn of a free-running clock: TICK_MS of wall time at the speed, then queued commands go first. */
    private void tick() {
        if (!playing || closed) {
            return;
        }
        double s = pacer.speed();
        if (WallPacer.instant(s)) {
            playing = false;
            return;
        }
        long chunk = Math.max(1, (long) (TICK_MS * 1000 * s));
        target.runFor(chunk);
        script.slept(chunk);
        publish(false);
        if (playing) {
            engine.execute(this::tick);
        }
    }

    /** Between the pacer's slices of a wait: let watchers see the wait as it goes. */
    private void duringWait() {
        publish(false);
    }

    private void publish(boolean force) {
        publishState(force);
        publishPictures(force);
    }

    private void publishState(boolean force) {
        long wall = System.nanoTime();
        if (force || wall - lastStatePublished > 100_000_000L) {
            lastStatePublished = wall;
            state = snapshot();
            for (Watcher w : watchers) {
                w.state(state);
            }
        }
    }

    private void publishPictures(boolean force) {
        long wall = System.nanoTime();
        if (force || wall - lastPicturesPublished > 700_000_000L) {
            lastPicturesPublished = wall;
            pictures = LivePictures.of(collector.snapshot(scenario, target.now(),
                    cluster.kernel().trace().digest().hex()));
            for (Watcher w : watchers) {
                w.pictures(pictures);
            }
        }
    }

    private LiveState snapshot() {
        List<LiveState.Node> views = new ArrayList<>();
        for (String n : cluster.nodeNames()) {
            var node = cluster.node(n);
            boolean up = node.state() == NodeState.RUNNING;
            Map<String, String> st = up ? target.statusVariables(n, "Rpl_semi_sync_") : Map.of();
            Map<String, String> rs = up ? target.replicaStatus(n) : Map.of();
            String source = up && !rs.isEmpty() ? target.sourceOf(n) : null;
            views.add(new LiveState.Node(n, node.state().toString(), network.frozen(n), source,
                    suffix(st, "_master_status", "_source_status"), suffix(st, "_master_clients", "_source_clients"),
                    suffix(st, "_master_yes_tx", "_source_yes_tx"), suffix(st, "_master_no_tx", "_source_no_tx"),
                    suffix(st, "_master_wait_sessions", "_source_wait_sessions"),
                    suffix(st, "_slave_status", "_replica_status"),
                    first(rs, "Slave_IO_Running", "Replica_IO_Running"),
                    first(rs, "Slave_SQL_Running", "Replica_SQL_Running")));
        }
        List<LiveState.Cut> cuts = new ArrayList<>();
        network.cuts().forEach((k, v) -> {
            String[] ends = k.split("->", 2);
            cuts.add(new LiveState.Cut(ends[0], ends[1], v));
        });
        List<LiveState.Latency> latencies = new ArrayList<>();
        network.latency().forEach((k, v) -> {
            String[] ends = k.split("->", 2);
            latencies.add(new LiveState.Latency(ends[0], ends[1], v));
        });
        var digest = cluster.kernel().trace().digest();
        return new LiveState(scenario.name(), scenario.flavor(), target.now(), pacer.speed(), playing,
                pacer.held() && !playing, busy, views, cuts, latencies, digest.hex(), digest.events(),
                play.commits().read("count"), script.steps(), setup.fileSteps().size() - nextFileStep);
    }

    private static String suffix(Map<String, String> vars, String... suffixes) {
        for (Map.Entry<String, String> e : vars.entrySet()) {
            for (String s : suffixes) {
                if (e.getKey().toLowerCase(java.util.Locale.ROOT).endsWith(s)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }

    private static String first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            if (m.containsKey(k)) {
                return m.get(k);
            }
        }
        return null;
    }

    /** The names the session's flavour gives semisync's variables, for examples. */
    private io.semisyncsim.flavor.Terms terms() {
        return flavors.get(scenario.flavor()).logTerms();
    }

    /** A typed line as a message quotes it: on one line, clipped. */
    private static String brief(String line) {
        return io.semisyncsim.scenario.lang.Printable.clip(line.strip().replaceAll("\\s+", " "));
    }

    private void info(String text) {
        tell(new Output(Output.INFO, text, false));
    }

    private void error(String text) {
        tell(new Output(Output.ERROR, text, false));
    }

    private void tell(Output o) {
        if (collecting != null) {
            collecting.add(o);
        }
        for (Watcher w : watchers) {
            w.output(o);
        }
    }

    /** Turns what the steps tell into lines of output, as the shell and the page show them. */
    private final class Teller implements RunListener {
        @Override
        public void statementStarted(long time, String node, String user, String sql) {
            if (sending) {
                return; // as the mysql client shows a sent statement: nothing until it is reaped
            }
            String prompt = (user.equals("root") ? "" : user + "@") + node + "> ";
            tell(new Output(Output.PROMPT, prompt + MysqlClientFormat.prompt(sql).substring("mysql> ".length()), typing));
        }

        @Override
        public void statement(long time, long elapsed, String node, String user, String sql, StatementResult result) {
            lastResult = result;
            tell(new Output(Output.RESULT, MysqlClientFormat.result(result, elapsed / 1e6), false));
        }

        @Override
        public void step(long time, String text) {
            tell(new Output(Output.STEP, LiveState.time(time) + " " + text, false));
        }

        @Override
        public void note(long time, String text) {
            tell(new Output(Output.NOTE, LiveState.time(time) + " " + text, false));
        }

        @Override
        public void outcome(Outcome o) {
            String actual = o.actualOnOneLine();
            tell(new Output(o.held() ? Output.HELD : Output.FAILED, LiveState.time(o.time()) + " "
                    + (o.held() ? "✔ " : "✘ ") + o.description() + "   (actual: " + actual + ")", false));
        }
    }
}

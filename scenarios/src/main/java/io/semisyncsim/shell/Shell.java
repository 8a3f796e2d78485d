package io.semisyncsim.shell;

import io.semisyncsim.live.Commands;
import io.semisyncsim.live.LiveSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

/**
 * The terminal twin of the lab, on the same {@link LiveSession}: a prompt per node and connection
 * ({@code source>}, {@code replica1[c2]>}), SQL ended by {@code ;} or {@code \G} as the mysql client
 * reads it (over several lines, {@code ->} prompts), and meta commands ({@link Commands}). What happens
 * is printed as it happens, so a commit that waits is seen waiting. Interactive, it edits lines, keeps
 * a history (in memory: the shell writes no file but the one {@code \save} names) and completes nodes,
 * variables and commands with JLine; from a pipe it reads lines and echoes each after its prompt, so a
 * script's output reads as the session it was.
 */
public final class Shell {
    private final LiveSession session;
    private final PrintStream out;
    private final boolean interactive;
    private final AtomicBoolean failed = new AtomicBoolean();
    private String node;
    private String connection;

    public Shell(LiveSession session, PrintStream out, boolean interactive) {
        this.session = session;
        this.out = out;
        this.interactive = interactive;
        this.node = session.nodes().get(0);
        session.watch(new LiveSession.Watcher() {
            @Override
            public void output(LiveSession.Output o) {
                print(o);
            }
        });
    }

    /** Whether a line was refused or a check failed (the shell's exit code says so). */
    public boolean failed() {
        return failed.get();
    }

    private String prompt() {
        return node + (connection == null ? "" : "[" + connection + "]") + "> ";
    }

    private synchronized void print(LiveSession.Output o) {
        switch (o.kind()) {
            case LiveSession.Output.PROMPT -> {
                if (!o.typed()) {
                    out.println(o.text());
                }
            }
            case LiveSession.Output.RESULT -> {
                out.println(o.text());
                out.println();
            }
            case LiveSession.Output.ERROR -> {
                failed.set(true);
                out.println("ERROR: " + o.text());
            }
            case LiveSession.Output.FAILED -> {
                failed.set(true);
                out.println(o.text());
            }
            default -> out.println(o.text());
        }
        out.flush();
    }

    /** One complete line (or statement over several lines): run, its output printed as it comes. */
    private boolean execute(String text) {
        LiveSession.Reply r = session.run(text, node, connection, 86_400);
        node = r.node();
        connection = r.connection();
        return !r.quit();
    }

    /**
     * Adds a line to the statement being typed and runs it once complete (a meta command's line, or SQL up
     * to its {@code ;} or {@code \G}); false when it asked to quit.
     */
    private boolean feed(StringBuilder buffer, String line) {
        buffer.append(buffer.length() == 0 ? "" : "\n").append(line);
        if (!Commands.complete(buffer.toString())) {
            return true;
        }
        String text = buffer.toString();
        buffer.setLength(0);
        return text.isBlank() || execute(text);
    }

    /** Reads lines from a pipe until its end or {@code \q}. */
    public void runFrom(BufferedReader in) throws IOException {
        StringBuilder buffer = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            synchronized (this) {
                out.println((buffer.length() == 0 ? prompt() : "    -> ") + line);
            }
            if (!feed(buffer, line)) {
                return;
            }
        }
        if (!buffer.toString().isBlank()) {
            execute(buffer + ";"); // the mysql client runs an unterminated last statement too
        }
    }

    /** Reads lines from a terminal with editing, history and completion, until {@code \q} or Ctrl-D. */
    public void runOn(Terminal terminal) {
        List<String> words = session.words();
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(null); // a backslash starts a meta command (\c, \G), it escapes nothing
        parser.setEofOnUnclosedQuote(false); // the shell itself waits for the ; that ends a statement
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("semisync-sim").parser(parser)
                .completer(new ShellCompleter(session.nodes(), words)).history(new DefaultHistory())
                .variable(LineReader.HISTORY_SIZE, 1000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history
                .build();
        out.println("semisync-sim shell: " + session.scenario().flavor() + ", " + String.join(" + ", session.nodes())
                + ". SQL ends with ; or \\G; \\help lists the commands, \\q quits.");
        StringBuilder buffer = new StringBuilder();
        while (true) {
            String line;
            try {
                line = reader.readLine(buffer.length() == 0 ? prompt() : "    -> ");
            } catch (UserInterruptException e) {
                buffer.setLength(0); // Ctrl-C drops the statement being typed, as the mysql client does
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!feed(buffer, line)) {
                break;
            }
        }
        out.println("Bye");
    }
}

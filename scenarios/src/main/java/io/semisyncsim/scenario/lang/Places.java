package io.semisyncsim.scenario.lang;

/**
 * How the reader's messages name an earlier place of the text it reads, and how they say to write a
 * step. In a file that is a line:column and the YAML a file writes ({@code reap: true}); a live session
 * reads its steps as a file too, but its user typed commands, so it names the command that made the
 * step ({@code \send SELECT 1}) and the command to type ({@code \reap}).
 */
public interface Places {
    /** A file's: {@code at 12:5}, and the YAML as given. */
    Places FILE = new Places() {
        @Override
        public String at(Pos pos) {
            return "at " + pos;
        }

        @Override
        public String write(String yaml) {
            return yaml;
        }
    };

    /** A phrase naming {@code pos}, preposition included: {@code at 12:5}. */
    String at(Pos pos);

    /** How to write what a file writes as {@code yaml} (e.g. {@code reap: true}). */
    String write(String yaml);
}

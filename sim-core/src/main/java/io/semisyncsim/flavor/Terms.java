package io.semisyncsim.flavor;

/**
 * Old (master/slave) or new (source/replica) names. The mapping is mechanical (semisync-behaviour.md
 * §1.1): a plugin's templates say {@code {source}} and {@code {replica}}.
 */
public enum Terms {
    OLD("master", "slave"),
    NEW("source", "replica");

    private final String source;
    private final String replica;

    Terms(String source, String replica) {
        this.source = source;
        this.replica = replica;
    }

    public String source() {
        return source;
    }

    public String replica() {
        return replica;
    }

    public String apply(String template) {
        return template.replace("{source}", source).replace("{replica}", replica)
                .replace("{Source}", capitalize(source)).replace("{Replica}", capitalize(replica));
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

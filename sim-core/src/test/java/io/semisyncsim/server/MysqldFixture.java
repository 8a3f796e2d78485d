package io.semisyncsim.server;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.plugin.PluginFactories;
import java.util.LinkedHashMap;
import java.util.Map;

/** A running node of a flavour, for tests; time stands still at zero. */
final class MysqldFixture {
    private MysqldFixture() {
    }

    static Mysqld node(String flavor, String... options) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            settings.put(options[i], options[i + 1]);
        }
        Mysqld node = new Mysqld("source", 1, Flavors.standard().get(flavor), OptionFile.of(settings),
                SemisyncPlugins.register(new PluginFactories()), () -> 0L);
        node.start();
        return node;
    }

    static StatementResult root(Mysqld node, String sql) {
        return node.execute(Account.ROOT, sql);
    }

    static String error(StatementResult r) {
        return r instanceof StatementResult.Failed f ? f.error().toString() : "no error: " + r;
    }
}

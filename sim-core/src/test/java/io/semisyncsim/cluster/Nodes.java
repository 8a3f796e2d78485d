package io.semisyncsim.cluster;

import io.semisyncsim.flavor.Flavors;
import io.semisyncsim.semisync.SemisyncPlugins;
import io.semisyncsim.server.Mysqld;
import io.semisyncsim.server.OptionFile;
import io.semisyncsim.server.plugin.PluginFactories;
import io.semisyncsim.trace.Trace;
import io.semisyncsim.trace.TraceEvent;
import io.semisyncsim.trace.TraceSink;
import java.util.List;
import java.util.Map;

/** A started node of a flavour outside any cluster, for the node's plain classes; time stands still at zero. */
final class Nodes {
    private Nodes() {
    }

    static Mysqld started(String flavor) {
        Mysqld node = new Mysqld("source", 1, Flavors.standard().get(flavor), OptionFile.of(Map.of()),
                SemisyncPlugins.register(new PluginFactories()), () -> 0L);
        node.start();
        return node;
    }

    /** A trace at time zero that writes the kind of each event it records into {@code kinds}. */
    static Trace traceKindsInto(List<String> kinds) {
        Trace trace = new Trace(() -> 0L);
        trace.addSink(new TraceSink() {
            @Override
            public void accept(TraceEvent event) {
                kinds.add(event.kind());
            }

            @Override
            public void close() {
            }
        });
        return trace;
    }
}

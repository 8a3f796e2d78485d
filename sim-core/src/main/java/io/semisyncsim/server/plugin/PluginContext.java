package io.semisyncsim.server.plugin;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import java.util.function.LongSupplier;

/**
 * What a plugin gets from its server when it is initialised: its flavour and descriptor, the
 * variables, the error log, the clock, the server's threads, and how to release a commit it holds.
 * Each is a narrow interface of this package, never a server class, so plugins build on the plugin API
 * alone and the server can depend on it (docs/ARCHITECTURE.md, package layering).
 */
public record PluginContext(String node, Flavor flavor, PluginDescriptor descriptor, PluginVariables variables,
                            PluginLog errorLog, LongSupplier clock, WaitReleaser releaser, PluginThreads threads) {

    /** The plugin's own variable name for a template ({@code rpl_semi_sync_{source}_enabled}). */
    public String var(String template) {
        return descriptor.terms().apply(template);
    }
}

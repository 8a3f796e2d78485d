package io.semisyncsim.server.plugin;

import io.semisyncsim.flavor.Flavor;
import io.semisyncsim.flavor.PluginDescriptor;
import io.semisyncsim.server.ErrorLog;
import io.semisyncsim.server.SystemVariables;
import java.util.function.LongSupplier;

/**
 * What a plugin gets from its server when it is initialised: its flavour and descriptor, the
 * variables, the error log, the clock, the server's threads, and how to release a commit it holds.
 */
public record PluginContext(String node, Flavor flavor, PluginDescriptor descriptor, SystemVariables variables,
                            ErrorLog errorLog, LongSupplier clock, WaitReleaser releaser, PluginThreads threads) {

    /** The plugin's own variable name for a template ({@code rpl_semi_sync_{source}_enabled}). */
    public String var(String template) {
        return descriptor.terms().apply(template);
    }
}

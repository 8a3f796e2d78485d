package io.semisyncsim.server.plugin;

/** How a plugin lets a commit it holds go on: given by the server, called from the plugin. */
@FunctionalInterface
public interface WaitReleaser {
    void released(long waiter, boolean semisync);
}

package io.semisyncsim.cluster;

import io.semisyncsim.server.OptionFile;

/** A node of the topology: its name, role, server_id and option file. */
public record NodeSpec(String name, Role role, long serverId, OptionFile optionFile) {

    public enum Role { SOURCE, REPLICA }
}

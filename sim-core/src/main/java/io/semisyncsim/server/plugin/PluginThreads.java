package io.semisyncsim.server.plugin;

/**
 * The server's threads as a plugin may use them: who runs a piece of plugin code decides which thread
 * id its error-log lines carry (MySQL's current_thd), and the ACK receiver is a thread of its own.
 */
public interface PluginThreads {

    /** Runs {@code code} as no thread (id 0): a background context with no THD. */
    void asNoThread(Runnable code);

    /**
     * The plugin's ACK receiver starts: MariaDB's gets a thread id of its own (a THD no process list
     * shows); MySQL's has none and logs as 0.
     */
    void startAckReceiver();

    /** The ACK receiver stops. */
    void stopAckReceiver();

    /** Runs {@code code} as the ACK receiver thread. */
    void asAckReceiver(Runnable code);

    /** No threads: a plugin outside a server (unit tests). */
    PluginThreads NONE = new PluginThreads() {
        @Override
        public void asNoThread(Runnable code) {
            code.run();
        }

        @Override
        public void startAckReceiver() {
        }

        @Override
        public void stopAckReceiver() {
        }

        @Override
        public void asAckReceiver(Runnable code) {
            code.run();
        }
    };
}

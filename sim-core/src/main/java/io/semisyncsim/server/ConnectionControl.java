package io.semisyncsim.server;

/**
 * What KILL and SHUTDOWN ask of the node's actor: connections and threads are the actor's, the
 * statement executor only checks privileges and ids first.
 */
public interface ConnectionControl {

    /**
     * KILL [CONNECTION | QUERY] {@code thread}, issued by {@code killer}: the thread exists and the
     * killer may kill it.
     */
    void kill(long thread, boolean queryOnly, long killer);

    /** SHUTDOWN: a clean shutdown, initiated by {@code user} as the flavour names it in its log. */
    void shutdown(String initiatedBy);

    /** None: a node outside a cluster (unit tests). */
    ConnectionControl NONE = new ConnectionControl() {
        @Override
        public void kill(long thread, boolean queryOnly, long killer) {
        }

        @Override
        public void shutdown(String initiatedBy) {
        }
    };
}

package dev.sluice.delivery;

/** This gateway process, as lineage and the queue name it: host and process id. */
final class ThisProcess {

    private static final String NAME = name(System.getenv().getOrDefault("HOSTNAME", "localhost"),
            ProcessHandle.current().pid());

    private ThisProcess() {
    }

    static String name() {
        return NAME;
    }

    private static String name(String host, long pid) {
        String name = host + "/" + pid;
        return name.length() <= 56 ? name : name.substring(name.length() - 56);
    }
}

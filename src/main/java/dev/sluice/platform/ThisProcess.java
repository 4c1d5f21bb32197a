package dev.sluice.platform;

/** This gateway process, as lineage, the queue and the replica registry name it: host and process id. */
public final class ThisProcess {

    private static final String NAME = name(System.getenv().getOrDefault("HOSTNAME", "localhost"),
            ProcessHandle.current().pid());

    private ThisProcess() {
    }

    public static String name() {
        return NAME;
    }

    private static String name(String host, long pid) {
        String name = host + "/" + pid;
        return name.length() <= 56 ? name : name.substring(name.length() - 56);
    }
}

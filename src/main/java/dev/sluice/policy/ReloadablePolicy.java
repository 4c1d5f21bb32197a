package dev.sluice.policy;

import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * A policy file in force: read at start-up, where an invalid file stops the start with every
 * problem named; read again on every {@link #reload()}, where a change is taken up and an invalid
 * change is refused, logged, and the policy in force stays.
 *
 * @param <T> the policy as read
 */
public final class ReloadablePolicy<T> {

    /** Reads a policy from its text; {@code name} names the file in every problem. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String name, String text);
    }

    private static final Logger LOG = Logger.getLogger(ReloadablePolicy.class);

    private final String what;
    private final Path file;
    private final String configKey;
    private final Parser<T> parser;
    private volatile T current;
    private volatile String loadedText;

    /**
     * @param what what the file holds, for the log, e.g. "Rate-limit plans"
     * @param configKey the setting that names the file, for the message when it cannot be read
     */
    public ReloadablePolicy(String what, Path file, String configKey, Parser<T> parser) {
        this.what = what;
        this.file = file;
        this.configKey = configKey;
        this.parser = parser;
        String text = PolicyFile.read(file, configKey);
        this.current = parser.parse(file.toString(), text);
        this.loadedText = text;
        LOG.infof("%s from %s", what, file);
    }

    public T current() {
        return current;
    }

    /** Reads the file again if it changed; true when a valid change was taken up. */
    public boolean reload() {
        String text;
        try {
            text = PolicyFile.read(file, configKey);
        } catch (PolicyFile.InvalidPolicyException e) {
            LOG.errorf("%s not reloaded, those in force stay: %s", what, e.getMessage());
            return false;
        }
        if (text.equals(loadedText)) {
            return false;
        }
        loadedText = text;
        try {
            current = parser.parse(file.toString(), text);
            LOG.infof("%s reloaded from %s", what, file);
            return true;
        } catch (PolicyFile.InvalidPolicyException e) {
            LOG.errorf("%s not reloaded, those in force stay: %s", what, e.getMessage());
            return false;
        }
    }
}

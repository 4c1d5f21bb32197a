package dev.sluice.deployment;

import dev.sluice.erp.routing.RoutingConfig;
import dev.sluice.governance.ValidationConfig;
import dev.sluice.governance.ratelimit.RateLimitConfig;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Where the image puts the gateway and where the gateway, so placed, reads and writes. */
final class RuntimeLayout {

    /** The image's working directory, where the application and its policies are. */
    static final String WORKING_DIRECTORY = "/deployments";
    /** The one directory the process writes to: a volume, under a read-only root file system. */
    static final String TMP = "/tmp";
    /** The policy files the gateway reads at start, each under {@code policies/}. */
    static final List<String> POLICY_FILES = List.of("rate-limits.yaml", "routing.yaml", "validation.yaml");

    private RuntimeLayout() {
    }

    /** The files the gateway reads its policies from when nothing else is set, relative to its working directory. */
    static List<String> policyFileDefaults() {
        return List.of(RateLimitConfig.class, RoutingConfig.class, ValidationConfig.class).stream()
                .map(RuntimeLayout::fileDefault).toList();
    }

    private static String fileDefault(Class<?> mapping) {
        try {
            return mapping.getMethod("file").getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(mapping.getName() + " no longer names a policy file", e);
        }
    }
}

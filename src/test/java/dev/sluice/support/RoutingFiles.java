package dev.sluice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Routing files of the tests' own, for a gateway whose guard around the sandbox differs from the shipped one. */
public final class RoutingFiles {

    private RoutingFiles() {
    }

    /**
     * A routing file sending everything to the sandbox, guarded with {@code guard} (a YAML flow
     * mapping, e.g. {@code "{ post-timeout: 300ms, open-for: 1s }"}); answers its path.
     */
    public static String sandboxGuardedWith(String guard) {
        try {
            Path file = Files.createTempFile("sluice-routing", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, """
                    default-backend: sandbox
                    backends:
                      sandbox:
                        type: sandbox
                        guard: %s
                    """.formatted(guard));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.sluice.api;

import io.smallrye.config.ConfigMapping;

/** How page cursors are signed. */
@ConfigMapping(prefix = "sluice.cursors")
public interface CursorConfig {

    /**
     * The secret page cursors are signed with (HMAC-SHA256). Every replica has the same one, so a
     * cursor one replica hands out is taken by another; changing it refuses every cursor out.
     */
    String signingKey();
}

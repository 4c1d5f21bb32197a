package dev.sluice.governance;

import java.util.Set;

/**
 * Who is calling, as the bearer token says: the OAuth client, the token's subject, and the
 * scopes granted. Accepted writes, idempotency keys and rate limits are kept per client.
 */
public record Caller(String clientId, String subject, Set<String> scopes) {

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** Operations staff may read every client's operations and lineage. */
    public static final String OPERATIONS_ADMIN_SCOPE = "admin:operations";

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    /**
     * Whether this caller may see what {@code ownerClientId} wrote. Callers who may not are told
     * it does not exist, so ids cannot be probed.
     */
    public boolean maySee(String ownerClientId) {
        return clientId.equals(ownerClientId) || has(OPERATIONS_ADMIN_SCOPE);
    }

    /** The client whose writes this caller sees, or null for every client's. */
    public String visibleClient() {
        return has(OPERATIONS_ADMIN_SCOPE) ? null : clientId;
    }
}

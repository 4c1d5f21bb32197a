package dev.sluice.governance;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** Until callers authenticate, every request belongs to one client. */
@ApplicationScoped
@DefaultBean
public class UnauthenticatedCaller implements CallerIdentity {

    static final String CLIENT_ID = "anonymous";

    @Override
    public String clientId() {
        return CLIENT_ID;
    }
}

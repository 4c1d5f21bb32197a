package dev.sluice.startup;

import dev.sluice.erp.routing.ErpRouting;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says how the process runs: in its start-up log, and, in a production deployment that opted in
 * to the sandbox ERP for a demonstration, on every answer, so no caller takes a sandbox posting
 * for a ledger's.
 */
@ApplicationScoped
public class RunModeNotice {

    /** The header every answer of a demonstration deployment carries. */
    public static final String SANDBOX_HEADER = "Sluice-Sandbox";
    static final String SANDBOX_NOTICE = "demonstration: writes post to the built-in sandbox ERP, not to a ledger";

    private static final Logger LOG = Logger.getLogger(RunModeNotice.class);

    void routes(@Observes Router router, RunModeConfig config, SandboxOptIn sandbox, ErpRouting routing) {
        if (config.mode() == RunMode.DEVELOPMENT) {
            LOG.warn("Running in development mode: development realm and secrets, the embedded PostgreSQL unless"
                    + " a datasource URL is set, plain HTTP to the identity provider allowed; never in production");
            return;
        }
        LOG.info("Running in production mode");
        if (sandbox.allowInProduction() && routing.routesTo("sandbox")) {
            LOG.warn("This production deployment routes to the sandbox ERP (sluice.sandbox.allow-in-production):"
                    + " every answer carries " + SANDBOX_HEADER);
            router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
                ctx.response().putHeader(SANDBOX_HEADER, SANDBOX_NOTICE);
                ctx.next();
            });
        }
    }
}

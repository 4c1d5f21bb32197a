package dev.sluice.platform;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes (or systemd, or an operator) asks the gateway to stop. The shutdown
 * it starts is the graceful one either way: readiness down, requests in flight finished, delivery
 * settled and handed back. Left to the JVM, a process ended by SIGTERM then exits with 143 (128 +
 * the signal), the status of a process a signal ended; the gateway exits 0, as a process that
 * stopped because it was asked to and did so cleanly, so a rolling update does not leave a
 * failed container behind for every replica it replaced.
 */
@ApplicationScoped
class Termination {

    void exitCleanlyOnSigterm(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        }
    }
}

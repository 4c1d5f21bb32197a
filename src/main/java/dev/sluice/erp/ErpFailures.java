package dev.sluice.erp;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/** Which failures of a backend call mean "the ERP cannot answer now", as opposed to a defect. */
public final class ErpFailures {

    private ErpFailures() {
    }

    /** The ERP is down, slow, throttling or failing, or the circuit to it is open. */
    public static boolean unavailable(Throwable failure) {
        return failure instanceof ErpUnavailableException || failure instanceof FaultToleranceException;
    }
}

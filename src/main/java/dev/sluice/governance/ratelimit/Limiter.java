package dev.sluice.governance.ratelimit;

import java.util.concurrent.CompletionStage;

/** Takes a request's cost from a client's allowance, or refuses it; check and update are one step. */
interface Limiter {

    CompletionStage<Decision> take(String clientId, Plan plan, long cost);
}

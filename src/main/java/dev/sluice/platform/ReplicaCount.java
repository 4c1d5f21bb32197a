package dev.sluice.platform;

/** How many gateway processes of the deployment are alive, this one included: at least 1. */
@FunctionalInterface
public interface ReplicaCount {

    int alive();
}

package dev.sluice.delivery;

/**
 * Names of aggregates: the unit within which deliveries keep their order. A contract and
 * everything under it (its change orders, projects, their time and milestones) is one.
 */
public final class Aggregates {

    private Aggregates() {
    }

    public static String contract(String contractNumber) {
        return "contract:" + contractNumber;
    }
}

package dev.sluice.support;

/** Reads the gateway's Prometheus metrics, as an operator's scraper would. */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the first series of the metric carrying every label given ({@code name="value"}); 0 when none. */
    public static double value(String metric, String... labels) {
        for (String line : Management.given().get("/q/metrics").asString().split("\n")) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}

package dev.sluice.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;

/** Switches the sandbox ERP's simulated faults through the admin API. */
public final class Faults {

    private Faults() {
    }

    public static void set(Map<String, Object> faults) {
        given().contentType(ContentType.JSON).body(faults).put("/admin/v1/sandbox/faults").then().statusCode(200);
    }

    public static void clear() {
        set(Map.of());
    }
}

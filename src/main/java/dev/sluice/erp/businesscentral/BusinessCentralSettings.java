package dev.sluice.erp.businesscentral;

import dev.sluice.erp.BackendSettings;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Business Central backend's settings, read and checked from its entry in
 * {@code policies/routing.yaml}.
 *
 * @param name the backend's name, reported on every ERP reference
 * @param tenantId the Microsoft Entra tenant (a GUID or a domain such as {@code contoso.onmicrosoft.com})
 * @param environment the Business Central environment, e.g. {@code production}
 * @param companyId the company's id (a GUID): one company is one legal entity
 * @param legalEntity the gateway's code for that legal entity
 * @param clientId the app registration's client id, resolved from its reference
 * @param clientSecret the app registration's secret, resolved from its reference
 * @param baseUrl {@code https://api.businesscentral.dynamics.com} unless overridden
 * @param tokenUrl the Entra token endpoint of the tenant unless overridden
 */
record BusinessCentralSettings(String name, String tenantId, String environment, UUID companyId, String legalEntity,
        String clientId, String clientSecret, URI baseUrl, URI tokenUrl, Duration requestTimeout,
        Duration connectTimeout) {

    static final String TYPE = "business-central";
    static final String DEFAULT_BASE_URL = "https://api.businesscentral.dynamics.com";
    static final String DEFAULT_TOKEN_URL = "https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token";
    /** The OAuth scope Business Central's APIs accept for app-only tokens. */
    static final String SCOPE = "https://api.businesscentral.dynamics.com/.default";

    // a tenant and an environment end up as path segments: anything else would change the URL's meaning
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,29}");

    @Override
    public String toString() {
        // the secret must never reach a log line
        return "BusinessCentralSettings[" + name + ", tenant " + tenantId + ", environment " + environment
                + ", company " + companyId + "]";
    }

    static BusinessCentralSettings from(BackendSettings settings) {
        String tenant = settings.required("tenant-id");
        if (!TENANT.matcher(tenant).matches()) {
            throw settings.invalid("tenant-id", "must be a tenant GUID or domain name, not " + tenant);
        }
        String environment = settings.required("environment");
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw settings.invalid("environment", "must be an environment name (letters, digits, - and _, at most"
                    + " 30), not " + environment);
        }
        String company = settings.required("company-id");
        UUID companyId;
        try {
            companyId = UUID.fromString(company);
        } catch (IllegalArgumentException e) {
            throw settings.invalid("company-id", "must be the company's id, a GUID, not " + company);
        }
        String legalEntity = settings.required("legal-entity");
        String clientId = settings.secret("client-id");
        String clientSecret = settings.secret("client-secret");
        URI baseUrl = settings.uri("base-url", DEFAULT_BASE_URL);
        URI tokenUrl = settings.uri("token-url", DEFAULT_TOKEN_URL.replace("{tenantId}", tenant));
        Duration requestTimeout = settings.duration("request-timeout", Duration.ofSeconds(30));
        Duration connectTimeout = settings.duration("connect-timeout", Duration.ofSeconds(5));
        return new BusinessCentralSettings(settings.name(), tenant, environment, companyId, legalEntity, clientId,
                clientSecret, baseUrl, tokenUrl, requestTimeout, connectTimeout);
    }

    /** The company's API root, ending in a slash: {@code {base}/v2.0/{tenant}/{env}/api/v2.0/companies({id})/}. */
    String companyRoot() {
        return baseUrl + "/v2.0/" + tenantId + "/" + environment + "/api/v2.0/companies(" + companyId + ")/";
    }
}

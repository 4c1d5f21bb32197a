package dev.sluice.erp.http;

import dev.sluice.erp.ErpUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * HTTP to a remote ERP, for its adapter: each request bounded by a timeout, and transport
 * failures turned into {@link ErpUnavailableException}s the dispatcher retries. What a status
 * code means is the adapter's to say; this class only carries the exchange.
 */
public final class ErpHttp {

    private final String backend;
    private final HttpClient client;
    private final Duration requestTimeout;

    public ErpHttp(String backend, HttpClient client, Duration requestTimeout) {
        this.backend = backend;
        this.client = client;
        this.requestTimeout = requestTimeout;
    }

    /** A client for one backend: HTTP/1.1 (ERP APIs are), its connect timeout, redirects not followed. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public String backend() {
        return backend;
    }

    /** Sends the request and reads the whole answer, whatever its status. */
    public Response send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(requestTimeout).build();
        try {
            HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (HttpConnectTimeoutException e) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.UNREACHABLE,
                    backend + " did not accept a connection in time (" + built.method() + " " + built.uri().getPath() + ")",
                    null, e);
        } catch (HttpTimeoutException e) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.TIMEOUT,
                    backend + " did not answer within " + requestTimeout.toMillis() + " ms (" + built.method() + " "
                            + built.uri().getPath() + ")", null, e);
        } catch (ConnectException e) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.UNREACHABLE,
                    backend + " refused the connection (" + built.uri().getHost() + ")", null, e);
        } catch (IOException e) {
            throw new ErpUnavailableException(ErpUnavailableException.Cause.UNREACHABLE,
                    backend + " could not be reached: " + e, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErpUnavailableException(ErpUnavailableException.Cause.TIMEOUT,
                    "interrupted while waiting for " + backend, null, e);
        }
    }

    /** A throttling answer as the failure the dispatcher retries, after {@code Retry-After} or {@code fallback}. */
    public ErpUnavailableException throttled(Response response, String what, Duration fallback) {
        return new ErpUnavailableException(ErpUnavailableException.Cause.THROTTLED,
                backend + " is throttling: " + what, response.retryAfter().orElse(fallback), null);
    }

    /** A 5xx (or otherwise unusable) answer as the failure the dispatcher retries. */
    public ErpUnavailableException serverError(Response response, String what) {
        return new ErpUnavailableException(ErpUnavailableException.Cause.SERVER_ERROR,
                backend + " answered " + response.status() + ": " + what, response.retryAfter().orElse(null), null);
    }

    /** One answer: status, headers and body as text. */
    public record Response(int status, HttpHeaders headers, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** {@code Retry-After} as seconds or as an HTTP date, when present and sensible. */
        public Optional<Duration> retryAfter() {
            Optional<String> value = header("Retry-After").map(String::strip);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                long seconds = Long.parseLong(value.get());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Duration until = Duration.between(Instant.now(), at);
                    return Optional.of(until.isNegative() ? Duration.ZERO : until);
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}

package dev.sluice.governance.ratelimit;

import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A Lua script of ours run with EVALSHA, loaded on first use and again after Redis lost it (a restart). */
final class RedisScript {

    private final RedisAPI api;
    private final String text;
    private volatile String sha;

    RedisScript(RedisAPI api, String resource) {
        this.api = api;
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            this.text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CompletableFuture<Response> run(List<String> keys, List<String> args) {
        String known = sha;
        if (known == null) {
            return load().thenCompose(loaded -> eval(loaded, keys, args));
        }
        return eval(known, keys, args).exceptionallyCompose(failure -> {
            if (String.valueOf(failure.getMessage()).contains("NOSCRIPT")) {
                return load().thenCompose(loaded -> eval(loaded, keys, args));
            }
            return CompletableFuture.failedFuture(failure);
        });
    }

    private CompletableFuture<String> load() {
        return api.script(List.of("LOAD", text)).toCompletionStage().toCompletableFuture().thenApply(r -> {
            sha = r.toString();
            return sha;
        });
    }

    private CompletableFuture<Response> eval(String scriptSha, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(scriptSha);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return api.evalsha(command).toCompletionStage().toCompletableFuture();
    }
}

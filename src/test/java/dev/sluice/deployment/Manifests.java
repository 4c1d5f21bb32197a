package dev.sluice.deployment;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code helm template} rendered, each document read into the Kubernetes model class of its
 * kind. Reading is strict: a field the model does not know fails, as the API server would refuse it
 * (the model classes keep unknown fields aside by default; here that is switched off). The Prometheus
 * Operator's and Keycloak Operator's kinds have no model classes and are read as generic resources.
 */
final class Manifests {

    /** The model class of each kind the chart may render, by apiVersion and kind. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ServiceAccount", ServiceAccount.class,
            "v1 ConfigMap", ConfigMap.class,
            "networking.k8s.io/v1 Ingress", Ingress.class,
            "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);
    /** Custom resources of the operators the chart pairs with. */
    static final List<String> CUSTOM_KINDS = List.of("monitoring.coreos.com/v1 ServiceMonitor",
            "monitoring.coreos.com/v1 PrometheusRule", "k8s.keycloak.org/v2alpha1 KeycloakRealmImport");

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Fails on a field the model class does not declare, instead of keeping it as an additional property. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final List<HasMetadata> resources;

    private Manifests(List<HasMetadata> resources) {
        this.resources = List.copyOf(resources);
    }

    /** Reads every document of the rendered text; a document of an unknown kind or with an unknown field fails. */
    static Manifests read(String rendered) {
        List<HasMetadata> resources = new ArrayList<>();
        try {
            for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered).readAll()) {
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                resources.add(read(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered chart is not YAML", e);
        }
        return new Manifests(resources);
    }

    private static HasMetadata read(JsonNode document) {
        String type = document.path("apiVersion").asText() + " " + document.path("kind").asText();
        String name = type + " " + document.path("metadata").path("name").asText();
        try {
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model != null) {
                return STRICT.treeToValue(document, model);
            }
            if (CUSTOM_KINDS.contains(type)) {
                return LENIENT.treeToValue(document, GenericKubernetesResource.class);
            }
        } catch (IOException e) {
            throw new AssertionError(name + " does not match the Kubernetes model: " + e.getMessage(), e);
        }
        throw new AssertionError("the chart renders a kind it is not known to: " + name);
    }

    List<HasMetadata> all() {
        return resources;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one resource of this type; fails when there is none or more. */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", rendered " + found.size());
        }
        return found.get(0);
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /** The custom resources of one kind (ServiceMonitor, PrometheusRule, KeycloakRealmImport). */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** A custom resource as a JSON tree, to read its spec. */
    static JsonNode tree(GenericKubernetesResource resource) {
        return LENIENT.valueToTree(resource);
    }
}

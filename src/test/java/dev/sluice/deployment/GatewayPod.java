package dev.sluice.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's pod as the chart's Deployment describes it. */
record GatewayPod(Deployment deployment, Manifests manifests) {

    static GatewayPod of(Manifests manifests) {
        return new GatewayPod(manifests.named(Deployment.class, HelmChart.FULLNAME), manifests);
    }

    PodSpec spec() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    Container container() {
        List<Container> containers = spec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected the gateway's container alone, found " + containers.size());
        }
        return containers.get(0);
    }

    /** The container port of this name. */
    int port(String name) {
        return container().getPorts().stream().filter(port -> name.equals(port.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("the container has no port named " + name));
    }

    /** Every environment variable, by name. */
    Map<String, EnvVar> env() {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        for (EnvVar variable : Optional.ofNullable(container().getEnv()).orElse(List.of())) {
            if (env.put(variable.getName(), variable) != null) {
                throw new AssertionError("the environment variable " + variable.getName() + " is set twice");
            }
        }
        return env;
    }

    /** The Secret key an environment variable is taken from, if it is taken from one. */
    Optional<SecretKeySelector> secretOf(String variable) {
        return Optional.ofNullable(env().get(variable)).map(EnvVar::getValueFrom)
                .map(from -> from.getSecretKeyRef());
    }

    Optional<String> valueOf(String variable) {
        return Optional.ofNullable(env().get(variable)).map(EnvVar::getValue);
    }

    VolumeMount mount(String volume) {
        return container().getVolumeMounts().stream().filter(mount -> volume.equals(mount.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the container does not mount " + volume));
    }

    Volume volume(String name) {
        return spec().getVolumes().stream().filter(volume -> name.equals(volume.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("the pod has no volume " + name));
    }

    /** The policy files the pod sees, by file name, from the ConfigMaps its policies volume projects. */
    Map<String, String> policies() {
        Map<String, String> files = new LinkedHashMap<>();
        volume("policies").getProjected().getSources().forEach(source -> {
            ConfigMap map = manifests.named(ConfigMap.class, source.getConfigMap().getName());
            map.getData().forEach((file, text) -> {
                if (files.put(file, text) != null) {
                    throw new AssertionError(file + " is projected twice into the policies volume");
                }
            });
        });
        return files;
    }
}

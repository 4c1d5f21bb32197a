package dev.sluice.support;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The configuration keys the product's own classes read, found on the compiled classes. */
public final class ConfigurationKeys {

    /** Where a camel-case name turns kebab: {@code maxBodyBytes} is read as {@code max-body-bytes}. */
    private static final Pattern HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private static JavaClasses product;

    private ConfigurationKeys() {
    }

    /** The product's classes (tests left out). */
    public static synchronized JavaClasses product() {
        if (product == null) {
            product = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                    .importPackages("dev.sluice");
        }
        return product;
    }

    /** The {@code sluice.*} keys the {@code @ConfigMapping}s declare, prefix and method names in kebab case. */
    public static Set<String> declared() {
        Set<String> keys = new TreeSet<>();
        product().stream().filter(javaClass -> javaClass.isAnnotatedWith(ConfigMapping.class)).map(JavaClass::reflect)
                .forEach(mapping -> addKeys(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys));
        keys.removeIf(key -> !key.startsWith("sluice."));
        return keys;
    }

    /** The keys product classes have injected by name ({@code @ConfigProperty(name = ...)}). */
    public static Set<String> injected() {
        Set<String> keys = new TreeSet<>();
        product().stream().map(JavaClass::reflect).forEach(type -> {
            Stream.of(type.getDeclaredFields()).map(field -> field.getAnnotation(ConfigProperty.class))
                    .filter(java.util.Objects::nonNull).forEach(property -> keys.add(property.name()));
            Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
                    .map(Executable::getParameters).flatMap(Stream::of).map(ConfigurationKeys::property)
                    .filter(java.util.Objects::nonNull).forEach(keys::add);
        });
        return keys;
    }

    private static String property(Parameter parameter) {
        ConfigProperty property = parameter.getAnnotation(ConfigProperty.class);
        return property == null ? null : property.name();
    }

    private static void addKeys(String prefix, Class<?> mapping, Set<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (!Modifier.isAbstract(method.getModifiers())) {
                continue;
            }
            String key = method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(method);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackageName().startsWith("dev.sluice")) {
                addKeys(key, type, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /**
     * The name SmallRye Config reads a mapping method from: its {@code @WithName}, or the method's
     * name in kebab case; one with {@code @WithParentName} is read from its mapping's prefix itself.
     */
    private static String name(Method method) {
        WithName name = method.getAnnotation(WithName.class);
        if (name != null) {
            return name.value();
        }
        return HUMP.matcher(method.getName()).replaceAll("$1-$2").toLowerCase(Locale.ROOT);
    }
}

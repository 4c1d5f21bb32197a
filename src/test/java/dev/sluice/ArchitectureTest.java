package dev.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import dev.sluice.contract.ApiContracts;
import dev.sluice.contract.OpenApiContract.OperationSpec;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The separations ARCHITECTURE.md asks for, checked on the compiled product classes (tests
 * excluded): ports and adapters, the sandbox behind the port, HTTP at the edge, and no resource
 * method that is not an operation of a contract.
 */
class ArchitectureTest {

    private static final String FAULT_TOLERANCE = "org.eclipse.microprofile.faulttolerance";
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String HTTP_METHOD = "jakarta.ws.rs.HttpMethod";

    /** Plain tests rather than ArchUnit's engine, so that surefire's -Dtest filter runs them too. */
    private static JavaClasses product;

    @BeforeAll
    static void importTheProductClasses() {
        product = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.sluice");
    }

    /**
     * The top-level packages form no cycle: arrows run one way, from the edge (api, admin,
     * governance) inwards (delivery, masterdata, the ERP port and its adapters) to what every layer
     * may use (domain, contract, problem, policy, platform).
     */
    @Test
    void thePackagesFormNoCycle() {
        SlicesRuleDefinition.slices().matching("dev.sluice.(*)..").should().beFreeOfCycles()
                .because("a change should travel one way through the layers")
                .check(product);
    }

    /** Nor do the packages one level down (an adapter and its port, routing and the adapters). */
    @Test
    void theSubpackagesFormNoCycle() {
        SlicesRuleDefinition.slices().matching("dev.sluice.(*).(*)..").should().beFreeOfCycles()
                .check(product);
    }

    /** What every layer may use depends on no layer. */
    @Test
    void theSharedVocabularyDependsOnNoLayer() {
        noClasses()
                .that().resideInAnyPackage("dev.sluice.contract..", "dev.sluice.problem..", "dev.sluice.policy..",
                        "dev.sluice.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.api..", "dev.sluice.admin..",
                        "dev.sluice.governance..", "dev.sluice.delivery..", "dev.sluice.masterdata..", "dev.sluice.erp..")
                .because("the contract model, the problem vocabulary, policy files and the platform serve every layer")
                .check(product);
    }

    /** Inner layers know nothing of the REST resources and raise their own failures, mapped at the edge. */
    @Test
    void innerLayersDependOnNoEdge() {
        noClasses()
                .that().resideInAnyPackage("dev.sluice.delivery..", "dev.sluice.masterdata..", "dev.sluice.erp..",
                        "dev.sluice.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.sluice.api..", "dev.sluice.admin..",
                        "dev.sluice.problem..")
                .because("a failure of an inner layer becomes a problem document only at the edge")
                .check(product);
    }

    /** Validation reads pending writes through a port of its own and knows nothing of acceptance. */
    @Test
    void validationDependsOnNothingOfDelivery() {
        noClasses()
                .that().resideInAPackage("dev.sluice.masterdata..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.delivery..")
                .check(product);
    }

    @Test
    void theDomainDependsOnJavaOnly() {
        classes()
                .that().resideInAPackage("dev.sluice.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.domain..")
                .because("the canonical model is pure Java")
                .check(product);
    }

    /** The port package itself: the domain and Java, nothing else. */
    @Test
    void theErpPortDependsOnTheDomainOnly() {
        classes()
                .that().resideInAPackage("dev.sluice.erp")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.sluice.domain..", "dev.sluice.erp")
                .because("the port knows nothing of HTTP, persistence, fault tolerance or any vendor")
                .check(product);
    }

    /** One guard around every backend is the only code that sees fault-tolerance types. */
    @Test
    void onlyTheErpGuardUsesFaultTolerance() {
        noClasses()
                .that().doNotHaveFullyQualifiedName("dev.sluice.erp.routing.GuardedBackend")
                .should().dependOnClassesThat().resideInAnyPackage(FAULT_TOLERANCE + "..",
                        "io.smallrye.faulttolerance..")
                .because("outside the guard a failure of the ERP to answer is an ErpUnavailableException")
                .check(product);
    }

    @Test
    void nothingOutsideTheSandboxDependsOnIt() {
        noClasses()
                .that().resideOutsideOfPackage("dev.sluice.erp.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.erp.sandbox..")
                .because("the sandbox is one adapter behind the ErpBackend port, chosen by name")
                .check(product);
    }

    @Test
    void everyRemoteAdapterIsReachedThroughThePortOnly() {
        for (String adapter : new String[] {"dev.sluice.erp.netsuite..", "dev.sluice.erp.businesscentral.."}) {
            noClasses()
                    .that().resideOutsideOfPackage(adapter)
                    .should().dependOnClassesThat().resideInAPackage(adapter)
                    .because("an adapter is chosen by routing through its factory, and nothing else knows its vendor")
                    .check(product);
        }
    }

    @Test
    void theAdaptersKnowNothingOfHttpServingPersistenceOrDelivery() {
        noClasses()
                .that().resideInAnyPackage("dev.sluice.erp.netsuite..", "dev.sluice.erp.businesscentral..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.persistence..",
                        "dev.sluice.delivery..", "dev.sluice.api..", "dev.sluice.governance..", "dev.sluice.masterdata..")
                .because("a remote adapter speaks the port's language to its vendor, and only that")
                .check(product);
    }

    @Test
    void jaxRsStaysAtTheEdge() {
        noClasses()
                .that().resideOutsideOfPackages("dev.sluice.api..", "dev.sluice.admin..", "dev.sluice.governance..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .because("HTTP belongs to the API and admin resources and the edge")
                .check(product);
    }

    @Test
    void jaxRsResourcesCarryNoFaultToleranceAnnotations() {
        classes()
                .that(areJaxRsResources())
                .should(carryNoFaultToleranceAnnotations())
                .allowEmptyShould(false)
                .because("retries, timeouts and circuit breakers belong to the ERP delivery, not to request handling")
                .check(product);
    }

    /** The fault-tolerance rule sees the resources, so its passing means something. */
    @Test
    void theFaultToleranceRuleSeesEveryApiResource() {
        Stream<String> resources = product.stream().filter(areJaxRsResources()).map(JavaClass::getSimpleName);

        assertThat(resources).contains("ContractsResource", "ProjectsResource", "TimeResource",
                "MilestonesResource", "OperationsResource", "MasterDataResource", "LineageResource");
    }

    /**
     * Access control lets a resource method run only as the contract operation it is named after,
     * with that operation's scope, and refuses any other. So every resource method must be one:
     * same name as the operationId, same HTTP method, same path. No JAX-RS method is public (the
     * contract documents, Swagger UI, health and metrics are Vert.x routes).
     */
    @Test
    void everyResourceMethodIsAnOperationOfAServedContract() {
        List<ResourceMethod> methods = product.stream().filter(areJaxRsResources())
                .flatMap(resource -> resource.getAllMethods().stream()
                        .filter(method -> httpMethod(method).isPresent() || method.isAnnotatedWith(PATH))
                        .map(method -> new ResourceMethod(resource, method)))
                .toList();

        List<String> notOperations = methods.stream()
                .filter(method -> ApiContracts.operation(method.name()).filter(method::serves).isEmpty())
                .map(ResourceMethod::toString)
                .toList();

        assertThat(methods).as("the resource methods the rule walks").hasSizeGreaterThan(20);
        assertThat(notOperations).as("resource methods that are no operation of a served contract, by "
                + "operationId, HTTP method and path; access control refuses them").isEmpty();
    }

    /** Classes annotated with {@code @Path}, or implementing an interface that is (the generated APIs). */
    static DescribedPredicate<JavaClass> areJaxRsResources() {
        return DescribedPredicate.describe("are JAX-RS resources", javaClass -> !javaClass.isInterface()
                && (javaClass.isAnnotatedWith(PATH)
                        || javaClass.getAllRawInterfaces().stream().anyMatch(i -> i.isAnnotatedWith(PATH))));
    }

    /** A method a resource class serves, declared by the class or by the interface it implements. */
    private record ResourceMethod(JavaClass resource, JavaMethod method) {

        String name() {
            return method.getName();
        }

        boolean serves(OperationSpec operation) {
            return httpMethod(method).filter(operation.method()::equals).isPresent() && path().equals(operation.path());
        }

        /** The resource's {@code @Path} (its own, or its interface's) followed by the method's. */
        String path() {
            Optional<JavaAnnotation<JavaClass>> base = resource.tryGetAnnotationOfType(PATH).or(() -> resource
                    .getAllRawInterfaces().stream().flatMap(i -> i.tryGetAnnotationOfType(PATH).stream()).findFirst());
            String path = pathOf(base) + pathOf(method.tryGetAnnotationOfType(PATH));
            return path.replaceAll("//+", "/").replaceAll("(.)/$", "$1");
        }

        @Override
        public String toString() {
            return resource.getName() + "." + name() + " (" + httpMethod(method).orElse("no HTTP method") + " "
                    + path() + ")";
        }

        private static String pathOf(Optional<? extends JavaAnnotation<?>> path) {
            return path.map(annotation -> "/" + annotation.get("value").orElseThrow()).orElse("");
        }
    }

    /** The request method a resource method answers: its annotation that is meta-annotated {@code @HttpMethod}. */
    private static Optional<String> httpMethod(JavaMethod method) {
        return method.getAnnotations().stream()
                .filter(annotation -> annotation.getRawType().isAnnotatedWith(HTTP_METHOD))
                .map(annotation -> annotation.getRawType().getSimpleName())
                .findFirst();
    }

    static ArchCondition<JavaClass> carryNoFaultToleranceAnnotations() {
        return new ArchCondition<>("carry no " + FAULT_TOLERANCE + " annotations on the class or its methods") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaAnnotation<JavaClass> annotation : javaClass.getAnnotations()) {
                    report(javaClass, javaClass.getName(), annotation, events);
                }
                for (JavaMethod method : javaClass.getMethods()) {
                    for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                        report(javaClass, method.getFullName(), annotation, events);
                    }
                }
            }

            private void report(JavaClass javaClass, String where, JavaAnnotation<?> annotation,
                    ConditionEvents events) {
                if (annotation.getRawType().getPackageName().startsWith(FAULT_TOLERANCE)) {
                    events.add(SimpleConditionEvent.violated(javaClass,
                            where + " is annotated with " + annotation.getRawType().getName()));
                }
            }
        };
    }
}

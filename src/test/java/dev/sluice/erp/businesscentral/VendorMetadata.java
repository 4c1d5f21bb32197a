package dev.sluice.erp.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Business Central's API v2.0 {@code $metadata} (a copy of the vendor's document, see SOURCE.md
 * beside it): entity sets, the properties of each entity type with their EDM types and lengths,
 * and bound actions. Answers what, of what the adapter names or sends, the API does not have.
 */
final class VendorMetadata {

    static final String RESOURCE = "/erp/business-central/api-v2.0-metadata.xml";
    private static final String NAMESPACE = "Microsoft.NAV.";

    record Property(String type, Integer maxLength) {
    }

    private final Map<String, String> entitySets = new HashMap<>();
    private final Map<String, Map<String, Property>> entityTypes = new HashMap<>();
    private final Set<String> boundActions = new HashSet<>();

    private VendorMetadata() {
    }

    static VendorMetadata load() {
        try (InputStream in = VendorMetadata.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            VendorMetadata metadata = new VendorMetadata();
            for (Element set : elements(document, "EntitySet")) {
                metadata.entitySets.put(set.getAttribute("Name"), set.getAttribute("EntityType").replace(NAMESPACE, ""));
            }
            for (Element type : elements(document, "EntityType")) {
                Map<String, Property> properties = new HashMap<>();
                NodeList children = type.getElementsByTagNameNS("*", "Property");
                for (int i = 0; i < children.getLength(); i++) {
                    Element property = (Element) children.item(i);
                    String length = property.getAttribute("MaxLength");
                    properties.put(property.getAttribute("Name"), new Property(property.getAttribute("Type"),
                            length.isEmpty() || "max".equalsIgnoreCase(length) ? null : Integer.valueOf(length)));
                }
                metadata.entityTypes.put(type.getAttribute("Name"), properties);
            }
            for (Element action : elements(document, "Action")) {
                if ("true".equals(action.getAttribute("IsBound"))) {
                    Element binding = (Element) action.getElementsByTagNameNS("*", "Parameter").item(0);
                    metadata.boundActions.add(binding.getAttribute("Type").replace(NAMESPACE, "") + "/"
                            + action.getAttribute("Name"));
                }
            }
            return metadata;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + RESOURCE + ": " + e, e);
        }
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS("*", name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** What the registry names that the API does not have, or has with another type or length. */
    List<String> registryProblems() {
        List<String> problems = new ArrayList<>();
        for (BcSchema.EntitySet set : BcSchema.EntitySet.values()) {
            String type = entitySets.get(set.path());
            if (type == null) {
                problems.add("entity set " + set.path() + " does not exist");
            } else if (!type.equals(set.entityType())) {
                problems.add("entity set " + set.path() + " holds " + type + ", not " + set.entityType());
            }
        }
        for (BcSchema.Field field : BcSchema.Field.values()) {
            Property property = entityTypes.getOrDefault(field.set().entityType(), Map.of()).get(field.property());
            if (property == null) {
                problems.add(field + ": " + field.set().entityType() + " has no property " + field.property());
            } else if (!property.type().equals(field.edmType())) {
                problems.add(field + ": " + field.set().entityType() + "." + field.property() + " is "
                        + property.type() + ", not " + field.edmType());
            } else if (field.maxLength() > 0 && !Integer.valueOf(field.maxLength()).equals(property.maxLength())) {
                problems.add(field + ": " + field.set().entityType() + "." + field.property() + " has MaxLength "
                        + property.maxLength() + ", not " + field.maxLength());
            }
        }
        for (BcSchema.BoundAction action : BcSchema.BoundAction.values()) {
            if (!boundActions.contains(action.boundTo().entityType() + "/" + action.actionName())) {
                problems.add("no action " + action.actionName() + " bound to " + action.boundTo().entityType());
            }
        }
        return problems;
    }

    /**
     * What the request bodies the adapter sent name that the entity set they went to does not
     * have, or carry as another JSON type than the property's EDM type.
     */
    List<String> bodyProblems(List<ServeEvent> events) {
        ObjectMapper json = new ObjectMapper();
        List<String> problems = new ArrayList<>();
        for (ServeEvent event : events) {
            String path = event.getRequest().getUrl();
            if (!path.contains(BcFixture.ROOT) || event.getRequest().getBodyAsString().isEmpty()) {
                continue;
            }
            String relative = path.substring(path.indexOf(BcFixture.ROOT) + BcFixture.ROOT.length()).split("\\?")[0];
            String last = relative.substring(relative.lastIndexOf('/') + 1);
            String setName = last.contains("(") ? last.substring(0, last.indexOf('(')) : last;
            String type = entitySets.get(setName);
            if (type == null) {
                problems.add(event.getRequest().getMethod() + " " + relative + ": no entity set " + setName);
                continue;
            }
            Map<String, Property> properties = entityTypes.get(type);
            try {
                JsonNode body = json.readTree(event.getRequest().getBodyAsString());
                for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Property property = properties.get(field.getKey());
                    if (property == null) {
                        problems.add(event.getRequest().getMethod() + " " + setName + ": " + type + " has no property "
                                + field.getKey());
                    } else if (!fits(property, field.getValue())) {
                        problems.add(event.getRequest().getMethod() + " " + setName + ": " + field.getKey() + " is "
                                + property.type() + ", sent " + field.getValue());
                    }
                }
            } catch (Exception e) {
                problems.add(event.getRequest().getMethod() + " " + relative + ": body is not JSON");
            }
        }
        return problems;
    }

    private static boolean fits(Property property, JsonNode value) {
        return switch (property.type()) {
            case "Edm.Decimal", "Edm.Int32", "Edm.Int64" -> value.isNumber();
            case "Edm.Boolean" -> value.isBoolean();
            case "Edm.Date" -> value.isTextual() && value.asText().matches("\\d{4}-\\d{2}-\\d{2}");
            default -> value.isTextual() && (property.maxLength() == null
                    || value.asText().length() <= property.maxLength());
        };
    }
}

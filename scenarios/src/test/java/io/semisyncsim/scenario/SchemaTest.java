package io.semisyncsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The published JSON Schema accepts every library scenario, and refuses a broken one. */
class SchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try {
            JsonNode schema = new ObjectMapper().readTree(Files.readString(Path.of("schema", "scenario.schema.json")));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> validate(String yaml) throws IOException {
        return SCHEMA.validate(YAML.readTree(yaml));
    }

    /**
     * A library file as an editor's YAML language server sees it: aliases and merge keys resolved (as
     * our reader resolves them; Jackson's tree model reads an alias as its name), plain scalars typed.
     */
    private static Set<ValidationMessage> validateResolved(Path file) throws Exception {
        return SCHEMA.validate(json(io.semisyncsim.scenario.lang.YamlTree.read(Files.readString(file), file.toString())));
    }

    private static JsonNode json(io.semisyncsim.scenario.lang.YNode node) {
        com.fasterxml.jackson.databind.node.JsonNodeFactory f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (node instanceof io.semisyncsim.scenario.lang.YNode.Map m) {
            com.fasterxml.jackson.databind.node.ObjectNode o = f.objectNode();
            m.entries().forEach((k, e) -> o.set(k, json(e.value())));
            return o;
        }
        if (node instanceof io.semisyncsim.scenario.lang.YNode.Seq seq) {
            com.fasterxml.jackson.databind.node.ArrayNode a = f.arrayNode();
            seq.items().forEach(i -> a.add(json(i)));
            return a;
        }
        io.semisyncsim.scenario.lang.YNode.Scalar s = (io.semisyncsim.scenario.lang.YNode.Scalar) node;
        if (s.isNull()) {
            return f.nullNode();
        }
        if (s.text().matches("-?\\d{1,18}")) {
            return f.numberNode(Long.parseLong(s.text()));
        }
        if (s.text().equals("true") || s.text().equals("false")) {
            return f.booleanNode(Boolean.parseBoolean(s.text()));
        }
        return f.textNode(s.text());
    }

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioMatchesTheSchema() throws IOException {
        return ScenarioLibraryTest.library().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () ->
                assertEquals(Set.of(), validateResolved(file))));
    }

    private static JsonNode defs() throws IOException {
        return new ObjectMapper().readTree(Files.readString(Path.of("schema", "scenario.schema.json"))).get("$defs");
    }

    private static java.util.List<String> strings(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void theSchemasStepKindsAreTheRegistrys() throws IOException {
        java.util.List<String> inSchema = new java.util.ArrayList<>();
        defs().get("step").get("oneOf").forEach(ref -> inSchema.add(ref.get("$ref").asText().replace("#/$defs/", "")));
        java.util.List<String> registered = new java.util.ArrayList<>();
        io.semisyncsim.scenario.step.StepKinds.ALL.forEach(k -> registered.add(k.key()));
        assertEquals(new java.util.TreeSet<>(registered), new java.util.TreeSet<>(inSchema));
        for (io.semisyncsim.scenario.lang.StepKind k : io.semisyncsim.scenario.step.StepKinds.ALL) {
            if (!k.key().equals("fault")) { // a fault's keys are its kinds', below
                assertEquals(new java.util.TreeSet<>(k.keys()), fieldNames(defs().get(k.key()).get("properties")),
                        "the keys of a " + k.key() + " step");
            }
        }
    }

    private static java.util.TreeSet<String> fieldNames(JsonNode object) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSchemasFaultKindsAndTheirKeysAreTheRegistrys() throws IOException {
        java.util.List<String> registered = new java.util.ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        for (io.semisyncsim.scenario.lang.FaultKind k : io.semisyncsim.scenario.step.Faults.KINDS) {
            registered.add(k.name());
            keys.addAll(k.keys());
        }
        JsonNode fault = defs().get("fault").get("properties");
        assertEquals(registered, strings(fault.get("fault").get("enum")));
        assertEquals(keys, fieldNames(fault));
    }

    @Test
    void theSchemasOperatorsAreTheMatchers() throws IOException {
        assertEquals(io.semisyncsim.scenario.lang.Matcher.OPERATORS, strings(defs().get("operator").get("enum")));
    }

    @Test
    void theSchemasFlavoursAreTheFlavourTables() throws IOException {
        assertEquals(new java.util.TreeSet<>(io.semisyncsim.flavor.Flavors.standard().names()),
                new java.util.TreeSet<>(strings(defs().get("flavor").get("enum"))));
    }

    @Test
    void schemaRefusesAnUnknownStepKey() throws IOException {
        assertFalse(validate("name: t\ntopology: {source: s}\nsteps:\n  - on: s\n    sqll: SELECT 1\n").isEmpty());
    }

    @Test
    void schemaRefusesABadDuration() throws IOException {
        assertFalse(validate("name: t\ntopology: {source: s}\nsteps:\n  - sleep: 2 seconds\n").isEmpty());
    }
}

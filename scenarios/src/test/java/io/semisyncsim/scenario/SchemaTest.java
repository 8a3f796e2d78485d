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

    @TestFactory
    Stream<DynamicTest> everyLibraryScenarioMatchesTheSchema() throws IOException {
        return ScenarioLibraryTest.library().stream().map(file -> DynamicTest.dynamicTest(file.toString(), () ->
                assertEquals(Set.of(), validate(Files.readString(file)))));
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

package io.semisyncsim.scenario;

import io.semisyncsim.scenario.lang.Problem;
import io.semisyncsim.scenario.lang.InvalidScenarioException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.semisyncsim.flavor.Flavors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of broken scenarios: each file lists, in {@code # expect: LINE:COL: message} comments,
 * exactly the problems it must be refused with.
 */
class InvalidScenarioTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "invalid");

    @TestFactory
    Stream<DynamicTest> eachBrokenFileIsRefusedWithItsExactMessages() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.list(CORPUS)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<String> expected = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# expect: ")) {
                    expected.add("f.yaml:" + line.substring("# expect: ".length()));
                }
            }
            assertFalse(expected.isEmpty(), "the file says what it expects");
            try {
                ScenarioReader.read(text, "f.yaml", Flavors.standard());
                fail("accepted a broken scenario");
            } catch (InvalidScenarioException e) {
                assertEquals(expected, e.problems().stream().map(Problem::toString).toList());
            }
            assertEquals(io.semisyncsim.cli.Cli.INVALID, io.semisyncsim.cli.Cli.run("check", file.toString()),
                    "the CLI refuses it with exit code 2");
        }));
    }
}

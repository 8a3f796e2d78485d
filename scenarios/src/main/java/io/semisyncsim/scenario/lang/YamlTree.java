package io.semisyncsim.scenario.lang;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads YAML with Jackson's streaming parser into {@link YNode}s that keep line and column. Scalars keep
 * their text as written ({@code ON} stays ON), since values are compared as MySQL prints them.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    public static YNode read(String text, String file) throws InvalidScenarioException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new InvalidScenarioException(List.of(new Problem(file, new Pos(1, 1), "the file is empty")));
            }
            YNode root = node(p, file);
            if (p.nextToken() != null) {
                throw new InvalidScenarioException(List.of(new Problem(file, pos(p.currentTokenLocation()),
                        "only one YAML document is allowed")));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Pos pos = at == null ? new Pos(1, 1) : pos(at);
            throw new InvalidScenarioException(List.of(new Problem(file, pos, "YAML syntax: " + firstLine(e.getOriginalMessage()))));
        } catch (IOException e) {
            throw new InvalidScenarioException(List.of(new Problem(file, new Pos(1, 1), "cannot read: " + e.getMessage())));
        }
    }

    private static YNode node(JsonParser p, String file) throws IOException, InvalidScenarioException {
        Pos at = pos(p.currentTokenLocation());
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            LinkedHashMap<String, YNode.Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                Pos keyPos = pos(p.currentTokenLocation());
                p.nextToken();
                YNode value = node(p, file);
                if (entries.containsKey(key)) {
                    throw new InvalidScenarioException(List.of(new Problem(file, keyPos, "duplicate key '" + key + "'")));
                }
                entries.put(key, new YNode.Entry(keyPos, value));
            }
            return new YNode.Map(at, entries);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p, file));
            }
            return new YNode.Seq(at, items);
        }
        String text = t == JsonToken.VALUE_NULL ? "" : p.getText();
        return new YNode.Scalar(at, text);
    }

    private static Pos pos(JsonLocation l) {
        return new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Compliance.Ocsf;

/// <summary>
/// Reads the OCSF schema's JSON sources (the ocsf/ocsf-schema repository layout: dictionary.json, categories.json,
/// events/, objects/, profiles/) and resolves a class or object the way the OCSF server does: <c>extends</c> first,
/// then <c>$include</c>d profiles, then the type's own attributes, each merged field by field onto the dictionary's
/// definition; enums merge. Only the files it is asked for are read, so a trimmed copy of the schema suffices.
/// </summary>
public sealed class OcsfSchema
{
    private readonly string _root;
    private readonly JsonObject _dictionary;
    private readonly Dictionary<string, OcsfType> _resolved = [];

    public OcsfSchema(string root)
    {
        _root = root;
        _dictionary = Load("dictionary.json")["attributes"]!.AsObject();
        Categories = Load("categories.json")["attributes"]!.AsObject();
        Version = (string)Load("version.json")["version"]!;
    }

    public string Version { get; }

    public JsonObject Categories { get; }

    /// <summary>The files read so far, relative to the root.</summary>
    public SortedSet<string> FilesRead { get; } = new(StringComparer.Ordinal);

    public OcsfType Class(string relativePath) => Resolve(relativePath, isEvent: true);

    public OcsfType Object(string name) => Resolve($"objects/{name}.json", isEvent: false);

    private OcsfType Resolve(string path, bool isEvent)
    {
        if (_resolved.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var source = Load(path);
        var attributes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var profileOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var atLeastOne = new List<IReadOnlyList<string>>();
        string? category = (string?)source["category"];
        if ((string?)source["extends"] is { } parentName)
        {
            var parent = Resolve(isEvent ? FindEvent(parentName) : $"objects/{parentName}.json", isEvent);
            category ??= parent.Category;
            foreach (var (name, attribute) in parent.Attributes)
            {
                attributes[name] = ToJson(attribute);
                profileOf[name] = attribute.Profile;
            }

            atLeastOne.AddRange(parent.AtLeastOne);
        }

        var own = source["attributes"]?.AsObject() ?? [];
        foreach (var include in own["$include"]?.AsArray() ?? [])
        {
            var included = Load((string)include!);
            var profile = (string?)included["meta"] == "profile" ? (string?)included["name"] : null;
            foreach (var (name, attribute) in included["attributes"]!.AsObject())
            {
                Merge(attributes, name, attribute!.AsObject());
                profileOf[name] = profile;
            }
        }

        foreach (var (name, attribute) in own)
        {
            if (name == "$include")
            {
                continue;
            }

            Merge(attributes, name, attribute!.AsObject());
            if (attribute.AsObject().TryGetPropertyValue("profile", out var profile))
            {
                profileOf[name] = (string?)profile;
            }
            else
            {
                profileOf.TryAdd(name, null);
            }
        }

        if (source["constraints"]?["at_least_one"] is JsonArray constraint)
        {
            atLeastOne.Add(constraint.Select(n => (string)n!).ToList());
        }

        var resolved = new OcsfType(
            (string)source["name"]!, (string?)source["caption"], (int?)source["uid"], category,
            attributes.ToDictionary(p => p.Key, p => ToAttribute(p.Key, p.Value, profileOf.GetValueOrDefault(p.Key)), StringComparer.Ordinal),
            atLeastOne);
        _resolved[path] = resolved;
        return resolved;
    }

    private void Merge(Dictionary<string, JsonObject> attributes, string name, JsonObject overlay)
    {
        if (!attributes.TryGetValue(name, out var merged))
        {
            merged = _dictionary[name]?.DeepClone().AsObject()
                     ?? throw new InvalidOperationException($"Attribute '{name}' is not in the OCSF dictionary.");
            attributes[name] = merged;
        }

        foreach (var (key, value) in overlay)
        {
            if (key == "enum" && merged["enum"] is JsonObject existing && value is JsonObject added)
            {
                foreach (var (code, caption) in added)
                {
                    existing[code] = caption?.DeepClone();
                }
            }
            else
            {
                merged[key] = value?.DeepClone();
            }
        }
    }

    private static OcsfAttribute ToAttribute(string name, JsonObject json, string? profile) => new(
        name,
        (string?)json["requirement"] ?? "optional",
        (string)json["type"]!,
        (bool?)json["is_array"] ?? false,
        json["enum"] is JsonObject values ? values.ToDictionary(p => p.Key, p => (string)p.Value!["caption"]!) : null,
        (string?)json["sibling"],
        profile);

    private static JsonObject ToJson(OcsfAttribute attribute)
    {
        var json = new JsonObject
        {
            ["requirement"] = attribute.Requirement, ["type"] = attribute.Type, ["is_array"] = attribute.IsArray, ["sibling"] = attribute.Sibling,
        };
        if (attribute.Enum is not null)
        {
            json["enum"] = new JsonObject(attribute.Enum.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["caption"] = p.Value })));
        }

        return json;
    }

    private string FindEvent(string name) =>
        name == "base_event" ? "events/base_event.json" : Directory.EnumerateFiles(Path.Combine(_root, "events"), name + ".json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).Single();

    private JsonObject Load(string relativePath)
    {
        FilesRead.Add(relativePath);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(_root, relativePath)))!.AsObject();
    }
}

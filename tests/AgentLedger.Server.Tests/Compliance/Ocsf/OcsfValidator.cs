using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentLedger.Server.Tests.Compliance.Ocsf;

/// <summary>
/// Checks an OCSF event against the schema sources, the rules Hawxy/Ocsf.Net's validator lists: required attributes
/// (recursively), no attribute the class or object does not define, attributes of a profile only when
/// <c>metadata.profiles</c> names it, JSON types, enum membership with sibling captions, <c>at_least_one</c> constraints,
/// <c>class_uid</c> = category × 1000 + class uid, <c>type_uid</c> = <c>class_uid</c> × 100 + <c>activity_id</c>, and
/// a schema version of the same major.minor. Returns every violation found, each with its JSON path.
/// </summary>
public sealed class OcsfValidator(OcsfSchema schema)
{
    private static readonly HashSet<string> IntegerTypes = ["integer_t", "long_t", "timestamp_t", "port_t"];
    private static readonly HashSet<string> Computed = ["class_uid", "category_uid", "type_uid"];

    public List<string> Validate(JsonObject e, string classPath)
    {
        // As a consumer would receive it: every value parsed from text, whatever built the object.
        e = JsonNode.Parse(e.ToJsonString())!.AsObject();
        var errors = new List<string>();
        var type = schema.Class(classPath);
        var profiles = e["metadata"]?["profiles"] is JsonArray p ? p.Select(n => (string)n!).ToHashSet() : [];
        ValidateObject(e, type, "$", profiles, errors);
        CheckClassification(e, type, errors);
        return errors;
    }

    private void CheckClassification(JsonObject e, OcsfType type, List<string> errors)
    {
        var categoryUid = (int)schema.Categories[type.Category!]!["uid"]!;
        var classUid = (categoryUid * 1000) + type.Uid!.Value;
        var activityId = (long?)e["activity_id"];
        Expect(errors, "$.category_uid", (long?)e["category_uid"], categoryUid);
        Expect(errors, "$.class_uid", (long?)e["class_uid"], classUid);
        Expect(errors, "$.type_uid", (long?)e["type_uid"], (classUid * 100L) + (activityId ?? -1));
        Expect(errors, "$.class_name", (string?)e["class_name"], type.Caption);
        Expect(errors, "$.category_name", (string?)e["category_name"], (string?)schema.Categories[type.Category!]!["caption"]);
        if (e["type_name"] is not null && e["activity_name"] is not null)
        {
            Expect(errors, "$.type_name", (string?)e["type_name"], $"{type.Caption}: {(string?)e["activity_name"]}");
        }

        var version = (string?)e["metadata"]?["version"] ?? "";
        if (string.Join('.', version.Split('.').Take(2)) != string.Join('.', schema.Version.Split('.').Take(2)))
        {
            errors.Add($"$.metadata.version: '{version}' is not schema version {schema.Version}.");
        }
    }

    private void ValidateObject(JsonObject value, OcsfType type, string path, HashSet<string> profiles, List<string> errors)
    {
        // A profile's required attributes are required only where the event applies that profile.
        foreach (var attribute in type.Attributes.Values.Where(a => a.Requirement == "required" && (a.Profile is null || profiles.Contains(a.Profile))))
        {
            if (value[attribute.Name] is null)
            {
                errors.Add($"{path}.{attribute.Name}: required by {type.Name} but missing.");
            }
        }

        foreach (var group in type.AtLeastOne)
        {
            if (!group.Any(name => value[name] is not null))
            {
                errors.Add($"{path}: {type.Name} needs at least one of {string.Join(", ", group)}.");
            }
        }

        foreach (var (name, node) in value)
        {
            var at = $"{path}.{name}";
            if (!type.Attributes.TryGetValue(name, out var attribute))
            {
                errors.Add($"{at}: {type.Name} has no such attribute.");
                continue;
            }

            if (attribute.Profile is { } profile && !profiles.Contains(profile))
            {
                errors.Add($"{at}: belongs to profile '{profile}', which metadata.profiles does not list.");
            }

            if (node is null)
            {
                errors.Add($"{at}: null; leave the attribute out instead.");
                continue;
            }

            if (attribute.IsArray)
            {
                if (node is not JsonArray array)
                {
                    errors.Add($"{at}: must be an array.");
                    continue;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    ValidateValue(array[i], attribute, value, $"{at}[{i}]", profiles, errors);
                }
            }
            else
            {
                ValidateValue(node, attribute, value, at, profiles, errors);
            }
        }
    }

    private void ValidateValue(JsonNode? node, OcsfAttribute attribute, JsonObject parent, string at, HashSet<string> profiles, List<string> errors)
    {
        if (!attribute.Type.EndsWith("_t", StringComparison.Ordinal))
        {
            if (node is not JsonObject child)
            {
                errors.Add($"{at}: must be an object ({attribute.Type}).");
            }
            else if (attribute.Type != "object")
            {
                ValidateObject(child, schema.Object(attribute.Type), at, profiles, errors);
            }

            return;
        }

        var kind = node?.GetValueKind();
        var ok = attribute.Type switch
        {
            _ when IntegerTypes.Contains(attribute.Type) => kind == JsonValueKind.Number && node!.AsValue().TryGetValue<long>(out _),
            "float_t" => kind == JsonValueKind.Number,
            "boolean_t" => kind is JsonValueKind.True or JsonValueKind.False,
            "json_t" => true,
            _ => kind == JsonValueKind.String && ((string)node!).Length > 0,
        };
        if (!ok)
        {
            errors.Add($"{at}: is not a valid {attribute.Type}.");
            return;
        }

        if (attribute.Enum is { } values && !Computed.Contains(attribute.Name))
        {
            var code = node!.ToJsonString();
            if (!values.TryGetValue(code, out var caption))
            {
                errors.Add($"{at}: {code} is not one of {string.Join(", ", values.Keys)}.");
            }
            else if (attribute.Sibling is { } sibling && code != "99" && parent[sibling] is { } label && (string?)label != caption)
            {
                errors.Add($"{at}: its sibling {sibling} is '{(string?)label}', but the caption of {code} is '{caption}'.");
            }
        }
    }

    private static void Expect(List<string> errors, string at, long? actual, long expected)
    {
        if (actual != expected)
        {
            errors.Add($"{at}: is {actual}, must be {expected}.");
        }
    }

    private static void Expect(List<string> errors, string at, string? actual, string? expected)
    {
        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            errors.Add($"{at}: is '{actual}', must be '{expected}'.");
        }
    }
}

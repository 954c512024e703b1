using System.Text.Json.Nodes;
using AgentLedger.Core.Records;

namespace AgentLedger.Core.Compliance;

/// <summary>
/// The JSON form of a <see cref="RecordFilter"/> (snake_case, wire names, only the conditions set): how an export job
/// stores its filter, how its manifest states it, and how an audit event records what was asked for.
/// </summary>
public static class RecordFilterJson
{
    public static JsonObject ToJson(RecordFilter filter)
    {
        var json = new JsonObject();
        if (filter.StartTime is { } start)
        {
            json["start_time"] = ComplianceJson.Timestamp(start);
        }

        if (filter.EndTime is { } end)
        {
            json["end_time"] = ComplianceJson.Timestamp(end);
        }

        AddList(json, "user_ids", filter.UserIds);
        AddList(json, "user_emails", filter.UserEmails);
        AddList(json, "teams", filter.Teams);
        AddList(json, "agents", filter.Agents.Select(WireNames.Of));
        AddList(json, "surfaces", filter.Surfaces.Select(WireNames.Of));
        AddList(json, "client_ids", filter.ClientIds.Select(WireNames.Of));
        AddList(json, "models", filter.Models);
        AddList(json, "kinds", filter.Kinds.Select(WireNames.Of));
        AddList(json, "session_ids", filter.SessionIds);
        if (filter.Text is not null)
        {
            json["text"] = filter.Text;
        }

        AddList(json, "dlp_rules", filter.DlpRules);
        AddList(json, "dlp_categories", filter.DlpCategories);
        AddList(json, "dlp_actions", filter.DlpActions);

        return json;
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote; throws <see cref="FormatException"/> on unknown wire names.</summary>
    public static RecordFilter FromJson(JsonObject json) => new()
    {
        StartTime = json["start_time"] is { } start ? DateTimeOffset.Parse((string)start!, System.Globalization.CultureInfo.InvariantCulture) : null,
        EndTime = json["end_time"] is { } end ? DateTimeOffset.Parse((string)end!, System.Globalization.CultureInfo.InvariantCulture) : null,
        UserIds = List(json, "user_ids"),
        UserEmails = List(json, "user_emails"),
        Teams = List(json, "teams"),
        Agents = List(json, "agents").Select(WireNames.ParseAgent).ToList(),
        Surfaces = List(json, "surfaces").Select(WireNames.ParseSurface).ToList(),
        ClientIds = List(json, "client_ids").Select(WireNames.ParseClientId).ToList(),
        Models = List(json, "models"),
        Kinds = List(json, "kinds").Select(WireNames.ParseKind).ToList(),
        SessionIds = List(json, "session_ids"),
        Text = (string?)json["text"],
        DlpRules = List(json, "dlp_rules"),
        DlpCategories = List(json, "dlp_categories"),
        DlpActions = List(json, "dlp_actions"),
    };

    private static void AddList(JsonObject json, string name, IEnumerable<string> values)
    {
        var array = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        if (array.Count > 0)
        {
            json[name] = array;
        }
    }

    private static List<string> List(JsonObject json, string name) =>
        json[name] is JsonArray array ? array.Select(n => (string)n!).ToList() : [];
}

using System.Text;

namespace AgentLedger.Server.Features.Dashboard.Data;

/// <summary>One call of the native analytics API: endpoint name (<c>usage</c>, <c>active_users</c>, …) and its query pairs.</summary>
public sealed record ApiCall(string WorkspaceId, string Endpoint, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    /// <summary>The largest page the API serves; dashboards read one page and say so when there is more.</summary>
    public const string PageLimit = "30000";

    public string Path => $"/api/v1/analytics/workspaces/{Uri.EscapeDataString(WorkspaceId)}/{Endpoint}";

    /// <summary>The relative URL of this call in a format (<c>json</c> or <c>csv</c>): what the export links download.</summary>
    public string Url(string format)
    {
        var text = new StringBuilder(Path).Append('?');
        foreach (var (name, value) in Query.Append(new("limit", PageLimit)).Append(new("format", format)))
        {
            text.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        return text.ToString(0, text.Length - 1);
    }

    public string? Value(string name) => Query.FirstOrDefault(p => p.Key == name).Value;

    public string[]? Values(string name)
    {
        var values = Query.Where(p => p.Key == name).Select(p => p.Value).ToArray();
        return values.Length == 0 ? null : values;
    }
}

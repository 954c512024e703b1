namespace AgentLedger.Core.Keys;

/// <summary>Wire names of scopes (<c>ingest</c>, <c>analytics.read</c>, …) and the implication rules between them.</summary>
public static class ApiKeyScopes
{
    public const string Ingest = "ingest";
    public const string AnalyticsRead = "analytics.read";
    public const string ComplianceRead = "compliance.read";
    public const string ComplianceAdmin = "compliance.admin";
    public const string Admin = "admin";
    public const string Gateway = "gateway";

    private static readonly (ApiKeyScope Scope, string Name)[] Names =
    [
        (ApiKeyScope.Ingest, Ingest),
        (ApiKeyScope.AnalyticsRead, AnalyticsRead),
        (ApiKeyScope.ComplianceRead, ComplianceRead),
        (ApiKeyScope.ComplianceAdmin, ComplianceAdmin),
        (ApiKeyScope.Admin, Admin),
        (ApiKeyScope.Gateway, Gateway),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    /// <summary>Whether a key granted <paramref name="granted"/> may act with <paramref name="required"/>.</summary>
    /// <remarks><c>admin</c> implies every scope; <c>compliance.admin</c> implies <c>compliance.read</c>.</remarks>
    public static bool Allows(ApiKeyScope granted, ApiKeyScope required)
    {
        if (granted.HasFlag(ApiKeyScope.Admin))
        {
            return true;
        }

        if (granted.HasFlag(ApiKeyScope.ComplianceAdmin))
        {
            granted |= ApiKeyScope.ComplianceRead;
        }

        return (granted & required) == required;
    }

    public static string Format(ApiKeyScope scopes) =>
        string.Join(' ', Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name));

    /// <summary>Parses names separated by spaces or commas; throws naming the first unknown scope.</summary>
    public static ApiKeyScope Parse(string names)
    {
        var result = ApiKeyScope.None;
        foreach (var name in names.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.Find(Names, n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                throw new FormatException($"Unknown scope '{name}'. Known scopes: {string.Join(", ", AllNames)}.");
            }

            result |= match.Scope;
        }

        return result;
    }
}

namespace AgentLedger.Core.Keys;

/// <summary>What an API key may do, within its one workspace.</summary>
[Flags]
public enum ApiKeyScope
{
    None = 0,
    Ingest = 1,
    AnalyticsRead = 2,
    ComplianceRead = 4,
    ComplianceAdmin = 8,
    /// <summary>Administers the workspace; implies every other scope.</summary>
    Admin = 16,

    /// <summary>Calls model providers through the gateway; the key is presented where the provider key goes.</summary>
    Gateway = 32,
}

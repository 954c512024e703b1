namespace AgentLedger.Server.Features.Compliance.Audit;

/// <summary>Which request paths read or manage compliance data (so that refusals there are audited too).</summary>
public static class CompliancePaths
{
    public static bool IsCompliance(PathString path) =>
        path.StartsWithSegments("/api/v1/compliance", StringComparison.Ordinal)
        || path.StartsWithSegments("/v1/compliance", StringComparison.Ordinal)
        || (path.StartsWithSegments("/api/v1/workspaces", StringComparison.Ordinal)
            && path.Value!.EndsWith("/records", StringComparison.Ordinal));
}
